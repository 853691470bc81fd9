namespace Pilote.Office.Common;

/// <summary>A1-style cell references and Excel's date serials.</summary>
public static class CellRef
{
    private static readonly DateOnly Epoch = new(1899, 12, 30);

    /// <summary>1 → A, 27 → AA.</summary>
    public static string Column(int index)
    {
        var name = "";
        for (var n = index; n > 0; n = (n - 1) / 26)
            name = (char)('A' + (n - 1) % 26) + name;
        return name;
    }

    /// <summary>"C12" → 2: the 0-based column of a reference.</summary>
    public static int ColumnIndex(string reference)
    {
        var n = 0;
        foreach (var c in reference)
        {
            if (!char.IsAsciiLetter(c))
                break;
            n = n * 26 + (char.ToUpperInvariant(c) - 'A' + 1);
        }
        return n - 1;
    }

    /// <summary>"C12" → 12.</summary>
    public static int Row(string reference) =>
        int.TryParse(reference.AsSpan(reference.TakeWhile(char.IsAsciiLetter).Count()), out var row) ? row : 0;

    public static string At(int column, int row) => Column(column) + row;

    /// <summary>Days since 30/12/1899: the number Excel stores for a date.</summary>
    public static int Serial(DateOnly date) => date.DayNumber - Epoch.DayNumber;

    public static DateOnly FromSerial(double serial) => Epoch.AddDays((int)Math.Floor(serial));

    /// <summary>A sheet name quoted for a formula: 'Plan KPI'!$A$1.</summary>
    public static string Sheet(string name) => "'" + name.Replace("'", "''") + "'";
}
