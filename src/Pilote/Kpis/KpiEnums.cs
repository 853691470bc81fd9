namespace Pilote.Kpis;

/// <summary>How a metric's values combine over several periods.</summary>
public enum Aggregation
{
    /// <summary>Additive: clicks, spend, leads.</summary>
    Sum,
    /// <summary>Average weighted by another metric: avg_position by impressions.</summary>
    Weighted,
    /// <summary>A stock: the most recent value wins (followers, LTV).</summary>
    Last,
    /// <summary>Unique counts (reach, users): never summed across periods.</summary>
    Distinct,
}

/// <summary>The unit a KPI's value is expressed in. Percentages are fractions (0.25 is 25 %).</summary>
public enum KpiUnit
{
    Count,
    Percent,
    Currency,
    Seconds,
    Rank,
    Ratio,
}

public enum Direction
{
    HigherIsBetter,
    LowerIsBetter,
}
