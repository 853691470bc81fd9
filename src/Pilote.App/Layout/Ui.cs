using System.Globalization;
using Pilote.Common;
using Pilote.Kpis;

namespace Pilote.App.Layout;

/// <summary>
/// The person's language and formats. The request culture (the person's <c>PiloteUser.Culture</c>) flows into the
/// interactive circuit, so every component reads it from the current thread.
/// </summary>
public static class Ui
{
    public static readonly string[] Cultures = ["fr-FR", "en-GB"];

    public static CultureInfo Culture => CultureInfo.CurrentCulture;

    public static bool Fr => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "fr";

    public static string Lang => Fr ? "fr" : "en";

    public static string T(string fr, string en) => Fr ? fr : en;

    public static string Count(decimal? value) => Formats.Count(value, Culture);

    public static string Money(decimal? value, string currency = "EUR") => Formats.Money(value, currency, Culture);

    public static string Percent(decimal? fraction) => Formats.Percent(fraction, Culture);

    public static string Attainment(decimal? fraction) => Formats.Attainment(fraction, Culture);

    public static string Date(DateOnly? date) => Formats.Date(date, Culture);

    public static string Kpi(decimal? value, KpiUnit unit, string currency = "EUR") => Formats.Kpi(value, unit, currency, Culture);

    /// <summary>A date for an input field, in the person's short date pattern (31/03/2026).</summary>
    public static string DateInput(DateOnly? date) => date?.ToString("d", Culture) ?? "";

    /// <summary>A catalog name (channel, KPI) in the person's language: the English one when the catalog has it.</summary>
    public static string Name(string french, string? english) => Fr ? french : english ?? french;

    public static string Status(Pilote.Actions.ActionStatus s) => Pilote.Actions.ActionWords.Label(s, Fr);

    public static string Status(Pilote.Targets.KpiStatus s)
    {
        var label = Pilote.Targets.KpiStatusIds.Label(s, Fr);
        return char.ToUpper(label[0], Culture) + label[1..];
    }
}
