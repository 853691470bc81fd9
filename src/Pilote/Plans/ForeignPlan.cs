using Pilote.Actions;

namespace Pilote.Plans;

/// <summary>
/// A plan read from a spreadsheet Pilote did not write (monday.com, a team's own "Plan d'action.xlsx", a CSV): the
/// actions it holds with the sheet and row each came from, and an account of what was mapped and ignored and why.
/// </summary>
public sealed record ForeignPlan(
    string File, string Sheet, string Name, string? Description,
    IReadOnlyList<ForeignAction> Actions,
    IReadOnlyList<ColumnUse> Columns,
    IReadOnlyList<RowNote> Ignored,
    IReadOnlyList<RowNote> Notes);

/// <summary>One action as the sheet gives it; channel and KPI are still words, matched to the catalog on import.</summary>
public sealed record ForeignAction(
    int Row, string Title, string? Group, string? Channel, string? Aim, string? Kpi, string? Target, string? Owner,
    string? Team, DateOnly? Start, DateOnly? Due, ActionStatus Status, decimal? Budget, string? Comments, string? Parent);

/// <summary>A column header and what it was read as (a role) or why it was ignored.</summary>
public sealed record ColumnUse(string Header, string Column, string? Role, string? IgnoredBecause);

/// <summary>A row left out, or a value adjusted, and why.</summary>
public sealed record RowNote(int Row, string Text);
