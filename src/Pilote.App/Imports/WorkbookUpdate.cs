using Pilote.Plans;

namespace Pilote.App.Imports;

/// <summary>
/// An edited complete workbook dropped on a plan's imports page: the rows it adds, changes and removes, computed without
/// saving anything, or why it cannot be taken. Applying it compares again, so a plan changed meanwhile is refused.
/// </summary>
public sealed record WorkbookUpdate(string Path, string Name, PlanDiff? Diff, string? Error);
