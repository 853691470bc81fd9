using Microsoft.EntityFrameworkCore;
using Pilote.Actions;
using Pilote.Data;
using Pilote.Kpis;
using Pilote.Plans;
using Pilote.Targets;

namespace Pilote.Dashboards;

/// <summary>
/// Builds the plan dashboard from <see cref="PlanReportBuilder"/> (so every KPI figure is the one <c>plan show</c>, the
/// exports and the review use) and adds what only the dashboard needs: budget by channel and the attention list.
/// </summary>
public sealed class DashboardService(PiloteDb db)
{
    /// <summary>A live action with no measurement for this many days is listed as needing attention.</summary>
    public const int QuietDays = 14;

    public async Task<PlanDashboard> BuildAsync(int planId, DateOnly asOf, CancellationToken ct = default)
    {
        var plan = await PlanLoader.LoadAsync(db, planId, ct: ct);
        var specs = await db.MetricDefinitions.AsNoTracking()
            .Where(m => m.WorkspaceId == plan.WorkspaceId)
            .ToDictionaryAsync(m => m.Key, m => m.ToSpec(), ct);
        var actionIds = plan.Actions.Select(a => a.Id).ToList();
        var rows = await db.Measurements.AsNoTracking()
            .Where(m => actionIds.Contains(m.ActionId) && m.PeriodEnd <= asOf)
            .Select(m => new { m.ActionId, m.Metric, m.PeriodStart, m.PeriodEnd, m.Value })
            .ToListAsync(ct);
        var byAction = rows.ToLookup(r => r.ActionId, r => new MetricPoint(r.Metric, r.PeriodStart, r.PeriodEnd, r.Value));
        var report = PlanReportBuilder.Build(plan, specs, a => byAction[a].ToList(), asOf);
        var lastMeasured = rows.GroupBy(r => r.ActionId).ToDictionary(g => g.Key, g => g.Max(r => r.PeriodEnd));
        return Compose(report, lastMeasured);
    }

    /// <summary>Pure: the dashboard of an evaluated plan, given each action's last measured day.</summary>
    public static PlanDashboard Compose(PlanReport report, IReadOnlyDictionary<int, DateOnly> lastMeasured)
    {
        var plan = report.Plan;
        var asOf = report.AsOf;
        var tiles = report.Actions
            .SelectMany(a => a.Kpis.Select(k => Tile(a.Action, k)))
            .ToList();
        var overdue = plan.Actions.Where(a => IsOverdue(a, asOf)).ToList();
        var summary = new DashboardSummary(
            report.Summary.Actions,
            report.Summary.ByStatus.OrderBy(s => s.Key).Select(s => new StatusCount(s.Key, s.Value)).ToList(),
            report.Summary.Budget,
            report.Summary.Spent,
            report.Summary.KpisByStatus.OrderBy(s => s.Key).Select(s => new KpiStatusCount(s.Key, s.Value)).ToList(),
            overdue.Count);
        var channels = plan.Actions
            .GroupBy(a => a.ChannelId)
            .Select(g => new ChannelBudget(g.First().Channel?.Key ?? "", g.First().Channel?.Name ?? "", g.First().Channel?.NameEn,
                g.Count(), g.Sum(a => a.PlannedBudget ?? 0m), g.Sum(a => a.Spent)))
            .OrderByDescending(c => c.Planned).ThenBy(c => c.Name, StringComparer.Ordinal)
            .ToList();
        return new PlanDashboard(plan.Id, plan.Name, plan.WorkspaceId, plan.Currency, plan.Culture, plan.Start, plan.End, asOf,
            plan.Budget, summary, tiles, channels, Attention(report, overdue, lastMeasured));
    }

    /// <summary>
    /// A cheap fingerprint of everything the dashboard reads: it changes when a measurement is added or removed or an
    /// action or the plan is edited. Pages poll it and rebuild only when it moves.
    /// </summary>
    public async Task<string> StampAsync(int planId, CancellationToken ct = default)
    {
        var plan = await db.Plans.AsNoTracking().Where(p => p.Id == planId)
            .Select(p => new
            {
                p.Version,
                Actions = p.Actions.Count,
                ActionVersions = p.Actions.Sum(a => a.Version),
                Kpis = p.Actions.SelectMany(a => a.Kpis).Sum(k => k.Version),
            })
            .FirstOrDefaultAsync(ct);
        if (plan is null)
            return "";
        var actionIds = db.Actions.Where(a => a.PlanId == planId).Select(a => a.Id);
        var measures = await db.Measurements.AsNoTracking().Where(m => actionIds.Contains(m.ActionId))
            .GroupBy(_ => 1).Select(g => new { Count = g.Count(), Max = g.Max(m => m.Id) }).FirstOrDefaultAsync(ct);
        return $"{plan.Version}.{plan.Actions}.{plan.ActionVersions}.{plan.Kpis}.{measures?.Count ?? 0}.{measures?.Max ?? 0}";
    }

    public static bool IsOverdue(PlanAction action, DateOnly asOf) =>
        action.Due is { } due && due < asOf && action.Status is not (ActionStatus.Done or ActionStatus.Stopped);

    private static KpiTile Tile(PlanAction action, KpiEvaluation k) =>
        new(action.Id, action.Title, action.Channel?.Name ?? "", k.Kpi, k.Name, k.Unit, k.Direction, k.Target?.Text,
            k.Target?.Value, k.Target?.Kind, k.Actual, k.ActualIsLowerBound, k.Attainment, k.Expected, k.Pace, k.Forecast,
            k.Status, k.Reason, k.Deadline, k.Weekly)
        { ReasonFr = k.ReasonFr, NameEn = k.NameEn };

    private static List<AttentionItem> Attention(PlanReport report, List<PlanAction> overdue, IReadOnlyDictionary<int, DateOnly> lastMeasured)
    {
        var asOf = report.AsOf;
        var items = new List<AttentionItem>();
        // Off track first, then at risk: the order a Monday meeting walks through them.
        foreach (var (status, kind) in new[] { (KpiStatus.OffTrack, AttentionKind.KpiOffTrack), (KpiStatus.AtRisk, AttentionKind.KpiAtRisk) })
            foreach (var a in report.Actions)
                foreach (var k in a.Kpis.Where(k => k.Status == status))
                    items.Add(new AttentionItem(kind, a.Action.Id, a.Action.Title, k.Kpi, k.Name, a.Action.Due, Last(a.Action.Id), k.Reason) { ReasonFr = k.ReasonFr, KpiNameEn = k.NameEn });
        foreach (var a in overdue)
            items.Add(new AttentionItem(AttentionKind.Overdue, a.Id, a.Title, null, null, a.Due, Last(a.Id),
                $"due {a.Due:yyyy-MM-dd}, still {a.Status.Id()}")
            { ReasonFr = $"échéance le {a.Due:dd/MM/yyyy}, toujours « {a.Status.Label()} »" });
        var quietSince = asOf.AddDays(-QuietDays);
        foreach (var a in report.Plan.Actions.Where(a => a.Status == ActionStatus.Live && a.Kpis.Count > 0))
        {
            var last = Last(a.Id);
            if (last is null || last < quietSince)
                items.Add(new AttentionItem(AttentionKind.NoRecentMeasurement, a.Id, a.Title, null, null, a.Due, last,
                    last is null ? "never measured" : $"last measured {last:yyyy-MM-dd}")
                { ReasonFr = last is null ? "jamais mesurée" : $"dernière mesure le {last:dd/MM/yyyy}" });
        }
        return items;

        DateOnly? Last(int actionId) => lastMeasured.TryGetValue(actionId, out var d) ? d : null;
    }
}
