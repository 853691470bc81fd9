using Pilote.Common;
using Pilote.Kpis;
using Pilote.Targets;

namespace Pilote.Actions;

/// <summary>A KPI an action is measured by, with its current target. Earlier targets live in <see cref="History"/>.</summary>
public sealed class ActionKpi : IVersioned
{
    public int Id { get; set; }
    public int ActionId { get; set; }
    public PlanAction? Action { get; set; }
    public int KpiId { get; set; }
    public KpiDefinition? Kpi { get; set; }
    /// <summary>The target as typed (<c>&lt;3€</c>); null when the KPI is tracked without a target.</summary>
    public string? TargetText { get; set; }
    public Comparator? Comparator { get; set; }
    public decimal? TargetValue { get; set; }
    public decimal? TargetUpper { get; set; }
    public KpiUnit? TargetUnit { get; set; }
    public string? TargetLabel { get; set; }
    public decimal? RelativeChange { get; set; }
    public decimal? Baseline { get; set; }
    public TargetKind Kind { get; set; }
    /// <summary>When the target is due; falls back to the action's due date, then the plan's end.</summary>
    public DateOnly? Deadline { get; set; }
    public int Version { get; set; }
    public List<TargetChange> History { get; set; } = [];

    public Target? Target => Comparator is { } c && TargetValue is { } v
        ? new Target(c, v, TargetUpper, TargetUnit, null, TargetLabel, RelativeChange)
        : null;
}

/// <summary>A target as it was set at a moment: reports show the target in force at the time.</summary>
public sealed class TargetChange
{
    public int Id { get; set; }
    public int ActionKpiId { get; set; }
    public required string Text { get; set; }
    public Comparator Comparator { get; set; }
    public decimal Value { get; set; }
    public decimal? Upper { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
    public string? ChangedBy { get; set; }
    public string? Reason { get; set; }
}

/// <summary>A code that ties exported rows to the action: a UTM campaign, a campaign name, a promo code.</summary>
public sealed class TrackingCode
{
    public int Id { get; set; }
    public int ActionId { get; set; }
    public PlanAction? Action { get; set; }
    public TrackingKind Kind { get; set; }
    public required string Value { get; set; }
    /// <summary><see cref="TrackingCodes.Normalize(string)"/> of the value: what matching compares.</summary>
    public required string Normalized { get; set; }
}

/// <summary>The "commentaires &amp; ajustements" log: who said what, when.</summary>
public sealed class ActionComment
{
    public int Id { get; set; }
    public int ActionId { get; set; }
    public required string Author { get; set; }
    public DateTimeOffset At { get; set; }
    public CommentKind Kind { get; set; }
    public required string Text { get; set; }
}
