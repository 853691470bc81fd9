using System.Globalization;
using Pilote.Kpis;

namespace Pilote.Common;

/// <summary>Numbers, amounts, percentages and dates in the reader's culture: 5 000 · 3,50 € · 25 % · 31/03/2026.</summary>
public static class Formats
{
    /// <summary>
    /// The culture a reader sees numbers, money and dates in: the plan's own (fr-FR, fr-BE…) in French, en-GB in English,
    /// whatever culture the plan was written in (« 16 000 € » to a French reader, « €16,000 » to an English one).
    /// </summary>
    public static CultureInfo ForReader(bool french, string? planCulture) =>
        french ? Culture(planCulture) : CultureInfo.GetCultureInfo("en-GB");

    public static CultureInfo Culture(string? name)
    {
        try
        {
            return CultureInfo.GetCultureInfo(string.IsNullOrWhiteSpace(name) ? "fr-FR" : name);
        }
        catch (CultureNotFoundException)
        {
            return CultureInfo.GetCultureInfo("fr-FR");
        }
    }

    /// <summary>
    /// A count with its noun in the right number, « 0 arbitrage », « 1 200 actions », « 2 lignes collées », where messages
    /// used to print « 2 ligne(s) collée(s) »: French puts 0 and 1 in the singular, English only 1.
    /// </summary>
    public static string Many(int count, string one, string many, bool french) =>
        $"{count.ToString("N0", CultureInfo.GetCultureInfo(french ? "fr-FR" : "en-GB"))} {(count == 1 || french && count == 0 ? one : many)}";

    public static string Count(decimal? value, CultureInfo c) =>
        value is not { } v ? "—" : v.ToString(v == Math.Round(v) ? "N0" : "N1", c);

    /// <summary>A measured value as read, never rounded away: 1 234 or 120,5 (a spend keeps its cents, 18 703,32 conversions theirs).</summary>
    public static string Measure(decimal value, CultureInfo c) => value.ToString(value == Math.Round(value) ? "N0" : "#,##0.##", c);

    public static string Money(decimal? value, string currency, CultureInfo c)
    {
        if (value is not { } v)
            return "—";
        var nfi = (NumberFormatInfo)c.NumberFormat.Clone();
        nfi.CurrencySymbol = Symbol(currency);
        // A code stands apart from the number where a symbol sits against it: « INR 33,245.34 », not « INR33,245.34 ».
        if (nfi.CurrencySymbol.Length > 1 && char.IsLetter(nfi.CurrencySymbol[^1]))
        {
            nfi.CurrencyPositivePattern = nfi.CurrencyPositivePattern switch { 0 => 2, 1 => 3, var p => p };
            nfi.CurrencyNegativePattern = nfi.CurrencyNegativePattern switch { 0 => 14, 1 => 9, 2 => 12, 3 => 11, 5 => 8, var p => p };
        }
        return v.ToString(v == Math.Round(v) ? "C0" : "C2", nfi);
    }

    /// <summary>A fraction as a percentage: 0.25 → 25 %, 0.3435 → 34,4 %.</summary>
    public static string Percent(decimal? fraction, CultureInfo c)
    {
        if (fraction is not { } f)
            return "—";
        // Small rates (a 0,25 % CTR) keep two decimals; larger ones one, whole ones none.
        var pct = f * 100m;
        var format = pct == Math.Round(pct) ? "P0" : Math.Abs(pct) < 1 ? "P2" : "P1";
        return f.ToString(format, c);
    }

    /// <summary>
    /// A cell's text as an error message quotes it: control characters as spaces, spaces collapsed, at most
    /// <paramref name="max"/> characters then « … ». A one-line error quoting a whole garbled line is unreadable.
    /// </summary>
    public static string Excerpt(string text, int max = 60)
    {
        var flat = string.Join(' ', new string([.. text.Select(c => char.IsControl(c) ? ' ' : c)])
            .Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return flat.Length <= max ? flat : flat[..(max - 1)].TrimEnd() + "…";
    }

    /// <summary>
    /// An attainment or a pace, the one rule of every surface (CLI, web, reports, reasons): one decimal always, so a
    /// column reads « 57,0 % » beside « 59,0 % » (not « 59 % »), and cut, never rounded up, so a value short of a
    /// threshold (100 %, 90 %, 95 %) never shows it: « 99,9 % », not « 100 % » beside « à risque ».
    /// </summary>
    public static string Attainment(decimal? fraction, CultureInfo c) =>
        fraction is { } f ? Math.Round(f, 3, MidpointRounding.ToZero).ToString("P1", c) : "—";

    public static string Date(DateOnly? date, CultureInfo c) => date is { } d ? d.ToString("d", c) : "—";

    /// <summary>The day a moment fell on where the reader is: a decision taken at 00:30 in Paris was taken that day, not
    /// the UTC day before.</summary>
    public static DateOnly Day(DateTimeOffset at, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);

    public static string Seconds(decimal? seconds)
    {
        if (seconds is not { } s)
            return "—";
        var total = (int)Math.Round(s);
        return total < 60 ? $"{total} s" : total % 60 == 0 ? $"{total / 60} min" : $"{total / 60} min {total % 60:00} s";
    }

    /// <summary>A KPI value in its unit.</summary>
    public static string Kpi(decimal? value, KpiUnit unit, string currency, CultureInfo c) => unit switch
    {
        KpiUnit.Percent => Percent(value, c),
        KpiUnit.Currency => value is { } v ? Money(Math.Round(v, 2), currency, c) : "—",
        KpiUnit.Seconds => Seconds(value),
        KpiUnit.Rank or KpiUnit.Ratio => value is { } r ? Math.Round(r, 2).ToString("0.##", c) : "—",
        // A count's forecast or smoothed value carries a tenth where it helps (29,2 of a target of 40), not on thousands
        // ("au pire 24 466,8" beside a forecast of 25 689).
        _ => Count(value is { } n ? Shown(n) : null, c),
    };

    private static decimal Shown(decimal count) => Math.Round(count, Math.Abs(count) >= 100 ? 0 : 1);

    /// <summary>
    /// A count's bound beside its forecast, at the precision the forecast shows: « prévision 82 (au mieux 94) » and
    /// « prévision 29,2 (au pire 24,1) », where each rounded alone read « prévision 82 (au mieux 93,9) ».
    /// </summary>
    public static string KpiBound(decimal? bound, decimal? forecast, KpiUnit unit, string currency, CultureInfo c)
    {
        if (unit is not KpiUnit.Count || bound is not { } b || forecast is not { } f)
            return Kpi(bound, unit, currency, c);
        var shown = Shown(f);
        return shown == Math.Round(shown) ? Math.Round(b).ToString("N0", c) : Math.Round(b, 1).ToString("N1", c);
    }

    public static string Symbol(string currency) => currency.ToUpperInvariant() switch
    {
        "EUR" => "€",
        "USD" => "$",
        "GBP" => "£",
        "CHF" => "CHF",
        "MAD" => "MAD",
        _ => currency,
    };
}
