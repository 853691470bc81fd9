using System.Globalization;
using Pilote.Common;
using Pilote.Kpis;

namespace Pilote.Tests.Kpis;

/// <summary>KPI values as a reader sees them in the review, the dashboard and the reports, in French and in English.</summary>
public sealed class FormatsTests
{
    private static readonly CultureInfo Fr = CultureInfo.GetCultureInfo("fr-FR");
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en-GB");

    [Theory]
    [InlineData(24466.8, "24 467", "24,467")]
    [InlineData(843.5, "844", "844")]
    [InlineData(100, "100", "100")]
    [InlineData(29.24, "29,2", "29.2")]
    [InlineData(99.96, "100", "100")]
    [InlineData(7, "7", "7")]
    public void A_count_keeps_a_tenth_only_below_a_hundred(double value, string french, string english)
    {
        Assert.Equal(french, Formats.Kpi((decimal)value, KpiUnit.Count, "EUR", Fr).Replace('\u202F', ' ').Replace('\u00A0', ' '));
        Assert.Equal(english, Formats.Kpi((decimal)value, KpiUnit.Count, "EUR", En));
    }

    [Theory]
    [InlineData(82.02, 93.94, "82", "94")] // « prévision 82 (au mieux 93,9) » mixed two precisions
    [InlineData(85.8, 94.0, "85,8", "94,0")]
    [InlineData(25689.4, 24466.8, "25 689", "24 467")]
    [InlineData(99.5, 104.3, "99,5", "104,3")]
    public void A_forecasts_bound_is_shown_at_the_forecasts_precision(double forecast, double bound, string shown, string boundShown)
    {
        static string Plain(string s) => s.Replace('\u202F', ' ').Replace('\u00A0', ' ');
        Assert.Equal(shown, Plain(Formats.Kpi((decimal)forecast, KpiUnit.Count, "EUR", Fr)));
        Assert.Equal(boundShown, Plain(Formats.KpiBound((decimal)bound, (decimal)forecast, KpiUnit.Count, "EUR", Fr)));
        // Other units keep their own precision.
        Assert.Equal("93,99 €", Plain(Formats.KpiBound(93.99m, (decimal)forecast, KpiUnit.Currency, "EUR", Fr)));
    }

    [Fact]
    public void Money_and_percentages_keep_their_own_precision()
    {
        Assert.Equal("51,66 €", Formats.Kpi(51.664m, KpiUnit.Currency, "EUR", Fr).Replace('\u202F', ' ').Replace('\u00A0', ' '));
        Assert.Equal("2,9 %", Formats.Kpi(0.029m, KpiUnit.Percent, "EUR", Fr).Replace('\u202F', ' ').Replace('\u00A0', ' '));
        Assert.Equal("2 min 13 s", Formats.Kpi(133m, KpiUnit.Seconds, "EUR", Fr));
    }

    [Theory]
    [InlineData(0, "0 arbitrage", "0 decisions")]
    [InlineData(1, "1 arbitrage", "1 decision")]
    [InlineData(2, "2 arbitrages", "2 decisions")]
    [InlineData(1200, "1 200 arbitrages", "1,200 decisions")]
    public void A_count_takes_its_noun_in_the_number_each_language_puts_it(int count, string french, string english)
    {
        // French puts zero in the singular, English in the plural; thousands grouped as each reader writes them.
        Assert.Equal(french, Formats.Many(count, "arbitrage", "arbitrages", french: true).Replace('\u202F', ' ').Replace('\u00A0', ' '));
        Assert.Equal(english, Formats.Many(count, "decision", "decisions", french: false));
    }

    [Fact]
    public void A_currency_without_a_symbol_is_written_apart_from_its_amount()
    {
        Assert.Equal("INR 33,245.34", Formats.Money(33245.34m, "INR", En));
        Assert.Equal("-INR 12", Formats.Money(-12m, "INR", En));
        Assert.Equal("€33,245.34", Formats.Money(33245.34m, "EUR", En));
        Assert.Equal("33 245,34 INR", Formats.Money(33245.34m, "INR", Fr).Replace('\u202F', ' ').Replace('\u00A0', ' '));
    }
}
