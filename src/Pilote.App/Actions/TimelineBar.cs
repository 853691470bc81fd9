using System.Globalization;
using Pilote.Actions;
using Pilote.App.Layout;

namespace Pilote.App.Actions;

/// <summary>
/// One action's bar on the timeline, placed in percent of the span the timeline shows. Kept out of the page so that the
/// choices a reader relies on (where the dates are written, what is late, what has no date) are one place.
/// </summary>
public sealed record TimelineBar(string Left, string Width, string Label, string Title, string Classes)
{
    /// <summary>
    /// Below this share of the track the dates do not fit inside the bar (« 24/08/2026 → 21/02/2027 » needs about 130
    /// pixels, the track is at least 600 wide and usually 900 to 1 000): they are written beside it instead of cut.
    /// </summary>
    private const decimal Narrow = 16m;

    public static TimelineBar Of(DateOnly? start, DateOnly? due, ActionStatus status, DateOnly from, DateOnly to, DateOnly today)
    {
        var days = Days(from, to);
        var a = start ?? from;
        var b = due ?? to;
        var left = Offset(a, from, days);
        var width = 100m * Math.Max(1, Math.Min(b.DayNumber, to.DayNumber) - Math.Max(a.DayNumber, from.DayNumber) + 1) / days;

        // An action without a start or a due date is drawn over the plan's span, open (dashed) on the side it lacks,
        // and says so: a bar that looked dated would claim a period nobody decided.
        var first = start is { } s ? Ui.Date(s) : Ui.T("sans début", "no start");
        var last = due is { } d ? Ui.Date(d) : Ui.T("sans échéance", "no due date");
        var label = start is not null && start == due ? first : $"{first} → {last}";
        var title = $"{label} · {Ui.Status(status)}";

        var classes = new List<string> { "tl-bar", $"st-{status.Id()}" };
        if (start is null)
            classes.Add("open-start");
        if (due is null)
            classes.Add("open-end");
        // Late as the board says it: due before today and neither done nor stopped.
        if (due is { } end && end < today && status is not (ActionStatus.Done or ActionStatus.Stopped))
        {
            classes.Add("late");
            var late = today.DayNumber - end.DayNumber;
            title += Ui.T($" · en retard de {late} jour{(late > 1 ? "s" : "")}", $" · {late} day{(late > 1 ? "s" : "")} late");
        }
        if (width < Narrow)
            // Beside the bar, on its right unless the bar ends near the track's right edge.
            classes.Add(left + width > 100m - Narrow * 1.5m ? "outside before" : "outside");
        return new TimelineBar(Percent(left), Percent(width), label, title, string.Join(' ', classes));
    }

    /// <summary>Where a day stands on the track (a month's mark, today's line), as a CSS left.</summary>
    public static string At(DateOnly day, DateOnly from, DateOnly to) => Percent(Offset(day, from, Days(from, to)));

    private static int Days(DateOnly from, DateOnly to) => Math.Max(1, to.DayNumber - from.DayNumber + 1);

    private static decimal Offset(DateOnly day, DateOnly from, int days) => 100m * Math.Clamp(day.DayNumber - from.DayNumber, 0, days) / days;

    private static string Percent(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture) + "%";
}
