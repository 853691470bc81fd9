using Microsoft.EntityFrameworkCore;
using Pilote.Actions;
using Pilote.Data;
using Pilote.Kpis;
using Pilote.Objectives;
using Pilote.Targets;

namespace Pilote.Plans;

public static class PlanReportBuilder
{
    public static async Task<PlanReport> BuildAsync(PiloteDb db, int planId, DateOnly asOf, CancellationToken ct = default)
    {
        var plan = await PlanLoader.LoadAsync(db, planId, ct: ct);
        var specs = await db.MetricDefinitions.AsNoTracking()
            .Where(m => m.WorkspaceId == plan.WorkspaceId)
            .ToDictionaryAsync(m => m.Key, m => m.ToSpec(), ct);
        // One row per action, metric and day however many imports lie behind it, selected by the plan rather than a list
        // of ids: a 100 000-action plan would be 100 000 SQL parameters.
        var metrics = MetricAggregator.WithWeights(plan.Actions.SelectMany(a => a.Kpis).Select(k => k.Kpi!.Expression).Distinct()
            .SelectMany(e => KpiExpression.TryParse(e)?.Metrics ?? []), specs);
        var rows = metrics.Count == 0 ? [] : await Measurements.PointSums.OfPlan(db, planId, asOf, metrics).AsNoTracking().ToListAsync(ct);
        var byAction = rows.ToLookup(r => r.ActionId, r => r.Point(specs));
        return Build(plan, specs, a => byAction[a].ToList(), asOf);
    }

    /// <summary>Pure: evaluates a loaded plan with the points each action has.</summary>
    public static PlanReport Build(
        Plan plan,
        IReadOnlyDictionary<string, MetricSpec> specs,
        Func<int, IReadOnlyList<MetricPoint>> pointsOf,
        DateOnly asOf)
    {
        var actions = plan.Actions.Select(a =>
        {
            var points = pointsOf(a.Id);
            var kpis = a.Kpis.OrderBy(k => k.Id)
                .Select(k => ActionKpiEvaluator.Evaluate(plan, a, k, k.Kpi!, points, specs, asOf))
                .ToList();
            return new ActionReport(a, kpis);
        }).ToList();

        var byStatus = Enum.GetValues<ActionStatus>().ToDictionary(s => s, s => plan.Actions.Count(a => a.Status == s));
        var kpisByStatus = Enum.GetValues<KpiStatus>()
            .ToDictionary(s => s, s => actions.Sum(a => a.Kpis.Count(k => k.Status == s)));
        var summary = new PlanSummary(
            plan.Actions.Count,
            byStatus,
            plan.Actions.Sum(a => a.PlannedBudget ?? 0m),
            plan.Actions.Sum(a => a.Spent),
            kpisByStatus);
        var objectives = plan.Objectives.Select(o => new ObjectiveReport(o, SmartCheck.Check(o))).ToList();
        return new PlanReport(plan, asOf, objectives, actions, summary);
    }
}
