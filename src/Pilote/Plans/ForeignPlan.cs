using Pilote.Actions;

namespace Pilote.Plans;

/// <summary>
/// A plan read from a spreadsheet Pilote did not write (monday.com, a team's own "Plan d'action.xlsx", a CSV): its
/// name and columns, known once the header is found, then its actions, streamed: <see cref="Actions"/> reads the file
/// as it is enumerated, once, so a 100 000-row sheet is never held whole. What was ignored and why, and the notes, fill
/// in as the rows go by: read them after the actions.
/// </summary>
public sealed class ForeignPlan(string file, string sheet, string name, string? description, IReadOnlyList<ColumnUse> columns,
    Func<ForeignPlan, IEnumerable<ForeignAction>> rows)
{
    private bool _read;

    public string File { get; } = file;
    public string Sheet { get; } = sheet;
    public string Name { get; } = name;
    public string? Description { get; } = description;
    public IReadOnlyList<ColumnUse> Columns { get; } = columns;
    public List<RowNote> Ignored { get; } = [];
    public List<RowNote> Notes { get; } = [];

    /// <summary>The actions, read from the file as they are enumerated; a second enumeration is refused.</summary>
    public IEnumerable<ForeignAction> Actions
    {
        get
        {
            if (_read)
                throw new InvalidOperationException("the actions of a foreign plan stream once");
            _read = true;
            return rows(this);
        }
    }
}

/// <summary>One action as the sheet gives it; channel and KPI are still words, matched to the catalog on import.</summary>
public sealed record ForeignAction(
    int Row, string Title, string? Group, string? Channel, string? Aim, string? Kpi, string? Target, string? Owner,
    string? Team, DateOnly? Start, DateOnly? Due, ActionStatus Status, decimal? Budget, string? Comments, string? Parent);

/// <summary>A column header and what it was read as (a role) or why it was ignored.</summary>
public sealed record ColumnUse(string Header, string Column, string? Role, string? IgnoredBecause);

/// <summary>A row left out, or a value adjusted, and why.</summary>
public sealed record RowNote(int Row, string Text);
