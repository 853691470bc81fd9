using Pilote.Actions;
using Pilote.Kpis;
using Pilote.Targets;

namespace Pilote.Dashboards;

/// <summary>Everything the plan dashboard shows, as of one day: the web page and the API endpoint both read this.</summary>
public sealed record PlanDashboard(
    int PlanId,
    string PlanName,
    int WorkspaceId,
    string Currency,
    string Culture,
    DateOnly Start,
    DateOnly End,
    DateOnly AsOf,
    decimal? Budget,
    DashboardSummary Summary,
    IReadOnlyList<KpiTile> Tiles,
    IReadOnlyList<ChannelBudget> Channels,
    IReadOnlyList<AttentionItem> Attention)
{
    /// <summary>The share of the plan's period elapsed at <see cref="AsOf"/>, 0 to 1.</summary>
    public decimal Elapsed => End <= Start ? 1m
        : Math.Clamp((AsOf.DayNumber - Start.DayNumber + 1) / (decimal)(End.DayNumber - Start.DayNumber + 1), 0m, 1m);
}

/// <summary>The source's "zone synthèse": actions in total and by status, budget, KPIs by status.</summary>
public sealed record DashboardSummary(
    int Actions,
    IReadOnlyList<StatusCount> ByStatus,
    decimal Planned,
    decimal Spent,
    IReadOnlyList<KpiStatusCount> KpisByStatus,
    int Overdue);

public sealed record StatusCount(ActionStatus Status, int Count);

public sealed record KpiStatusCount(KpiStatus Status, int Count);

/// <summary>One KPI of one action: actual against target, attainment, pace, forecast at the deadline and its weekly series.</summary>
public sealed record KpiTile(
    int ActionId,
    string Action,
    string Channel,
    string Kpi,
    string Name,
    KpiUnit Unit,
    Direction Direction,
    string? Target,
    decimal? TargetValue,
    TargetKind? Kind,
    decimal? Actual,
    bool ActualIsLowerBound,
    decimal? Attainment,
    decimal? Expected,
    decimal? Pace,
    Forecast? Forecast,
    KpiStatus Status,
    string Reason,
    DateOnly Deadline,
    IReadOnlyList<WeekValue> Weekly)
{
    /// <summary>The reason in French; <see cref="Reason"/> is the English.</summary>
    public string? ReasonFr { get; init; }

    /// <summary>The KPI's English name, when the catalog has one; <see cref="Name"/> is the French.</summary>
    public string? NameEn { get; init; }

    public string Why(bool french) => french && ReasonFr is not null ? ReasonFr : Reason;

    public string Label(bool french) => french ? Name : NameEn ?? Name;
}

/// <summary>Budget planned against spent on one channel.</summary>
public sealed record ChannelBudget(string Channel, string Name, string? NameEn, int Actions, decimal Planned, decimal Spent);

public enum AttentionKind
{
    KpiOffTrack,
    KpiAtRisk,
    Overdue,
    NoRecentMeasurement,
}

/// <summary>Something a person should look at: a KPI off track or at risk, an overdue action, a live action gone quiet.</summary>
public sealed record AttentionItem(
    AttentionKind Kind,
    int ActionId,
    string Action,
    string? Kpi,
    string? KpiName,
    DateOnly? Due,
    DateOnly? LastMeasured,
    string Reason)
{
    /// <summary>The reason in French; <see cref="Reason"/> is the English.</summary>
    public string? ReasonFr { get; init; }

    /// <summary>The KPI's English name, when the catalog has one; <see cref="KpiName"/> is the French.</summary>
    public string? KpiNameEn { get; init; }

    public string Why(bool french) => french && ReasonFr is not null ? ReasonFr : Reason;

    public string? KpiLabel(bool french) => french ? KpiName : KpiNameEn ?? KpiName;
}
