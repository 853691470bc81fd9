namespace Pilote.Reviews;

/// <summary>
/// A weekly review as shown and as stored in a snapshot: plain values only, so that the JSON kept when the team
/// decides reads back exactly, whatever the plan or its measurements become later.
/// </summary>
public sealed record ReviewResult(
    int PlanId,
    string Plan,
    string Week,
    DateOnly WeekStart,
    DateOnly WeekEnd,
    string Currency,
    DateTimeOffset ComputedAt,
    IReadOnlyList<KpiLine> Kpis,
    IReadOnlyList<RecommendationLine> Recommendations,
    IReadOnlyList<MoveLine> Reallocation,
    IReadOnlyList<string> Notes)
{
    /// <summary>True when read from the snapshot kept at the first decision on this week.</summary>
    public bool FromSnapshot { get; init; }

    public IReadOnlyList<DecisionLine> Decisions { get; init; } = [];

    /// <summary>True when the week is before the plan starts or after it ends: nothing is judged, and a note says why.</summary>
    public bool OutsidePlan { get; init; }
}

/// <summary>One KPI of one action for the week: its value, to date, target, pace, forecast and trend.</summary>
public sealed record KpiLine(
    int ActionId,
    string Action,
    string Kpi,
    string KpiName,
    string Unit,
    decimal? Week,
    decimal? ToDate,
    string? Target,
    decimal? Pace,
    decimal? Forecast,
    decimal? ForecastLow,
    decimal? ForecastHigh,
    string Status,
    string? Trend);

/// <summary>The recommendation for one action: a decision id, the reason in words and the numbers behind it.</summary>
public sealed record RecommendationLine(int ActionId, string Action, string Decision, string Reason, IReadOnlyDictionary<string, decimal?> Numbers);

/// <summary>A budget move: per week, and over the weeks left if the rate holds.</summary>
public sealed record MoveLine(int FromId, string From, int ToId, string To, decimal Weekly, decimal Amount, string Reason);

public sealed record DecisionLine(int Id, int ActionId, string Recommended, string Verdict, string? Chosen, string Reason, string DecidedBy, DateTimeOffset DecidedAt);
