using System.Globalization;

namespace Pilote.Office.Reading;

/// <summary>Dates typed as text in French or English: 2026-03-12, 12/03/2026, 12 mars 2026, March 12, 2026, 12-Mar-26.</summary>
public static class TextDates
{
    private static readonly CultureInfo Fr = CultureInfo.GetCultureInfo("fr-FR");
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en-US");

    private static readonly string[] Formats =
    [
        "yyyy-MM-dd", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm:ss", "dd/MM/yyyy", "d/M/yyyy", "dd.MM.yyyy", "dd-MM-yyyy", "d/M/yy",
        "d MMMM yyyy", "d MMM yyyy", "dddd d MMMM yyyy", "d-MMM-yy", "d-MMM-yyyy", "MMMM d, yyyy", "MMM d, yyyy", "MMMM d yyyy",
        "MMM d yyyy", "dd MMM yyyy",
    ];

    public static DateOnly? Parse(string text)
    {
        var t = text.Trim().Replace('\u00A0', ' ').Replace("1er ", "1 ", StringComparison.OrdinalIgnoreCase);
        foreach (var culture in new[] { Fr, En, CultureInfo.InvariantCulture })
            if (DateTime.TryParseExact(t, Formats, culture, DateTimeStyles.AllowWhiteSpaces, out var d))
                return DateOnly.FromDateTime(d);
        // French abbreviations with a dot (« 12 janv. 2026 ») and without one.
        var noDot = t.Replace(".", "", StringComparison.Ordinal);
        if (noDot != t && DateTime.TryParseExact(noDot, Formats, Fr, DateTimeStyles.AllowWhiteSpaces, out var f))
            return DateOnly.FromDateTime(f);
        return null;
    }
}
