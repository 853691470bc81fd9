using Pilote.Data;
using Pilote.Kpis;

namespace Pilote.Measurements;

/// <summary>The stored measurements of one action, metric and period (a day for daily rows), summed.</summary>
public sealed class PointSum
{
    public int ActionId { get; init; }
    public required string Metric { get; init; }
    public DateOnly PeriodStart { get; init; }
    public DateOnly PeriodEnd { get; init; }
    public decimal Sum { get; init; }

    /// <summary>How many measurements the sum holds: two sources, or a report and its re-export.</summary>
    public int Points { get; init; }

    /// <summary>
    /// The value a KPI reads: the sum for additive metrics; for the others (averages, stocks, distinct counts) the mean of
    /// the measurements of the same period, which are the same number reported twice.
    /// </summary>
    public decimal Value(bool additive) => additive || Points <= 1 ? Sum : Sum / Points;

    /// <summary>The point KPI evaluation reads: summed for a metric whose aggregation is a sum (or unknown), else the mean.</summary>
    public MetricPoint Point(IReadOnlyDictionary<string, MetricSpec> specs) =>
        new(Metric, PeriodStart, PeriodEnd, Value(specs.GetValueOrDefault(Metric)?.Aggregation is null or Aggregation.Sum));
}

public static class PointSums
{
    /// <summary>
    /// One row per action, metric and period of the given measurements, however many imports lie behind it: what KPI
    /// evaluation reads. The sums are exact decimals on both databases (SQLite's through EF Core's ef_sum).
    /// </summary>
    public static IQueryable<PointSum> Of(IQueryable<Measurement> measurements) =>
        measurements
            .GroupBy(m => new { m.ActionId, m.Metric, m.PeriodStart, m.PeriodEnd })
            .Select(g => new PointSum
            {
                ActionId = g.Key.ActionId, Metric = g.Key.Metric, PeriodStart = g.Key.PeriodStart, PeriodEnd = g.Key.PeriodEnd,
                Sum = g.Sum(m => m.Value), Points = g.Count(),
            });

    /// <summary>
    /// The sums of a plan's measurements of the given metrics (lower case; compared in lower case) that ended on or before
    /// a day: only what the plan's KPIs read, where an import brings every metric its file has.
    /// </summary>
    public static IQueryable<PointSum> OfPlan(PiloteDb db, int planId, DateOnly asOf, IReadOnlyCollection<string> metrics) =>
        Of(db.Measurements.Where(m => db.Actions.Any(a => a.Id == m.ActionId && a.PlanId == planId) && m.PeriodEnd <= asOf
            && metrics.Contains(m.Metric.ToLower())));
}
