namespace Pilote.Plans;

/// <summary>
/// The rows of a complete-workbook export as a person left them: typed, with the sheet and row they came from so every
/// message can point at the cell. Id and Version are null on rows the person added. Comments is null when the file
/// has no comment sheet (an older export): the plan's comments are then left as they are. Each sheet's rows may stream
/// from the file as they are enumerated (once per import), so a large plan is never held whole.
/// </summary>
public sealed record PlanSheetRows(
    SheetPlan Plan,
    IEnumerable<SheetAction> Actions,
    IEnumerable<SheetObjective> Objectives,
    IEnumerable<SheetKpi> Kpis,
    IEnumerable<SheetComment>? Comments)
{
    public int PlanId => Plan.Id;
}

/// <summary>
/// The plan's own row: its name, description, period, budget, currency and culture. LastActionId and LastObjectiveId are
/// the highest ids the export listed (null in a copy exported before they were written): an action or objective with a
/// higher id was created in Pilote after the export, so the file's not listing it does not mean the person removed it.
/// </summary>
public sealed record SheetPlan(
    string Sheet, int Row, int Id, int? Version, string? Name, string? Description, DateOnly? Start, DateOnly? End,
    decimal? Budget, string? Currency, string? Culture, int? LastActionId = null, int? LastObjectiveId = null)
{
    /// <summary>True when the export listed ids up to this action's: not listed now, it was removed in the file.</summary>
    public bool Listed(int actionId) => LastActionId is not { } last || actionId <= last;

    /// <summary>The same for an objective.</summary>
    public bool ListedObjective(int objectiveId) => LastObjectiveId is not { } last || objectiveId <= last;
}

/// <summary>
/// An action; ObjectiveIds lists the objectives it serves ("3, 7"), Codes its tracking codes one per line. Unchanged:
/// the row's fingerprint says it is as exported (the same holds for the KPI and comment rows): only its version is
/// checked, its values are not compared.
/// </summary>
public sealed record SheetAction(
    string Sheet, int Row, int? Id, int? Version, string? Title, string? ChannelKey, string? ChannelName, string? Kind,
    string? Periodicity, string? Aim, string? Owner, string? Team, DateOnly? Start, DateOnly? Due, string? Status,
    decimal? Budget, decimal? Spent, string? Tools, string? ObjectiveIds = null, string? Codes = null, bool Unchanged = false);

public sealed record SheetObjective(
    string Sheet, int Row, int? Id, int? Version, string? Statement, string? KpiKey, decimal? Baseline, string? Target,
    DateOnly? Deadline, string? Owner);

/// <summary>A KPI of an action with its target; a new row names its action by id or, for a new action, by title.</summary>
public sealed record SheetKpi(
    string Sheet, int Row, int? Id, int? Version, int? ActionId, string? ActionTitle, string? Kpi, string? Target,
    DateOnly? Deadline, bool Unchanged = false);

/// <summary>A comment or adjustment of an action; a new row names its action by id or, for a new action, by title.</summary>
public sealed record SheetComment(
    string Sheet, int Row, int? Id, int? ActionId, string? ActionTitle, DateOnly? Date, string? Author, string? Kind, string? Text,
    bool Unchanged = false);
