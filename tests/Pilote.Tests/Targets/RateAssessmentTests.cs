using Pilote.Kpis;
using Pilote.Targets;
using static Pilote.Tests.Targets.AssessmentInputs;

namespace Pilote.Tests.Targets;

public class RateAssessmentTests
{
    private static readonly Target OpenRate = new(Comparator.GreaterThan, 0.25m, Unit: KpiUnit.Percent);
    private static readonly Target Cpl = new(Comparator.LessThan, 3, Unit: KpiUnit.Currency, Currency: "EUR");
    private static readonly Target CpcRange = new(Comparator.Between, 2, 3, KpiUnit.Currency, "EUR");

    [Fact]
    public void An_open_rate_above_its_target_is_met()
    {
        var result = KpiAssessor.Assess(Rate(OpenRate, 0.2727m));

        Assert.Equal(KpiStatus.Met, result.Status);
        Assert.Equal(1.0908m, result.Attainment); // 0.2727 / 0.25
        Assert.Null(result.Expected);
        Assert.Null(result.Pace);
        Assert.Equal("met: 27.3% against more than 25%", result.Reason);
    }

    [Fact]
    public void A_reason_writes_values_in_the_kpis_unit_and_the_readers_culture()
    {
        // It read « atteinte 0,9667 : 0,029 pour plus de 0,03 » and « 51,66 pour moins de 40 ».
        var ctr = KpiAssessor.Assess(Rate(new Target(Comparator.GreaterThan, 0.03m), 0.029m) with { Unit = KpiUnit.Percent });
        Assert.Equal("atteinte 96,6 % : 2,9 % pour plus de 3 %", ctr.Why(true).Replace('\u202F', ' ').Replace('\u00A0', ' '));
        Assert.Equal("attainment 96.6%: 2.9% against more than 3%", ctr.Why(false));
        var cpl = KpiAssessor.Assess(Rate(new Target(Comparator.LessThan, 40), 51.66m) with { Unit = KpiUnit.Currency, Currency = "GBP", Culture = "en-GB" });
        // An en-GB plan read in French: the plan's own culture, as plan show writes its amounts.
        Assert.Equal("atteinte 77.4% : £51.66 pour moins de £40", cpl.Why(true));
        Assert.Equal("attainment 77.4%: £51.66 against less than £40", cpl.Why(false));
    }

    [Fact]
    public void A_cpl_well_above_its_ceiling_is_off_track()
    {
        var result = KpiAssessor.Assess(Rate(Cpl, 4.20m));

        Assert.Equal(KpiStatus.OffTrack, result.Status);
        Assert.Equal(3m / 4.20m, result.Attainment);
    }

    [Fact]
    public void A_recent_value_meeting_the_target_is_on_track()
    {
        var result = KpiAssessor.Assess(Rate(Cpl, 3.20m, recent: 2.80m));

        Assert.Equal(KpiStatus.OnTrack, result.Status);
        Assert.Equal(2.80m, result.Forecast!.Value);
    }

    [Fact]
    public void Close_to_the_target_without_improvement_is_at_risk()
    {
        // Attainment 3 / 3.2 = 0.9375 ≥ 0.9; the recent 3.1 is still above 3.
        var result = KpiAssessor.Assess(Rate(Cpl, 3.20m, recent: 3.10m));

        Assert.Equal(KpiStatus.AtRisk, result.Status);
        Assert.Equal(0.9375m, result.Attainment);
    }

    [Fact]
    public void A_rate_missed_at_the_deadline_is_off_track_even_if_improving()
    {
        var result = KpiAssessor.Assess(Rate(Cpl, 3.20m, asOf: Deadline, recent: 2.80m));

        Assert.Equal(KpiStatus.OffTrack, result.Status);
    }

    [Fact]
    public void The_rate_interval_comes_from_the_last_four_weekly_ratios()
    {
        // Last four non-null: 0.30, 0.22, 0.28, 0.25; mean 0.2625; s² = 0.003675 / 3 = 0.001225, s = 0.035.
        // Half-width = 1.96 × 0.035 / √4 = 0.0343, around the recent value 0.26.
        var result = KpiAssessor.Assess(Rate(OpenRate, 0.24m, weekly: [0.20m, null, 0.30m, 0.22m, 0.28m, 0.25m], recent: 0.26m));

        Assert.Equal(0.26m, result.Forecast!.Value);
        Assert.Equal(0.2257m, result.Forecast.Low, 20);
        Assert.Equal(0.2943m, result.Forecast.High, 20);
        Assert.Equal(KpiStatus.OnTrack, result.Status);
    }

    [Fact]
    public void One_weekly_ratio_gives_a_zero_width_interval_around_the_actual()
    {
        var result = KpiAssessor.Assess(Rate(OpenRate, 0.24m, weekly: [0.30m]));

        Assert.Equal(new Forecast(0.24m, 0.24m, 0.24m), result.Forecast);
    }

    [Theory]
    [InlineData("2.5", "1")]
    [InlineData("2", "1")]
    [InlineData("1.5", "0.75")]
    [InlineData("3.75", "0.8")]
    public void Range_attainment_is_one_inside_and_a_ratio_outside(string actual, string attainment)
    {
        var result = KpiAssessor.Assess(Rate(CpcRange, Dec(actual)));

        Assert.Equal(Dec(attainment), result.Attainment);
    }

    [Fact]
    public void A_range_rate_just_outside_is_at_risk_and_inside_is_met()
    {
        Assert.Equal(KpiStatus.Met, KpiAssessor.Assess(Rate(CpcRange, 2.5m)).Status);
        Assert.Equal(KpiStatus.AtRisk, KpiAssessor.Assess(Rate(CpcRange, 3.2m)).Status); // 3 / 3.2 = 0.9375
        Assert.Equal(KpiStatus.OffTrack, KpiAssessor.Assess(Rate(CpcRange, 1.5m)).Status); // 1.5 / 2 = 0.75
    }

    [Theory]
    [InlineData("90", "0.9")]
    [InlineData("110", "0.9")]
    [InlineData("100", "1")]
    [InlineData("250", "0")]
    public void Equal_attainment_falls_with_the_distance(string actual, string attainment)
    {
        var result = KpiAssessor.Assess(Rate(new Target(Comparator.Equal, 100), Dec(actual)));

        Assert.Equal(Dec(attainment), result.Attainment);
    }

    [Fact]
    public void A_zero_cost_has_no_finite_attainment_but_meets_a_ceiling()
    {
        var result = KpiAssessor.Assess(Rate(Cpl, 0));

        Assert.Equal(KpiStatus.Met, result.Status);
        Assert.Null(result.Attainment);
    }

    private static decimal Dec(string text) => decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
