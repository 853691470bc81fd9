namespace Pilote.Kpis;

/// <summary>One stored measurement as the arithmetic sees it: a metric's value over a period (inclusive days).</summary>
public readonly record struct MetricPoint(string Metric, DateOnly Start, DateOnly End, decimal Value);

/// <summary>What the arithmetic needs to know about a metric.</summary>
public sealed record MetricSpec(string Key, Aggregation Aggregation, string? WeightMetric = null);

/// <summary>An aggregated metric. <see cref="IsLowerBound"/> is set for a distinct metric whose period total is not known.</summary>
public readonly record struct MetricValue(decimal Value, bool IsLowerBound = false);

/// <summary>The value of a KPI, or none (a missing metric or a division by zero).</summary>
public readonly record struct KpiValue(decimal? Value, bool IsLowerBound = false)
{
    public static KpiValue None => new(null);
    public bool HasValue => Value.HasValue;
}
