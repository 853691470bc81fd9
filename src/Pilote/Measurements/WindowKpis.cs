using Microsoft.EntityFrameworkCore;
using Pilote.Data;
using Pilote.Kpis;

namespace Pilote.Measurements;

/// <summary>One KPI of one action over a window of days: its actual value (null when it cannot be computed).</summary>
public sealed record WindowKpi(int ActionId, string Kpi, decimal? Actual, bool IsLowerBound);

/// <summary>
/// Every KPI of a plan over a window (a dashboard's quarter): the database sums each action's additive metrics over
/// the window (whole months from <see cref="MeasurementMonth"/>, periods from <see cref="MeasurementTotal"/>, the edge
/// days from the measurements) and hands back one row per action and metric, so the time depends on the plan's size and
/// the window's edges, not on how many measurements lie behind it. Averages, stocks and distinct counts keep their own
/// rules (<see cref="MetricAggregator"/>) over their per-day sums.
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
        var parsed = kpis.Select(k => k.Expression).Distinct().ToDictionary(e => e, KpiExpression.TryParse);
        // Only the metrics the plan's KPIs read; those that are not sums (averages, stocks, distinct counts) need their
        // per-day rows, the others only their sums.
        var used = parsed.Values.SelectMany(e => e?.Metrics ?? []).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var plain = specs.Values.Where(s => s.Aggregation != Aggregation.Sum && used.Contains(s.Key)).Select(s => s.Key).ToList();

        // Whole months come from the monthly sums, the days before the first and after the last whole month from the
        // measurements (their index is by action, metric and day), and periods longer than a day from their totals' own
        // index: about three rows per action and metric for a quarter, whatever lies behind them.
        var (first, last) = (from, to);
        var firstMonth = from.Day == 1 ? from : MeasurementMonth.Of(from).AddMonths(1);
        var lastMonth = to.AddDays(1).Day == 1 ? MeasurementMonth.Of(to) : MeasurementMonth.Of(to).AddMonths(-1);
        var (headEnd, tailStart) = firstMonth <= lastMonth ? (firstMonth.AddDays(-1), lastMonth.AddMonths(1)) : (to, to.AddDays(1));
        var actions = db.Actions.AsNoTracking().Where(a => a.PlanId == planId);
        var measurements = from a in actions
                           join m in db.Measurements.AsNoTracking() on a.Id equals m.ActionId
                           select m;
        var months = from a in actions
                     join m in db.MeasurementMonths.AsNoTracking() on a.Id equals m.ActionId
                     where m.Month >= firstMonth && m.Month <= lastMonth && !plain.Contains(m.Metric)
                     select new Part { ActionId = m.ActionId, Metric = m.Metric, Micros = m.Micros };
        var periods = from a in actions
                      join t in db.MeasurementTotals.AsNoTracking() on a.Id equals t.ActionId
                      where t.PeriodStart != t.PeriodEnd && t.PeriodStart >= first && t.PeriodStart <= last && t.PeriodEnd <= last
                          && !plain.Contains(t.Metric)
                      select new Part { ActionId = t.ActionId, Metric = t.Metric, Micros = t.Micros };
        var parts = firstMonth <= lastMonth ? periods.Concat(months) : periods;
        var sums = await parts
            .GroupBy(t => new { t.ActionId, t.Metric })
            .Select(g => new { g.Key.ActionId, g.Key.Metric, Micros = g.Sum(t => t.Micros) })
            .ToListAsync(ct);
        // The edge days as two plain ranges (an OR of ranges would make SQLite read every day of the action), left out
        // when empty: a quarter that starts and ends with its months has none. Only the sums the KPIs read, named: the
        // index goes action, metric, day, so each (action, metric) is one range of days.
        var summed = used.Where(m => !plain.Contains(m, StringComparer.OrdinalIgnoreCase)).SelectMany(m => new[] { m, m.ToLowerInvariant() })
            .Distinct().ToList();
        var edges = new List<(int ActionId, string Metric, decimal Sum)>();
        foreach (var (start, end) in new[] { (first, headEnd), (tailStart, last) })
            if (start <= end && summed.Count > 0)
                edges.AddRange((await measurements
                    .Where(m => summed.Contains(m.Metric) && m.PeriodStart >= start && m.PeriodStart <= end && m.PeriodEnd == m.PeriodStart)
                    .GroupBy(m => new { m.ActionId, m.Metric })
                    .Select(g => new { g.Key.ActionId, g.Key.Metric, Sum = g.Sum(m => m.Value) })
                    .ToListAsync(ct)).Select(e => (e.ActionId, e.Metric, e.Sum)));
        // Their per-day sums, with the weights of the weighted ones (an average time on page weighs each day by its sessions).
        var weighed = MetricAggregator.WithWeights(plain, specs);
        var others = plain.Count == 0 ? [] : await PointSums.Of(measurements
            .Where(m => weighed.Contains(m.Metric.ToLower()) && m.PeriodStart >= first && m.PeriodStart <= last && m.PeriodEnd <= last)).ToListAsync(ct);

        var metrics = new Dictionary<int, Dictionary<string, MetricValue>>();
        Dictionary<string, MetricValue> Of(int action) =>
            metrics.TryGetValue(action, out var m) ? m : metrics[action] = new Dictionary<string, MetricValue>(StringComparer.OrdinalIgnoreCase);
        var additive = new Dictionary<(int, string), decimal>();
        foreach (var s in sums)
            additive[(s.ActionId, s.Metric)] = s.Micros / 1_000_000m;
        foreach (var (action, metric, sum) in edges)
            additive[(action, metric)] = additive.GetValueOrDefault((action, metric)) + sum;
        foreach (var ((action, metric), sum) in additive)
            Of(action)[metric] = new MetricValue(sum);
        foreach (var group in others.GroupBy(t => t.ActionId))
        {
            // A weight is a count: summed, where the plain metrics' repeated reports of a day are averaged.
            var points = group.Select(t => t.Point(specs)).ToList();
            foreach (var (metric, value) in MetricAggregator.Aggregate(points, specs, from, to))
                if (plain.Contains(metric, StringComparer.OrdinalIgnoreCase))
                    Of(group.Key)[metric] = value;
        }

        var result = new List<WindowKpi>(kpis.Count);
        foreach (var k in kpis)
        {
            var expression = parsed[k.Expression];
            var value = expression is null || !metrics.TryGetValue(k.ActionId, out var m) ? default : expression.Evaluate(m);
            result.Add(new WindowKpi(k.ActionId, k.Key, value.Value, value.IsLowerBound));
        }
        return result;
    }

    // One summed row of the window, whichever table it came from (one shape, so the parts can be concatenated).
    private sealed class Part
    {
        public int ActionId { get; init; }
        public required string Metric { get; init; }
        public long Micros { get; init; }
    }
}
