using Pilote.Common;

namespace Pilote.Plans;

public enum RowChangeKind { Added, Changed, Removed }

/// <summary>One field of one row, before and after, as a person reads them.</summary>
public sealed record FieldChange(string Field, string? Old, string? New);

/// <summary>A row added, changed or removed: where it is in the file (removed rows have none) and what it is.</summary>
public sealed record RowChange(RowChangeKind Kind, string Entity, int? Id, string Label, string? Sheet, int? Row,
    IReadOnlyList<FieldChange> Fields);

/// <summary>What an import of an edited workbook changes in a plan; Applied says whether it was saved.</summary>
public sealed record PlanDiff(int PlanId, string PlanName, IReadOnlyList<RowChange> Changes, bool Applied)
{
    public int Count(RowChangeKind kind) => Changes.Count(c => c.Kind == kind);

    /// <summary>« 0 ajout, 1 modification, 2 suppressions », as the command line and the imports page say it.</summary>
    public string Summary(bool french) => french
        ? $"{Formats.Many(Count(RowChangeKind.Added), "ajout", "ajouts", true)}, {Formats.Many(Count(RowChangeKind.Changed), "modification", "modifications", true)}, {Formats.Many(Count(RowChangeKind.Removed), "suppression", "suppressions", true)}"
        : $"{Count(RowChangeKind.Added):N0} added, {Count(RowChangeKind.Changed):N0} changed, {Count(RowChangeKind.Removed):N0} removed";
}
