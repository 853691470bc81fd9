using System.Globalization;

namespace Pilote.Measurements.Readers;

/// <summary>
/// Numbers and dates as the tools write them: <c>"9,380"</c>, <c>1 234,56</c>, <c>12,5 %</c>, <c>2.81%</c>,
/// <c>€1,200.50</c>, <c>33245.34 INR</c>; <c>20260527</c>, <c>2026-05-27</c>, <c>27/05/2026</c>, <c>Mar 27, 2026</c>,
/// <c>27 January 2026</c>, Excel serials. Missing markers (<c> --</c>, <c>n/a</c>, empty) read as no value.
/// </summary>
public static class ExportValues
{
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en-US");
    private static readonly CultureInfo Fr = CultureInfo.GetCultureInfo("fr-FR");
    private static readonly string[] IsoFormats =
        ["yyyyMMdd", "yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy", "dd.MM.yyyy", "dd-MM-yyyy", "yyyy/MM/dd"];
    private static readonly string[] WordFormats =
        ["MMM d, yyyy", "MMMM d, yyyy", "d MMMM yyyy", "d MMM yyyy", "d MMM. yyyy", "ddd, MMM d, yyyy", "dddd, MMMM d, yyyy"];

    /// <summary>True when the text is a "no value" marker rather than a number.</summary>
    public static bool IsMissing(ReadOnlySpan<char> text)
    {
        var t = text.Trim();
        return t.Length == 0 || t is "--" or "-" or "—" or "–" or "n/a" or "N/A" or "NA" or "null" or "(not set)"
            // "< 10%" and "> 90%" are shares Google Ads only bounds: not a value.
            || t[0] is '<' or '>';
    }

    /// <summary>Reads a number; null when missing; false when the text is not a number.</summary>
    public static bool TryNumber(string text, bool commaIsDecimal, out decimal? value) => TryNumber(text.AsSpan(), commaIsDecimal, out value);

    /// <summary>
    /// Reads a number from a field as Sylvan hands it over (no string made): plain digits with an optional point, the
    /// bulk of every export, are read directly; anything else (thousands, commas, signs, percents, currencies) goes the
    /// careful way.
    /// </summary>
    public static bool TryNumber(ReadOnlySpan<char> text, bool commaIsDecimal, out decimal? value)
    {
        // Where the comma is the decimal mark, a point goes the careful way: "1.234" may be a thousand (see TryFormatted).
        if ((!commaIsDecimal || !text.Contains('.')) && TryPlain(text, out var plain))
        {
            value = plain;
            return true;
        }
        return TryFormatted(text, commaIsDecimal, out value);
    }

    // "1234", "1234.56": at most 18 digits, one optional point not in last place. Exact, like decimal.Parse.
    private static bool TryPlain(ReadOnlySpan<char> t, out decimal value)
    {
        value = 0;
        if (t.Length is 0 or > 19)
            return false;
        long mantissa = 0;
        var scale = -1;
        for (var i = 0; i < t.Length; i++)
        {
            var c = t[i];
            var digit = (uint)(c - '0');
            if (digit <= 9)
            {
                mantissa = (mantissa * 10) + digit;
                if (scale >= 0)
                    scale++;
            }
            else if (c == '.' && scale < 0 && i > 0 && i < t.Length - 1)
                scale = 0;
            else
                return false;
        }
        if (t.Length - (scale >= 0 ? 1 : 0) > 18)
            return false;
        if (scale > 0)
            value = new decimal((int)mantissa, (int)(mantissa >> 32), 0, false, (byte)scale);
        else
            value = mantissa;
        return true;
    }

