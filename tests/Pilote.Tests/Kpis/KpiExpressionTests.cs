using Pilote.Kpis;

namespace Pilote.Tests.Kpis;

public class KpiExpressionTests
{
    private static readonly DateOnly Day1 = new(2026, 1, 1);
    private static readonly DateOnly Day2 = new(2026, 1, 2);

    private static Dictionary<string, MetricValue> Metrics(params (string Key, decimal Value)[] values) =>
        values.ToDictionary(v => v.Key, v => new MetricValue(v.Value));

    [Fact]
    public void Ctr_is_a_ratio_of_sums_not_an_average_of_ratios()
    {
        // Day 1: 10/100 = 0.10, day 2: 90/300 = 0.30. Their mean is 0.20; the true CTR is 100/400 = 0.25.
        var points = new[]
        {
            new MetricPoint("clicks", Day1, Day1, 10), new MetricPoint("impressions", Day1, Day1, 100),
            new MetricPoint("clicks", Day2, Day2, 90), new MetricPoint("impressions", Day2, Day2, 300),
        };
        var metrics = MetricAggregator.Aggregate(points, new Dictionary<string, MetricSpec>(), Day1, Day2);

        var ctr = KpiExpression.Parse("clicks / impressions").Evaluate(metrics);

        Assert.Equal(0.25m, ctr.Value);
    }

    [Fact]
    public void Email_open_rate_is_unique_opens_over_delivered()
    {
        var value = KpiExpression.Parse("unique_opens / delivered")
            .Evaluate(Metrics(("unique_opens", 300), ("delivered", 1100), ("opens", 900)));

        Assert.Equal(300m / 1100m, value.Value);
    }

    [Fact]
    public void Roi_respects_parentheses_and_precedence()
    {
        var expression = KpiExpression.Parse("(revenue - spend) / spend");

        Assert.Equal(1.5m, expression.Evaluate(Metrics(("revenue", 5000), ("spend", 2000))).Value);
        Assert.Equal(["revenue", "spend"], expression.Metrics);
    }

    [Fact]
    public void Without_parentheses_division_binds_tighter()
    {
        Assert.Equal(4999m, KpiExpression.Parse("revenue - spend / spend").Evaluate(Metrics(("revenue", 5000), ("spend", 2000))).Value);
    }

    [Fact]
    public void Cpl_with_zero_leads_has_no_value()
    {
        var value = KpiExpression.Parse("spend / leads").Evaluate(Metrics(("spend", 250), ("leads", 0)));

        Assert.Equal(KpiValue.None, value);
        Assert.False(value.HasValue);
    }

    [Fact]
    public void A_missing_metric_gives_no_value()
    {
        Assert.False(KpiExpression.Parse("spend / leads").Evaluate(Metrics(("spend", 250))).HasValue);
    }

    [Theory]
    [InlineData("2 * 3 + 4", "10")]
    [InlineData("2 * (3 + 4)", "14")]
    [InlineData("-2 * -3", "6")]
    [InlineData("10 - 4 - 3", "3")]
    [InlineData("100 / 4 / 5", "5")]
    [InlineData("-(1 - 3)", "2")]
    [InlineData("0.5 * x", "21")]
    public void Arithmetic_follows_the_usual_rules(string formula, string expected)
    {
        var value = KpiExpression.Parse(formula).Evaluate(Metrics(("x", 42)));

        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value.Value);
    }

    [Fact]
    public void Division_by_a_zero_sub_expression_gives_no_value()
    {
        Assert.False(KpiExpression.Parse("clicks / (a - b)").Evaluate(Metrics(("clicks", 5), ("a", 3), ("b", 3))).HasValue);
    }

    [Fact]
    public void Metric_keys_are_lower_case_distinct_and_in_first_appearance_order()
    {
        var expression = KpiExpression.Parse("Spend / (LEADS + spend) * leads_2");

        Assert.Equal(["spend", "leads", "leads_2"], expression.Metrics);
        Assert.Equal("Spend / (LEADS + spend) * leads_2", expression.Text);
        Assert.Equal(expression.Text, expression.ToString());
    }

    [Fact]
    public void A_lower_bound_metric_makes_the_result_a_lower_bound()
    {
        var metrics = new Dictionary<string, MetricValue>
        {
            ["reach"] = new(700, IsLowerBound: true),
            ["spend"] = new(70),
        };

        var value = KpiExpression.Parse("spend / reach").Evaluate(metrics);

        Assert.Equal(new KpiValue(0.1m, IsLowerBound: true), value);
        Assert.False(KpiExpression.Parse("spend * 2").Evaluate(metrics).IsLowerBound);
    }

    [Theory]
    [InlineData("spend / ", "expected a metric or a number at position 9, found end of formula")]
    [InlineData("", "the formula is empty")]
    [InlineData("   ", "the formula is empty")]
    [InlineData("spend leads", "expected an operator (+ - * /) at position 7, found 'l'")]
    [InlineData("(spend / leads", "expected ')' at position 15, found end of formula")]
    [InlineData("spend / leads)", "expected an operator (+ - * /) at position 14, found ')'")]
    [InlineData("spend % leads", "expected an operator (+ - * /) at position 7, found '%'")]
    [InlineData("spend * / leads", "expected a metric or a number at position 9, found '/'")]
    [InlineData("1. + x", "expected a digit after the decimal point at position 3, found ' '")]
    [InlineData("é / x", "expected a metric or a number at position 1, found 'é'")]
    [InlineData("()", "expected a metric or a number at position 2, found ')'")]
    public void Parse_errors_name_the_position_and_what_was_found(string formula, string detail)
    {
        var error = Assert.Throws<KpiExpressionException>(() => KpiExpression.Parse(formula));

        Assert.Equal($"KPI formula \"{formula}\" : {detail}", error.Message);
    }
}
