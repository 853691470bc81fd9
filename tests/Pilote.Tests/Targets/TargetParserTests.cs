using Pilote.Kpis;
using Pilote.Targets;

namespace Pilote.Tests.Targets;

public class TargetParserTests
{
    private static Target Count(Comparator comparator, decimal value, string? label = null) =>
        new(comparator, value, Unit: KpiUnit.Count, Label: label);

    private static Target Percent(Comparator comparator, decimal value) => new(comparator, value, Unit: KpiUnit.Percent);

    private static Target Money(Comparator comparator, decimal value, string currency = "EUR") =>
        new(comparator, value, Unit: KpiUnit.Currency, Currency: currency);

    private static Target Duration(Comparator comparator, decimal seconds) => new(comparator, seconds, Unit: KpiUnit.Seconds);

    private static Target Rank(decimal value) => new(Comparator.AtMost, value, Unit: KpiUnit.Rank);

    public static TheoryData<string, Target> Targets => new()
    {
        // Percentages are fractions.
        { ">25%", Percent(Comparator.GreaterThan, 0.25m) },
        { "≥ 25 %", Percent(Comparator.AtLeast, 0.25m) },
        { ">= 25%", Percent(Comparator.AtLeast, 0.25m) },
        { "=>25 %", Percent(Comparator.AtLeast, 0.25m) },
        { "> 12,5 %", Percent(Comparator.GreaterThan, 0.125m) },
        // Currencies, symbol or code, before or after.
        { "<3€", Money(Comparator.LessThan, 3) },
        { "< 3,50 €", Money(Comparator.LessThan, 3.50m) },
        { "< €3", Money(Comparator.LessThan, 3) },
        { "<= 3 EUR", Money(Comparator.AtMost, 3) },
        { "< 3 euros", Money(Comparator.LessThan, 3) },
        { "< 1 euro", Money(Comparator.LessThan, 1) },
        { "< $5", Money(Comparator.LessThan, 5, "USD") },
        { "< 5 USD", Money(Comparator.LessThan, 5, "USD") },
        { "< £5", Money(Comparator.LessThan, 5, "GBP") },
        { "< GBP 5", Money(Comparator.LessThan, 5, "GBP") },
        { "< 5 CHF", Money(Comparator.LessThan, 5, "CHF") },
        { "< CHF 5", Money(Comparator.LessThan, 5, "CHF") },
        // Bare numbers and thousands separators: space, no-break space, narrow no-break space, apostrophe.
        { "1000", Count(Comparator.AtLeast, 1000) },
        { "1 000", Count(Comparator.AtLeast, 1000) },
        { "1\u00A0000", Count(Comparator.AtLeast, 1000) },
        { "1\u202F000", Count(Comparator.AtLeast, 1000) },
        { "1'000", Count(Comparator.AtLeast, 1000) },
        { "1 000 000", Count(Comparator.AtLeast, 1000000) },
        { "1,234.56", Count(Comparator.AtLeast, 1234.56m) },
        { "1.234,56", Count(Comparator.AtLeast, 1234.56m) },
        { "1 234,5", Count(Comparator.AtLeast, 1234.5m) },
        { "1.000.000", Count(Comparator.AtLeast, 1000000) },
        { "0.5", Count(Comparator.AtLeast, 0.5m) },
        { "5k", Count(Comparator.AtLeast, 5000) },
        { "2,5 K", Count(Comparator.AtLeast, 2500) },
        { "< 1,5k €", Money(Comparator.LessThan, 1500) },
        // A word after the number is a label.
        { "5 000 leads", Count(Comparator.AtLeast, 5000, "leads") },
        { "1000 partages", Count(Comparator.AtLeast, 1000, "partages") },
        { "> 500 e-mails ouverts", Count(Comparator.GreaterThan, 500, "e-mails ouverts") },
        { "> 20 inscrits au webinar", Count(Comparator.GreaterThan, 20, "inscrits au webinar") },
        // Ranges.
        { "entre 2 et 3 €", new Target(Comparator.Between, 2, 3, KpiUnit.Currency, "EUR") },
        { "between 2 and 3", new Target(Comparator.Between, 2, 3, KpiUnit.Count) },
        { "entre 20 et 30 %", new Target(Comparator.Between, 0.2m, 0.3m, KpiUnit.Percent) },
        { "entre 20 % et 30 %", new Target(Comparator.Between, 0.2m, 0.3m, KpiUnit.Percent) },
        { "entre 1 et 2 min", new Target(Comparator.Between, 60, 120, KpiUnit.Seconds) },
        { "entre 2 et 2", new Target(Comparator.Between, 2, 2, KpiUnit.Count) },
        // Ranks.
        { "top 3", Rank(3) },
        { "top3", Rank(3) },
        { "Top 10", Rank(10) },
        // Words, in French and English.
        { "au moins 500", Count(Comparator.AtLeast, 500) },
        { "min 500", Count(Comparator.AtLeast, 500) },
        { "minimum 500", Count(Comparator.AtLeast, 500) },
        { "at least 500", Count(Comparator.AtLeast, 500) },
        { "max 2,5 €", Money(Comparator.AtMost, 2.5m) },
        { "au plus 2", Count(Comparator.AtMost, 2) },
        { "at most 2", Count(Comparator.AtMost, 2) },
        { "jusqu'à 2 €", Money(Comparator.AtMost, 2) },
        { "moins de 3 €", Money(Comparator.LessThan, 3) },
        { "less than 3", Count(Comparator.LessThan, 3) },
        { "plus de 1000", Count(Comparator.GreaterThan, 1000) },
        { "more than 1000", Count(Comparator.GreaterThan, 1000) },
        { "Plus De 1000", Count(Comparator.GreaterThan, 1000) },
        { "= 100", Count(Comparator.Equal, 100) },
        { "≤ 3", Count(Comparator.AtMost, 3) },
        { "<= 3", Count(Comparator.AtMost, 3) },
        { "=< 3", Count(Comparator.AtMost, 3) },
        { "3 € max", Money(Comparator.AtMost, 3) },
        { "500 leads minimum", Count(Comparator.AtLeast, 500, "leads") },
        // Durations, in seconds.
        { "90 s", Duration(Comparator.AtLeast, 90) },
        { "2 min", Duration(Comparator.AtLeast, 120) },
        { "1 min 30", Duration(Comparator.AtLeast, 90) },
        { "> 2 min 30 s", Duration(Comparator.GreaterThan, 150) },
        { "1 h 30", Duration(Comparator.AtLeast, 5400) },
        { "< 45 secondes", Duration(Comparator.LessThan, 45) },
    };

