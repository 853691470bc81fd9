using System.Globalization;

namespace Pilote.Common;

/// <summary>Reads dates and amounts as people type them, in French or English, or says precisely why not.</summary>
public static class Inputs
{
    private static readonly string[] DateFormats =
        ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy", "dd.MM.yyyy", "yyyyMMdd", "dd-MM-yyyy"];

    /// <summary>An ISO 4217 code as Pilote stores it: three capital letters (EUR, USD, GBP).</summary>
    public static bool IsCurrencyCode(string text) => text.Length == 3 && text.All(char.IsAsciiLetterUpper);

    public static DateOnly ParseDate(string text, string field)
    {
        var t = text.Trim();
        if (DateOnly.TryParseExact(t, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            return d;
        throw new PiloteInputException($"{field} : « {text} » n'est pas une date (attendu JJ/MM/AAAA ou AAAA-MM-JJ)",
            $"{field}: '{text}' is not a date (expected YYYY-MM-DD or DD/MM/YYYY)");
    }

    public static DateOnly? ParseOptionalDate(string? text, string field) =>
        string.IsNullOrWhiteSpace(text) ? null : ParseDate(text, field);

    /// <summary>
    /// An amount or a count: <c>5000</c>, <c>5 000</c> (also no-break spaces), <c>3,50</c>, <c>1,234.56</c>,
    /// <c>1.234,56</c>, with an optional currency sign. Negative amounts are refused unless allowed.
    /// </summary>
    public static decimal ParseAmount(string text, string field, bool allowNegative = false)
    {
        if (!TryParseNumber(text, out var value))
            throw new PiloteInputException($"{field} : « {text} » n'est pas un nombre (exemples : 5000, 5 000, 3,50)",
                $"{field}: '{text}' is not a number (examples: 5000, 5 000, 3,50)");
        if (value < 0 && !allowNegative)
            throw new PiloteInputException($"{field} : « {text} » ne peut pas être négatif", $"{field}: '{text}' cannot be negative");
        return value;
    }

    public static decimal? ParseOptionalAmount(string? text, string field) =>
        string.IsNullOrWhiteSpace(text) ? null : ParseAmount(text, field);

    /// <summary>Reads a plain number with the same rules as targets (one reader for the whole product).</summary>
    public static bool TryParseNumber(string text, out decimal value, string culture = "fr-FR")
    {
        value = 0;
        var t = text.Trim();
        foreach (var sign in new[] { "€", "EUR", "$", "USD", "£", "GBP" })
            t = t.Replace(sign, "", StringComparison.OrdinalIgnoreCase);
        t = t.Trim();
        var negative = t.StartsWith('-');
        if (negative)
            t = t[1..].TrimStart();
        if (t.Length == 0 || !char.IsAsciiDigit(t[0])
            || !t.All(c => char.IsAsciiDigit(c) || c is '.' or ',' || Targets.TargetTokenizer.IsGroupSeparator(c)))
            return false;
        if (Targets.TargetNumber.Read(t, Targets.TargetNumber.CommaIsDecimal(culture), out _) is not { } read)
            return false;
        value = negative ? -read : read;
        return true;
    }
}
