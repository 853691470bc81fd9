using System.Globalization;

namespace Pilote.Targets;

/// <summary>Reads a number as typed in French or English: "1 000", "1,234.56", "1.234,56", "3,50".</summary>
internal static class TargetNumber
{
    /// <summary>The value, or null with the reason in <paramref name="error"/>.</summary>
    public static decimal? Read(string raw, bool commaIsDecimal, out string? error)
    {
        error = null;
        var grouped = raw.Any(TargetTokenizer.IsGroupSeparator);
        var s = new string(raw.Where(c => !TargetTokenizer.IsGroupSeparator(c)).ToArray());
        var lastDot = s.LastIndexOf('.');
        var lastComma = s.LastIndexOf(',');

        char? thousands = null;
        char? point = null;
        if (lastDot >= 0 && lastComma >= 0)
        {
            // Both present: the last one is the decimal separator ("1,234.56" and "1.234,56").
            point = lastDot > lastComma ? '.' : ',';
            thousands = point == '.' ? ',' : '.';
            if (grouped)
            {
                error = "mixes space and punctuation thousands separators";
                return null;
            }
        }
        else if (lastDot >= 0 || lastComma >= 0)
        {
            var sep = lastDot >= 0 ? '.' : ',';
            var count = s.Count(c => c == sep);
            var digitsAfter = s.Length - s.LastIndexOf(sep) - 1;
            if (count > 1)
            {
                thousands = sep;
            }
            else if (grouped || sep == '.' || commaIsDecimal)
            {
                // With spaces already grouping thousands, a lone separator can only be the decimal one.
                point = sep;
            }
            else
            {
                // English: "1,000" is a thousand, "2,5" can only be a decimal.
                if (digitsAfter == 3)
                {
                    thousands = sep;
                }
                else
                {
                    point = sep;
                }
            }
        }

        var integerPart = point is { } p ? s[..s.IndexOf(p)] : s;
        var fraction = point is { } q ? s[(s.IndexOf(q) + 1)..] : "";
        if (point is { } d && s.Count(c => c == d) > 1)
        {
            error = $"has more than one decimal separator '{d}'";
            return null;
        }

        if (thousands is { } t)
        {
            var groups = integerPart.Split(t);
            if (groups[0].Length is < 1 or > 3 || groups.Skip(1).Any(g => g.Length != 3) || fraction.Contains(t))
            {
                error = $"has '{t}' where a thousands separator does not fit";
                return null;
            }

            integerPart = string.Concat(groups);
        }

        var normalized = fraction.Length > 0 ? integerPart + "." + fraction : integerPart;
        if (!decimal.TryParse(normalized, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            error = "is too large";
            return null;
        }

        return value;
    }

    // Asked once per target read: GetCultureInfo takes a lock, which an import reading on two threads contends for.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> Comma = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether a lone comma is a decimal separator in the culture (fr: "3,50").</summary>
    public static bool CommaIsDecimal(string culture) => Comma.GetOrAdd(culture, static c =>
    {
        try
        {
            return CultureInfo.GetCultureInfo(c).NumberFormat.NumberDecimalSeparator == ",";
        }
        catch (CultureNotFoundException)
        {
            // Without culture data, only English is assumed to use the point.
            return !c.StartsWith("en", StringComparison.OrdinalIgnoreCase);
        }
    });
}
