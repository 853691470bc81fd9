namespace Pilote.Office.Reading;

/// <summary>
/// One row of a sheet as read: its 1-based number and the text of each cell (index 0 is column A). Numbers keep the
/// invariant text the file stores ("45678", "1250.5"), so a caller decides whether a number is a date or an amount.
/// </summary>
public sealed record SheetRow(int Number, string?[] Cells)
{
    public string? this[int column] => column >= 0 && column < Cells.Length ? Cells[column] : null;

    public bool IsBlank => Cells.All(string.IsNullOrWhiteSpace);
}

/// <summary>A merged range of a sheet (1-based, inclusive): a group label typed once over several rows or columns.</summary>
public sealed record MergedRange(int FirstColumn, int FirstRow, int LastColumn, int LastRow);
