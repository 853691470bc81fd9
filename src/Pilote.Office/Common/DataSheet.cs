namespace Pilote.Office.Common;

/// <summary>
/// A data sheet before it is written: its name, table name, title, columns and the typed values of its rows. The
/// complete workbook is a list of these; the benchmark's bare writer writes the very same values without styling.
/// </summary>
public sealed record DataSheet(string Name, string Table, string Title, IReadOnlyList<SheetColumn> Columns, IEnumerable<object?[]> Rows);
