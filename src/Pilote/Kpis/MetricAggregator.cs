namespace Pilote.Kpis;

/// <summary>Aggregates metric points over a window of days, each metric by its own rule.</summary>
public static class MetricAggregator
{
    /// <summary>
    /// Aggregates, per metric, the points whose period lies inside [from, to].
    /// Metrics with no point in the window are absent from the result.
    /// A metric without a spec is summed.
    /// Keys are compared case-insensitively and returned in lower case, as <see cref="KpiExpression"/> reads them.
    /// </summary>
    public static IReadOnlyDictionary<string, MetricValue> Aggregate(
        IEnumerable<MetricPoint> points,
        IReadOnlyDictionary<string, MetricSpec> specs,
        DateOnly from,
        DateOnly to)
    {
        // A point straddling the window edge cannot be split without guessing, so it is left out.
        var inWindow = points.Where(p => p.Start >= from && p.End <= to).ToList();
        var byMetric = inWindow
            .GroupBy(p => p.Metric.ToLowerInvariant())
            .ToDictionary(g => g.Key, g => g.ToList());

        var result = new Dictionary<string, MetricValue>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, metricPoints) in byMetric)
        {
            var spec = FindSpec(specs, key);
            result[key] = (spec?.Aggregation ?? Aggregation.Sum) switch
            {
                Aggregation.Weighted => Weighted(metricPoints, spec?.WeightMetric, byMetric),
                Aggregation.Last => Last(metricPoints),
                Aggregation.Distinct => Distinct(metricPoints),
                _ => new MetricValue(metricPoints.Sum(p => p.Value)),
            };
        }

        return result;
    }

    /// <summary>
    /// What aggregating these metrics reads, in lower case: the metrics themselves and the weights of the weighted ones
    /// (an average time on page weighs each day by its sessions, a metric no formula names).
    /// </summary>
    public static HashSet<string> WithWeights(IEnumerable<string> metrics, IReadOnlyDictionary<string, MetricSpec> specs)
    {
        var read = new HashSet<string>(StringComparer.Ordinal);
        foreach (var metric in metrics)
        {
            read.Add(metric.ToLowerInvariant());
            if (FindSpec(specs, metric.ToLowerInvariant()) is { Aggregation: Aggregation.Weighted, WeightMetric: { } weight })
                read.Add(weight.ToLowerInvariant());
        }
        return read;
    }

    private static MetricSpec? FindSpec(IReadOnlyDictionary<string, MetricSpec> specs, string key)
    {
        if (specs.TryGetValue(key, out var spec))
        {
            return spec;
        }

        return specs.FirstOrDefault(s => string.Equals(s.Key, key, StringComparison.OrdinalIgnoreCase)).Value;
    }

    private static MetricValue Weighted(
        List<MetricPoint> points,
        string? weightMetric,
        Dictionary<string, List<MetricPoint>> byMetric)
    {
        var plainMean = new MetricValue(points.Average(p => p.Value));
        if (weightMetric is null || !byMetric.TryGetValue(weightMetric.ToLowerInvariant(), out var weightPoints))
        {
            return plainMean;
        }

        // Several weight rows for one period (e.g. two imports) add up, as weights are additive counts.
        var weights = weightPoints
            .GroupBy(w => (w.Start, w.End))
            .ToDictionary(g => g.Key, g => g.Sum(w => w.Value));

        decimal weightedSum = 0, weightTotal = 0;
        foreach (var point in points)
        {
            if (weights.TryGetValue((point.Start, point.End), out var weight))
            {
                weightedSum += point.Value * weight;
                weightTotal += weight;
            }
        }

        return weightTotal == 0 ? plainMean : new MetricValue(weightedSum / weightTotal);
    }

    private static MetricValue Last(List<MetricPoint> points)
    {
        var last = points[0];
        foreach (var point in points.Skip(1))
        {
            // ">=" on the tie lets the point given last win.
            if (point.End > last.End || (point.End == last.End && point.Start >= last.Start))
            {
                last = point;
            }
        }

        return new MetricValue(last.Value);
    }

    private static MetricValue Distinct(List<MetricPoint> points)
    {
        // A point whose period covers every other one is the source's own unique count for the whole span:
        // exact. Among several covering points (same widest period), the one given last wins.
        var covering = points.FindLastIndex(c => points.All(p => c.Start <= p.Start && c.End >= p.End));
        if (covering >= 0)
        {
            return new MetricValue(points[covering].Value);
        }

        // Unique counts of sub-periods overlap: their sum overstates, their max understates.
        return new MetricValue(points.Max(p => p.Value), IsLowerBound: true);
    }
}
