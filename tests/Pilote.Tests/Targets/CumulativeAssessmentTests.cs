using Pilote.Kpis;
using Pilote.Targets;
using static Pilote.Tests.Targets.AssessmentInputs;

namespace Pilote.Tests.Targets;

public class CumulativeAssessmentTests
{
    private static readonly Target Leads = new(Comparator.AtLeast, 5000, Unit: KpiUnit.Count, Label: "leads");

    [Fact]
    public void Leads_behind_pace_and_forecast_short_are_at_risk()
    {
        // 45 of 90 days elapsed: share 0.5, expected 5000 × 0.5 = 2500, pace 2300 / 2500 = 0.92.
        // Weekly mean m = (400 + 420 + 380 + 410) / 4 = 402.5; 45 days left = 45/7 weeks.
        // Forecast = 2300 + 402.5 × 45 / 7 = 2300 + 18112.5 / 7 = 2300 + 2587.5 = 4887.5.
        // s² = (2.5² + 17.5² + 22.5² + 7.5²) / 3 = 875 / 3; r = 45/7;
        // half-width = 1.96 × √(r² s² / 4 + r s²) = 1.96 × √(3013.3929 + 1875) ≈ 137.0374036532.
        // Not met, pace < 0.95 and 4887.5 < 5000, but pace ≥ 0.75 (and High ≈ 5024.54 ≥ 5000): at risk.
        var result = KpiAssessor.Assess(Cumulative(Leads, 2300, weekly: [400, 420, 380, 410]));

        Assert.Equal(KpiStatus.AtRisk, result.Status);
        Assert.Equal(2500m, result.Expected);
        Assert.Equal(0.92m, result.Pace);
        Assert.Equal(0.46m, result.Attainment);
        Assert.NotNull(result.Forecast);
        Assert.Equal(4887.5m, result.Forecast.Value);
        Assert.Equal(4887.5m - 137.0374036532m, result.Forecast.Low, 9);
        Assert.Equal(4887.5m + 137.0374036532m, result.Forecast.High, 9);
        Assert.Contains("pace 92.0%: 2,300 of 2,500 expected by 2026-02-14", result.Reason);
        Assert.Contains("forecast 4,888", result.Reason);
    }

    [Fact]
    public void A_forecast_reaching_the_target_is_on_track_despite_a_slow_pace()
    {
        // Pace 0.92 as above, but 2300 + 500 × 45 / 7 ≈ 5514.29 ≥ 5000.
        var result = KpiAssessor.Assess(Cumulative(Leads, 2300, weekly: [500, 520, 480, 500]));

        Assert.Equal(KpiStatus.OnTrack, result.Status);
    }

    [Fact]
    public void A_pace_of_at_least_095_is_on_track()
    {
        // 2400 / 2500 = 0.96. No weekly value: the forecast extrapolates 2400 / 0.5 = 4800 with zero width.
        var result = KpiAssessor.Assess(Cumulative(Leads, 2400));

        Assert.Equal(KpiStatus.OnTrack, result.Status);
        Assert.Equal(0.96m, result.Pace);
        Assert.Equal(new Forecast(4800, 4800, 4800), result.Forecast);
    }

    [Fact]
    public void Far_behind_with_a_flat_run_rate_is_off_track()
    {
        // Pace 1000 / 2500 = 0.4; forecast 1000 + 100 × 45 / 7 ≈ 1642.86, zero spread: High < 5000.
        var result = KpiAssessor.Assess(Cumulative(Leads, 1000, weekly: [100, 100, 100, 100]));

        Assert.Equal(KpiStatus.OffTrack, result.Status);
        Assert.Equal(0.4m, result.Pace);
        Assert.Equal(result.Forecast!.Value, result.Forecast.High);
    }

    [Fact]
    public void Only_the_last_four_non_null_weeks_make_the_run_rate()
    {
        // The 10 000 week is older than the last four non-null weeks: m = 100, forecast 1000 + 100 × 45 / 7.
        var result = KpiAssessor.Assess(Cumulative(Leads, 1000, weekly: [10000, 100, null, 100, 100, 100, null]));

        Assert.Equal(1000m + (100m * 45 / 7), result.Forecast!.Value);
    }

    [Fact]
    public void Reaching_the_target_is_met_and_greater_than_is_strict()
    {
        var atLeast = KpiAssessor.Assess(Cumulative(Leads, 5000));
        var greaterThan = KpiAssessor.Assess(Cumulative(Leads with { Comparator = Comparator.GreaterThan }, 5000));

        Assert.Equal(KpiStatus.Met, atLeast.Status);
        Assert.Equal(1m, atLeast.Attainment);
        Assert.NotEqual(KpiStatus.Met, greaterThan.Status);
    }

    [Fact]
    public void Short_of_the_target_at_the_deadline_is_off_track()
    {
        var onDeadline = KpiAssessor.Assess(Cumulative(Leads, 4900, asOf: Deadline));
        var afterDeadline = KpiAssessor.Assess(Cumulative(Leads, 4900, asOf: new DateOnly(2026, 4, 10)));

        Assert.Equal(KpiStatus.OffTrack, onDeadline.Status);
        Assert.Contains("deadline 2026-03-31 reached at 4,900 against at least 5,000", onDeadline.Reason);
        // The share is clamped to 1: expected is the whole target.
        Assert.Equal(KpiStatus.OffTrack, afterDeadline.Status);
        Assert.Equal(5000m, afterDeadline.Expected);
        Assert.Equal(0.98m, afterDeadline.Pace);
    }

    [Fact]
    public void Nothing_measured_is_no_data()
    {
        var result = KpiAssessor.Assess(Cumulative(Leads, null));

        Assert.Equal(KpiStatus.NoData, result.Status);
        Assert.Null(result.Pace);
        Assert.Null(result.Forecast);
        Assert.Equal("nothing measured yet between 2026-01-01 and 2026-02-14", result.Reason);
    }

    [Fact]
    public void Before_the_period_the_reason_says_it_has_not_started()
    {
        var result = KpiAssessor.Assess(Cumulative(Leads, null, asOf: new DateOnly(2025, 12, 20)));

        Assert.Equal(KpiStatus.NoData, result.Status);
        Assert.Equal(0m, result.Expected);
        Assert.Equal("the period has not started: it starts on 2026-01-01", result.Reason);
    }

    [Fact]
    public void A_lower_bound_that_meets_the_target_is_met()
    {
        var result = KpiAssessor.Assess(Cumulative(Leads, 5200, lowerBound: true));

        Assert.Equal(KpiStatus.Met, result.Status);
        Assert.Contains("lower bound: the true value is at least that", result.Reason);
    }

    [Fact]
    public void A_lower_bound_short_of_the_target_says_so()
    {
        var result = KpiAssessor.Assess(Cumulative(Leads, 2400, lowerBound: true));

        Assert.Equal(KpiStatus.OnTrack, result.Status);
        Assert.Contains("only a lower bound", result.Reason);
    }

    [Fact]
    public void Weekly_spread_cannot_pull_the_low_forecast_below_what_is_counted()
    {
        // m = 200, s² = 4 × 200² / 3: the half-width (≈ 1853) exceeds m × r (≈ 1285.7).
        var clamped = KpiAssessor.Assess(Cumulative(Leads, 100, weekly: [0, 400, 0, 400]));
        var negativeWeek = KpiAssessor.Assess(Cumulative(Leads, 100, weekly: [-50, 400, 0, 400]));

        Assert.Equal(100m, clamped.Forecast!.Low);
        Assert.True(negativeWeek.Forecast!.Low < 100m);
    }
}