    private static bool TryFormatted(ReadOnlySpan<char> text, bool commaIsDecimal, out decimal? value)
    {
        value = null;
        if (IsMissing(text))
            return true;
        if (text.Length > 128)
            return false;
        Span<char> buffer = stackalloc char[text.Length];
        var n = 0;
        var percent = false;
        var negative = false;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c) || c is '.' or ',')
                buffer[n++] = c;
            else if (c == '%')
                percent = true;
            else if (c is '-' or '(' or '−' && n == 0)
                negative = true;
            else if (c is ' ' or '\u00A0' or '\u202F' or '\'' or ')' or '+' || char.IsLetter(c) && n == 0 || IsCurrency(c))
                continue;
            else if (char.IsLetter(c) && char.IsUpper(c))
                continue; // a trailing currency code: 120.50 EUR
            else
                return false;
        }
        if (n == 0)
            return false;
        var digits = buffer[..n];
        var lastDot = digits.LastIndexOf('.');
        var lastComma = digits.LastIndexOf(',');
        char? decimalMark;
        if (lastDot >= 0 && lastComma >= 0)
            decimalMark = lastDot > lastComma ? '.' : ',';
        else if (lastComma >= 0)
            decimalMark = digits.Count(',') > 1 ? null
                : n - lastComma - 1 == 3 && !commaIsDecimal ? null : ',';
        else if (lastDot >= 0)
        {
            // "1.234" where commas are the decimals: a thousand grouped the German way, or 1.234 that Excel kept as
            // text? Either reading could be silently wrong, so neither is made (see IsAmbiguousPoint).
            if (commaIsDecimal && digits.Count('.') == 1 && n - lastDot - 1 == 3)
                return false;
            decimalMark = digits.Count('.') > 1 ? null : '.';
        }
        else
            decimalMark = null;
        Span<char> clean = stackalloc char[n];
        var m = 0;
        foreach (var c in digits)
        {
            if (c == decimalMark)
                clean[m++] = '.';
            else if (char.IsAsciiDigit(c))
                clean[m++] = c;
        }
        if (m == 0 || clean[0] == '.' && m == 1
            || !decimal.TryParse(clean[..m], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v))
            return false;
        if (percent)
            v /= 100m;
        value = negative ? -v : v;
        return true;
    }

    /// <summary>
    /// A number with one point, three digits after it and no comma ("1.234", "1.234 €"): in a file whose decimals are
    /// commas, a thousand or one and a bit; <see cref="TryNumber(ReadOnlySpan{char}, bool, out decimal?)"/> refuses it there.
    /// </summary>
    public static bool IsAmbiguousPoint(ReadOnlySpan<char> text)
    {
        var t = text.Trim();
        var dot = t.IndexOf('.');
        if (dot <= 0 || t.LastIndexOf('.') != dot || t.Contains(',') || !char.IsAsciiDigit(t[dot - 1]))
            return false;
        var after = 0;
        while (dot + 1 + after < t.Length && char.IsAsciiDigit(t[dot + 1 + after]))
            after++;
        return after == 3;
    }

    /// <summary>
    /// A numeric date with slashes ("2/1/2026", "02/01/2026 21:46"): its first two numbers and its year, without
    /// saying which is the day; false for anything else.
    /// </summary>
    public static bool TrySlashParts(ReadOnlySpan<char> text, out int first, out int second, out int year)
    {
        first = second = year = 0;
        var t = text.Trim().Trim('"');
        var space = t.IndexOf(' ');
        if (space > 0)
            t = t[..space];
        var a = t.IndexOf('/');
        var b = a < 0 ? -1 : t[(a + 1)..].IndexOf('/') + a + 1;
        return a is 1 or 2 && b - a - 1 is 1 or 2 && t.Length - b - 1 == 4
            && Digits(t[..a], out first) && Digits(t[(a + 1)..b], out second) && Digits(t[(b + 1)..], out year);
    }

    /// <summary>
    /// What a slash date's two first numbers say of the order: day first when only the first can be a day after the
    /// 12th (25/3), month first when only the second can (3/25), nothing when both or neither are over 12.
    /// </summary>
    public static bool? SlashOrder(int first, int second) =>
        first > 12 && second <= 12 ? true : second > 12 && first <= 12 ? false : null;

    private static bool IsCurrency(char c) => char.GetUnicodeCategory(c) == UnicodeCategory.CurrencySymbol;

    /// <summary>Reads a day; false when the text is not a date. A time of day after the date is ignored.</summary>
    public static bool TryDate(ReadOnlySpan<char> text, out DateOnly date)
    {
        if (TryIsoDigits(text, out date))
            return true;
        return TryDate(text.ToString(), out date);
    }

    // GA4's 20260327 and ISO 2026-03-27, the forms of every large file, read without a string.
    private static bool TryIsoDigits(ReadOnlySpan<char> t, out DateOnly date)
    {
        date = default;
        int y, m, d;
        if (t.Length == 8)
        {
            if (!Digits(t[..4], out y) || !Digits(t.Slice(4, 2), out m) || !Digits(t.Slice(6, 2), out d))
                return false;
        }
        else if (t.Length == 10 && t[4] == '-' && t[7] == '-')
        {
            if (!Digits(t[..4], out y) || !Digits(t.Slice(5, 2), out m) || !Digits(t.Slice(8, 2), out d))
                return false;
        }
        else
            return false;
        if (y < 1 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m))
            return false;
        date = new DateOnly(y, m, d);
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> t, out int value)
    {
        value = 0;
        foreach (var c in t)
        {
            var digit = (uint)(c - '0');
            if (digit > 9)
                return false;
            value = (value * 10) + (int)digit;
        }
        return true;
    }

    public static bool TryDate(string text, out DateOnly date)
    {
        if (TryIsoDigits(text, out date))
            return true;
        var t = text.Trim().Trim('"');
        date = default;
        if (t.Length == 0)
            return false;
        if (DateOnly.TryParseExact(t, IsoFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
            return true;
        // An Excel serial day number (1 = 1900-01-01, with Excel's 1900 leap-year bug absorbed by the 1899-12-30 epoch).
        if (t.Length <= 5 && int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var serial) && serial > 59)
        {
            date = new DateOnly(1899, 12, 30).AddDays(serial);
            return true;
        }
        if (t.Length <= 7 && double.TryParse(t, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var fractional)
            && fractional > 59 && fractional < 2958466)
        {
            date = new DateOnly(1899, 12, 30).AddDays((int)fractional);
            return true;
        }
        // A numeric date with a time of day ("05/11/2026 09:00", Brevo): the date part, day first. Before the culture
        // parse below, which would read it month first in en-US.
        if (t.IndexOf(' ') is > 7 and var space && char.IsAsciiDigit(t[0])
            && DateOnly.TryParseExact(t[..space], IsoFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
            return true;
        foreach (var culture in new[] { En, Fr })
        {
            if (DateOnly.TryParseExact(t, WordFormats, culture, DateTimeStyles.AllowWhiteSpaces, out date))
                return true;
            // en-US reads a numeric date month first: leave it to fr-FR rather than refuse it.
            if (culture == En && LooksNumericDayFirst(t))
                continue;
            if (DateTime.TryParse(t, culture, DateTimeStyles.AllowWhiteSpaces, out var dt) && HasYear(t))
            {
                date = DateOnly.FromDateTime(dt);
                return true;
            }
        }
        // ISO with a time: 2026-03-27T10:00:00Z, "Jun 01, 2023 09:46 pm".
        if (t.Length > 10 && DateOnly.TryParseExact(t[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
            return true;
        return false;
    }

    private static bool HasYear(string t) => t.Count(char.IsAsciiDigit) >= 4;

    // en-US would read 05/03/2026 as May 3rd; numeric dates are day first here, which the exact formats handled.
    private static bool LooksNumericDayFirst(string t) => t.Length > 0 && char.IsAsciiDigit(t[0]) && t.Contains('/');

    /// <summary>A date range line: "March 27, 2026 - April 23, 2026", "27 January 2026 - 23 February 2026", "All time".</summary>
    public static (DateOnly Start, DateOnly End)? TryRange(string text)
    {
        var t = text.Trim().Trim('"');
        foreach (var separator in new[] { " - ", " – ", " — ", " au ", " to " })
        {
            var i = t.IndexOf(separator, StringComparison.Ordinal);
            if (i > 0 && TryDate(t[..i], out var start) && TryDate(t[(i + separator.Length)..], out var end) && end >= start)
                return (start, end);
        }
        return null;
    }
}
