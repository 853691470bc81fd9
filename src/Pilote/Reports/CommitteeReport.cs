using Pilote.Audit;
using Pilote.Kpis;
using Pilote.Targets;

namespace Pilote.Reports;

/// <summary>
/// What a steering committee reads about a plan, as plain values: the HTML and PowerPoint writers only lay it out,
/// so both show the same numbers, the ones Pilote computes everywhere else.
/// </summary>
/// <param name="From">Start of the reported period (decisions and "over the period" values).</param>
/// <param name="To">End of the reported period: KPIs are evaluated as of this day.</param>
/// <param name="Culture">The culture numbers and dates are written in (the plan's in French, en-GB in English).</param>
public sealed record CommitteeReport(
    int PlanId,
    string Plan,
    string? Description,
    DateOnly PlanStart,
    DateOnly PlanEnd,
    DateOnly From,
    DateOnly To,
    string Currency,
    string Culture,
    bool French,
    DateTimeOffset GeneratedAt,
    ReportSummary Summary,
    IReadOnlyList<ObjectiveSection> Objectives,
    IReadOnlyList<ReportDecision> Decisions,
    AuditResult Audit);

/// <param name="Budget">The plan's budget, when it has one.</param>
/// <param name="Planned">Sum of the actions' planned budgets.</param>
/// <param name="Spent">Sum of what the actions spent.</param>
public sealed record ReportSummary(
    decimal? Budget,
    decimal Planned,
    decimal Spent,
    int Actions,
    int LiveActions,
    IReadOnlyList<(KpiStatus Status, int Count)> KpisByStatus,
    ReportChart KpiChart,
    ReportChart BudgetChart);

/// <summary>One objective and the KPIs of the actions that serve it (or, with no objective, the actions serving none).</summary>
/// <param name="Headline">The objective's own KPI over the actions that serve it, judged against its target.</param>
/// <param name="NoKpis">What the writers say when <paramref name="Kpis"/> is empty: why nothing measures the objective.</param>
public sealed record ObjectiveSection(
    int? ObjectiveId,
    string Title,
    string? Target,
    DateOnly? Deadline,
    string? Owner,
    IReadOnlyList<string> SmartMissing,
    ReportKpi? Headline,
    IReadOnlyList<ReportKpi> Kpis,
    ReportChart? Chart,
    string? NoKpis = null);

/// <summary>One KPI as of the report's end: actual against target, attainment, pace and status.</summary>
/// <param name="Name">The KPI's name in the reader's language.</param>
/// <param name="Period">The KPI over the reported period alone.</param>
/// <param name="Why">Why there is no value, in the reader's language, when <paramref name="Actual"/> is null.</param>
public sealed record ReportKpi(
    int? ActionId,
    string? Action,
    string Kpi,
    string Name,
    KpiUnit Unit,
    string? Target,
    decimal? Actual,
    bool ActualIsLowerBound,
    decimal? Period,
    decimal? Attainment,
    decimal? Pace,
    decimal? Forecast,
    KpiStatus Status,
    string? Why = null);

public sealed record ReportDecision(
    string Week,
    int ActionId,
    string Action,
    string Recommended,
    string Verdict,
    string? Chosen,
    string Reason,
    string DecidedBy,
    DateOnly DecidedOn);

/// <summary>A bar chart both writers draw: a native chart in PowerPoint, inline SVG in HTML.</summary>
/// <param name="Percent">Values are fractions shown as percentages (attainment), else counts or amounts.</param>
/// <param name="Reference">A line to draw across the bars (100 % attainment), if any.</param>
/// <param name="Empty">What the writers say instead of an empty chart: what cannot be drawn and why.</param>
public sealed record ReportChart(
    string Title,
    IReadOnlyList<string> Categories,
    IReadOnlyList<ChartSeries> Series,
    ChartValues Values,
    decimal? Reference = null,
    string? Empty = null);

/// <param name="PointColours">One colour per bar (a KPI's status), else every bar takes <paramref name="Colour"/>.</param>
public sealed record ChartSeries(string Name, string Colour, IReadOnlyList<decimal?> Values, IReadOnlyList<string>? PointColours = null);

public enum ChartValues
{
    Count,
    Money,
    Percent,
}
