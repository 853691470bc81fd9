namespace Pilote.Plans;

/// <summary>
/// The rows of a complete-workbook export as a person left them: typed, with the sheet and row they came from so every
/// message can point at the cell. Id and Version are null on rows the person added.
/// </summary>
public sealed record PlanSheetRows(
    int PlanId,
    IReadOnlyList<SheetAction> Actions,
    IReadOnlyList<SheetObjective> Objectives,
    IReadOnlyList<SheetKpi> Kpis);

public sealed record SheetAction(
    string Sheet, int Row, int? Id, int? Version, string? Title, string? ChannelKey, string? ChannelName, string? Kind,
    string? Periodicity, string? Aim, string? Owner, string? Team, DateOnly? Start, DateOnly? Due, string? Status,
    decimal? Budget, decimal? Spent, string? Tools);

public sealed record SheetObjective(
    string Sheet, int Row, int? Id, int? Version, string? Statement, string? KpiKey, decimal? Baseline, string? Target,
    DateOnly? Deadline, string? Owner);

/// <summary>A KPI of an action with its target; a new row names its action by id or, for a new action, by title.</summary>
public sealed record SheetKpi(
    string Sheet, int Row, int? Id, int? Version, int? ActionId, string? ActionTitle, string? Kpi, string? Target,
    DateOnly? Deadline);
