using Microsoft.EntityFrameworkCore;
using Pilote.Data;
using Pilote.Kpis;

namespace Pilote.Measurements;

/// <summary>One KPI of one action over a window of days: its actual value (null when it cannot be computed).</summary>
public sealed record WindowKpi(int ActionId, string Kpi, decimal? Actual, bool IsLowerBound);

/// <summary>
/// Every KPI of a plan over a window (a dashboard's quarter): the database sums each action's additive metrics over
/// the window from <see cref="MeasurementTotal"/> and hands back one row per action and metric, so the time depends on
/// the plan's size, not on how many measurements lie behind it. Averages, stocks and distinct counts keep their own
/// rules (<see cref="MetricAggregator"/>) over their per-day rows.
/// </summary>
public static class WindowKpis
{
    public static async Task<List<WindowKpi>> ComputeAsync(PiloteDb db, int planId, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        var workspaceId = await db.Plans.Where(p => p.Id == planId).Select(p => p.WorkspaceId).FirstAsync(ct);
        var specs = await db.MetricDefinitions.AsNoTracking().Where(m => m.WorkspaceId == workspaceId)
            .ToDictionaryAsync(m => m.Key, m => m.ToSpec(), ct);
        var kpis = await db.ActionKpis.AsNoTracking().Where(k => k.Action!.PlanId == planId)
            .Select(k => new { k.ActionId, k.Kpi!.Key, k.Kpi.Expression }).ToListAsync(ct);
        var plain = specs.Values.Where(s => s.Aggregation != Aggregation.Sum).Select(s => s.Key).ToList();

        var window = db.MeasurementTotals.AsNoTracking()
            .Where(t => db.Actions.Any(a => a.Id == t.ActionId && a.PlanId == planId) && t.PeriodStart >= from && t.PeriodEnd <= to);
        var sums = await window.Where(t => !plain.Contains(t.Metric))
            .GroupBy(t => new { t.ActionId, t.Metric })
            .Select(g => new { g.Key.ActionId, g.Key.Metric, Micros = g.Sum(t => t.Micros) })
            .ToListAsync(ct);
        var others = plain.Count == 0 ? [] : await window.Where(t => plain.Contains(t.Metric)).ToListAsync(ct);

        var metrics = new Dictionary<int, Dictionary<string, MetricValue>>();
        Dictionary<string, MetricValue> Of(int action) =>
            metrics.TryGetValue(action, out var m) ? m : metrics[action] = new Dictionary<string, MetricValue>(StringComparer.OrdinalIgnoreCase);
        foreach (var s in sums)
            Of(s.ActionId)[s.Metric] = new MetricValue(s.Micros / 1_000_000m);
        foreach (var group in others.GroupBy(t => t.ActionId))
        {
            var points = group.Select(t => new MetricPoint(t.Metric, t.PeriodStart, t.PeriodEnd, t.Value(additive: false))).ToList();
            foreach (var (metric, value) in MetricAggregator.Aggregate(points, specs, from, to))
                Of(group.Key)[metric] = value;
        }

        var parsed = new Dictionary<string, KpiExpression?>();
        var result = new List<WindowKpi>(kpis.Count);
        foreach (var k in kpis)
        {
            if (!parsed.TryGetValue(k.Expression, out var expression))
                parsed[k.Expression] = expression = TryParse(k.Expression);
            var value = expression is null || !metrics.TryGetValue(k.ActionId, out var m) ? default : expression.Evaluate(m);
            result.Add(new WindowKpi(k.ActionId, k.Key, value.Value, value.IsLowerBound));
        }
        return result;
    }

    private static KpiExpression? TryParse(string text)
    {
        try
        {
            return KpiExpression.Parse(text);
        }
        catch (KpiExpressionException)
        {
            return null;
        }
    }
}
