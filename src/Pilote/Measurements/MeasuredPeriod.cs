using Pilote.Actions;

namespace Pilote.Measurements;

/// <summary>
/// The days an action's KPIs read, each KPI's <see cref="Kpis.ActionKpiEvaluator.Window"/> put together: from the action's
/// start (else its plan's) to the latest of its KPIs' deadlines (else its due date, else its plan's end). A value outside them, or
/// straddling an edge (a period is never split), is stored and counts in no KPI: an import that matched such values
/// says so, or the dashboard stays as it was after « 1 ligne rattachée » with nothing to tell why.
/// </summary>
public static class MeasuredPeriod
{
    public static (DateOnly From, DateOnly To) Of(PlanAction action)
    {
        var windows = action.Kpis.Count == 0 ? [Kpis.ActionKpiEvaluator.Window(action.Plan!, action, null)]
            : action.Kpis.Select(k => Kpis.ActionKpiEvaluator.Window(action.Plan!, action, k)).ToList();
        return (windows[0].From, windows.Max(w => w.Deadline));
    }

    /// <summary>Per action with matched values outside its period, one warning in French and English (three at most, then a count).</summary>
    public static IEnumerable<(string French, string English)> Outside(IEnumerable<MeasurementRow> rows, IEnumerable<PlanAction> actions)
    {
        var byId = actions.ToDictionary(a => a.Id);
        var outside = rows
            .Where(r => byId.ContainsKey(r.ActionId))
            .Select(r => (Row: r, Period: Of(byId[r.ActionId])))
            .Where(x => x.Row.Start < x.Period.From || x.Row.End > x.Period.To)
            .GroupBy(x => x.Row.ActionId)
            .OrderBy(g => g.Key)
            .ToList();
        foreach (var g in outside.Take(3))
        {
            var (title, (from, to)) = (byId[g.Key].Title, g.First().Period);
            var (first, last) = (g.Min(x => x.Row.Start), g.Max(x => x.Row.End));
            // One value typed by hand (measures add) reads « 1 mesure le 01/01/2024 … : enregistrée, elle », not a plural range.
            var one = g.Count() == 1;
            var daysFr = first == last ? $"le {first:dd/MM/yyyy}" : $"du {first:dd/MM/yyyy} au {last:dd/MM/yyyy}";
            var daysEn = first == last ? $"on {first:yyyy-MM-dd}" : $"from {first:yyyy-MM-dd} to {last:yyyy-MM-dd}";
            yield return (
                $"« {title} » : {Common.Formats.Many(g.Count(), "mesure", "mesures", true)} {daysFr} hors de sa période "
                + $"({from:dd/MM/yyyy} → {to:dd/MM/yyyy}) : {(one ? "enregistrée, elle ne compte" : "enregistrées, elles ne comptent")} dans aucun KPI (le bon plan ? le bon rapport ?)",
                $"'{title}': {Common.Formats.Many(g.Count(), "measurement", "measurements", false)} {daysEn} outside its period "
                + $"({from:yyyy-MM-dd} to {to:yyyy-MM-dd}): stored, {(one ? "it counts" : "they count")} in no KPI (the right plan? the right report?)");
        }
        if (outside.Count > 3)
            yield return ($"et {outside.Count - 3} autres actions de même", $"and {outside.Count - 3} more actions likewise");
    }
}
