using System.Globalization;
using Pilote.Actions;
using Pilote.Audit;
using Pilote.Common;
using Pilote.Plans;
using Pilote.Reviews;
using Pilote.Targets;

namespace Pilote.Alerts;

/// <summary>Something worth telling: <see cref="Period"/> makes the same situation alert once (per week, per due date…).</summary>
public sealed record AlertEvent(string Kind, int PlanId, string Subject, string Period, string Title, string Message);

/// <summary>The scheduled checks, as plain functions over a plan's report: what is off track, overdue, unmeasured or over budget.</summary>
public static class AlertChecks
{
    public static IReadOnlyList<AlertEvent> Run(PlanReport report, IReadOnlyDictionary<int, DateOnly> lastMeasured, DateOnly today, bool french = true)
    {
        var plan = report.Plan;
        var c = Formats.ForReader(french, plan.Culture);
        string T(string fr, string en) => french ? fr : en;
        string Money(decimal v) => Formats.Money(v, plan.Currency, c);
        var week = ReviewBuilder.WeekId(ReviewBuilder.Monday(today));
        var events = new List<AlertEvent>();
        if (today < plan.Start)
            return events;

        foreach (var a in report.Actions)
        {
            var action = a.Action;
            var live = action.Status is ActionStatus.Live or ActionStatus.InProgress;
            foreach (var k in a.Kpis.Where(k => k.Status == KpiStatus.OffTrack))
            {
                // The KPI's name in the reader's language: an English digest reads « Open rate », not « Taux d'ouverture ».
                var name = k.Label(french);
                events.Add(new AlertEvent(AlertKinds.KpiOffTrack, plan.Id, $"action:{action.Id}:kpi:{k.Kpi}", week,
                    T($"{name} hors trajectoire — {action.Title}", $"{name} off track — {action.Title}"),
                    T($"« {action.Title} » ({plan.Name}) : {name} {Formats.Kpi(k.Actual, k.Unit, plan.Currency, c)} pour une cible de {k.Target?.Text}.",
                        $"'{action.Title}' ({plan.Name}): {name} {Formats.Kpi(k.Actual, k.Unit, plan.Currency, c)} for a target of {k.Target?.Show(false, k.Unit, plan.Currency, c)}.")));
            }
            if (action.Due is { } due && due < today && action.Status is not (ActionStatus.Done or ActionStatus.Stopped))
                events.Add(new AlertEvent(AlertKinds.OverdueAction, plan.Id, $"action:{action.Id}", due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    T($"Action en retard — {action.Title}", $"Overdue action — {action.Title}"),
                    T($"« {action.Title} » ({plan.Name}) devait finir le {Formats.Date(due, c)} et reste « {action.Status.Label(true)} »{(action.Owner is { } o ? $" (responsable : {o})" : "")}.",
                        $"'{action.Title}' ({plan.Name}) was due on {Formats.Date(due, c)} and is still '{action.Status.Label(false)}'{(action.Owner is { } o2 ? $" (owner: {o2})" : "")}.")));
            var since = action.Start ?? plan.Start;
            var last = lastMeasured.TryGetValue(action.Id, out var l) ? l : (DateOnly?)null;
            if (live && today.DayNumber - since.DayNumber >= PlanAudit.StaleDays && (last is null || today.DayNumber - last.Value.DayNumber > PlanAudit.StaleDays))
                events.Add(new AlertEvent(AlertKinds.NoMeasurement, plan.Id, $"action:{action.Id}", last?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "never",
                    T($"Aucune mesure depuis {PlanAudit.StaleDays} jours — {action.Title}", $"Nothing measured for {PlanAudit.StaleDays} days — {action.Title}"),
                    last is { } d
                        ? T($"« {action.Title} » ({plan.Name}) est en cours mais rien n'est mesuré depuis le {Formats.Date(d, c)}.", $"'{action.Title}' ({plan.Name}) is live but nothing was measured since {Formats.Date(d, c)}.")
                        : T($"« {action.Title} » ({plan.Name}) est en cours depuis le {Formats.Date(since, c)} sans aucune mesure.", $"'{action.Title}' ({plan.Name}) is live since {Formats.Date(since, c)} with nothing measured.")));
            if (action.PlannedBudget is { } budget && action.Spent > budget)
                events.Add(new AlertEvent(AlertKinds.OverBudget, plan.Id, $"action:{action.Id}", week,
                    T($"Budget dépassé — {action.Title}", $"Over budget — {action.Title}"),
                    T($"« {action.Title} » ({plan.Name}) a dépensé {Money(action.Spent)} pour un budget de {Money(budget)}.",
                        $"'{action.Title}' ({plan.Name}) spent {Money(action.Spent)} against a budget of {Money(budget)}.")));
        }
        var spent = plan.Actions.Sum(a => a.Spent);
        if (plan.Budget is { } total && spent > total)
            events.Add(new AlertEvent(AlertKinds.OverBudget, plan.Id, $"plan:{plan.Id}", week,
                T($"Budget du plan dépassé — {plan.Name}", $"Plan over budget — {plan.Name}"),
                T($"Le plan « {plan.Name} » a dépensé {Money(spent)} pour un budget de {Money(total)}.", $"Plan '{plan.Name}' spent {Money(spent)} against a budget of {Money(total)}.")));
        return events;
    }
}
