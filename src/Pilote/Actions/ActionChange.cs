namespace Pilote.Actions;

/// <summary>
/// One field of an action changed by a person: who, when, which field, the value before and after. Values are stored
/// invariant (ISO dates, 1234.5, status ids, channel and KPI keys) and put in the reader's words when shown.
/// </summary>
public sealed class ActionChange
{
    public int Id { get; set; }
    public int ActionId { get; set; }
    public PlanAction? Action { get; set; }
    public DateTimeOffset At { get; set; }
    public required string By { get; set; }
    /// <summary>One of <see cref="ActionChangeFields"/>.</summary>
    public required string Field { get; set; }
    /// <summary>What the field belongs to when an action has several: the KPI key of a target, the kind of a tracking code.</summary>
    public string? Subject { get; set; }
    public string? OldValue { get; set; }
    public string? NewValue { get; set; }
}

/// <summary>The stable ids of the fields the change history records.</summary>
public static class ActionChangeFields
{
    public const string Created = "created";
    public const string Title = "title";
    public const string Channel = "channel";
    public const string Objective = "objective";
    public const string Aim = "aim";
    public const string Owner = "owner";
    public const string Team = "team";
    public const string Tools = "tools";
    public const string Start = "start";
    public const string Due = "due";
    public const string Status = "status";
    public const string Kind = "kind";
    public const string Periodicity = "periodicity";
    public const string Budget = "budget";
    public const string Spent = "spent";
    public const string TrackingCode = "tracking_code";
    public const string Kpi = "kpi";
    public const string Target = "target";
    public const string Baseline = "baseline";
    public const string Comment = "comment";
}
