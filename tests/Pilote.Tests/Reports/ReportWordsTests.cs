using System.Globalization;
using Pilote.Common;
using Pilote.Reports;

namespace Pilote.Tests.Reports;

/// <summary>The committee report writes the amounts and rates the rest of Pilote writes, whichever of its two files is read.</summary>
public sealed class ReportWordsTests
{
    private static readonly CultureInfo Fr = CultureInfo.GetCultureInfo("fr-FR");

    [Fact]
    public void A_half_euro_rounds_up_as_the_decks_chart_labels_do()
    {
        // LocalScope's LinkedIn Ads spent 6 916,50 €: the deck's chart label (PowerPoint's « #,##0 ») reads 6 917 €, and the
        // HTML report beside it read 6 916 € (banker's rounding).
        var w = new ReportWords(french: true);
        Assert.Equal(Formats.Money(6917m, "EUR", Fr), w.Money(6916.50m));
        Assert.Equal(Formats.Money(6917m, "EUR", Fr), w.Money(6916.51m));
        Assert.Equal(Formats.Money(6916m, "EUR", Fr), w.Money(6916.49m));
        Assert.Equal("€6,917", new ReportWords(french: false, "en-GB").Money(6916.50m));
    }

    [Fact]
    public void An_attainment_on_a_half_tenth_reads_as_plan_show_prints_it()
    {
        // 45 leads of 80 is 56,25 %: plan show prints 56,3 %; the report printed 56,2 %.
        var w = new ReportWords(french: true);
        Assert.Equal(Formats.Percent(45m / 80m, Fr), w.Percent(45m / 80m));
        Assert.Equal(Formats.Percent(0.5625m, Fr), w.Percent(0.5625m));
        Assert.Equal("57 %", w.Percent(0.5702m));
    }
}