    [Theory]
    [MemberData(nameof(Targets))]
    public void Parses_targets_as_people_type_them(string text, Target expected)
    {
        Assert.Equal(expected, TargetParser.Parse(text, new TargetContext(Culture: "fr-FR")));
    }

    [Fact]
    public void A_bare_number_is_at_most_for_a_lower_is_better_kpi()
    {
        var context = new TargetContext(Direction: Direction.LowerIsBetter);

        Assert.Equal(Count(Comparator.AtMost, 1000), TargetParser.Parse("1000", context));
        Assert.Equal(Money(Comparator.AtMost, 3), TargetParser.Parse("3 €", context));
    }

    [Theory]
    [InlineData("1,000", "en-US", "1000")]
    [InlineData("1,000", "fr-FR", "1")]
    [InlineData("3,50", "fr-FR", "3.50")]
    [InlineData("3,50", "en-US", "3.50")]
    [InlineData("2,5", "en-GB", "2.5")]
    [InlineData("1,2345", "en-US", "1.2345")]
    [InlineData("1,000,000", "en-US", "1000000")]
    [InlineData("1.5", "fr-FR", "1.5")]
    public void A_lone_comma_depends_on_the_culture(string text, string culture, string expected)
    {
        var target = TargetParser.Parse(text, new TargetContext(Culture: culture));

        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), target.Value);
    }

    [Fact]
    public void Plus_percent_is_a_rise_over_the_baseline()
    {
        var target = TargetParser.Parse("+20%", new TargetContext(Baseline: 200));

        Assert.Equal(new Target(Comparator.AtLeast, 240, RelativeChange: 0.20m), target);
        Assert.Null(target.Unit);
    }

    [Fact]
    public void Minus_percent_is_a_fall_below_the_baseline()
    {
        var target = TargetParser.Parse("-10%", new TargetContext(Baseline: 4.5m));

        Assert.Equal(new Target(Comparator.AtMost, 4.05m, RelativeChange: -0.10m), target);
    }

    [Fact]
    public void A_relative_target_keeps_an_explicit_comparator()
    {
        var target = TargetParser.Parse("> + 20 %", new TargetContext(Baseline: 1000));

        Assert.Equal(new Target(Comparator.GreaterThan, 1200, RelativeChange: 0.20m), target);
    }
}
