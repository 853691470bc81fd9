using Pilote.Common;
using Pilote.Targets;

namespace Pilote.Kpis;

/// <summary>A KPI: a formula over metrics, with a unit and a direction. Editable per workspace.</summary>
public sealed class KpiDefinition : IVersioned
{
    public int Id { get; set; }
    public int WorkspaceId { get; set; }
    /// <summary>Stable id: cpl, taux_ouverture, partages…</summary>
    public required string Key { get; set; }
    public required string Name { get; set; }
    public string? NameEn { get; set; }
    /// <summary>The formula, e.g. <c>spend / leads</c>.</summary>
    public required string Expression { get; set; }
    public KpiUnit Unit { get; set; }
    public Direction Direction { get; set; }
    /// <summary>Cumulative for counts reached by a deadline, Rate for ratios held over a window.</summary>
    public TargetKind DefaultKind { get; set; }
    public int Version { get; set; }
}

/// <summary>A raw number a tool exports, and how it aggregates over time.</summary>
public sealed class MetricDefinition : IVersioned
{
    public int Id { get; set; }
    public int WorkspaceId { get; set; }
    public required string Key { get; set; }
    public required string Name { get; set; }
    public string? NameEn { get; set; }
    public Aggregation Aggregation { get; set; }
    public string? WeightMetric { get; set; }
    public KpiUnit Unit { get; set; }
    public int Version { get; set; }

    public MetricSpec ToSpec() => new(Key, Aggregation, WeightMetric);
}
