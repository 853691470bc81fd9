namespace Pilote.Kpis;

/// <summary>Aggregates metric points over a window of days, each metric by its own rule.</summary>
public static class MetricAggregator
{
    /// <summary>
    /// Aggregates, per metric, the points whose period lies inside [from, to].
    /// Metrics with no point in the window are absent from the result.
    /// </summary>
    public static IReadOnlyDictionary<string, MetricValue> Aggregate(
        IEnumerable<MetricPoint> points,
        IReadOnlyDictionary<string, MetricSpec> specs,
        DateOnly from,
        DateOnly to) => throw new NotImplementedException();
}
