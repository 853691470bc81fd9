using Pilote.Kpis;
using Pilote.Targets;
using static Pilote.Tests.Targets.AssessmentInputs;

namespace Pilote.Tests.Targets;

public class CapAndRangeAssessmentTests
{
    private static readonly Target MaxSpend = new(Comparator.AtMost, 10000, Unit: KpiUnit.Currency, Currency: "EUR");

    [Fact]
    public void A_spend_cap_with_a_forecast_inside_is_on_track()
    {
        // 4000 + 700 × 45 / 7 = 4000 + 4500 = 8500 ≤ 10000.
        var result = KpiAssessor.Assess(Cumulative(MaxSpend, 4000, weekly: [700, 700, 700, 700]));

        Assert.Equal(KpiStatus.OnTrack, result.Status);
        Assert.Equal(8500m, result.Forecast!.Value);
        Assert.Equal(0.8m, result.Pace); // 4000 of 5000 budgeted by midway
        Assert.Equal(2.5m, result.Attainment); // 10000 / 4000
    }

    [Fact]
    public void A_spend_cap_with_a_forecast_above_is_at_risk()
    {
        // 4000 + 1000 × 45 / 7 ≈ 10428.57 > 10000.
        var result = KpiAssessor.Assess(Cumulative(MaxSpend, 4000, weekly: [1000, 1000, 1000, 1000]));

        Assert.Equal(KpiStatus.AtRisk, result.Status);
    }

    [Fact]
    public void A_broken_cap_is_off_track_and_a_kept_one_is_met_at_the_deadline()
    {
        Assert.Equal(KpiStatus.OffTrack, KpiAssessor.Assess(Cumulative(MaxSpend, 10500)).Status);
        Assert.Equal(KpiStatus.Met, KpiAssessor.Assess(Cumulative(MaxSpend, 9000, asOf: Deadline)).Status);
    }

    [Fact]
    public void A_cumulative_range_climbs_to_its_lower_bound_and_must_not_pass_the_upper()
    {
        var range = new Target(Comparator.Between, 4000, 5000, KpiUnit.Count);

        Assert.Equal(KpiStatus.Met, KpiAssessor.Assess(Cumulative(range, 4500, asOf: Deadline)).Status);
        Assert.Equal(KpiStatus.OffTrack, KpiAssessor.Assess(Cumulative(range, 5100)).Status);
        // Inside, but 4500 + 400 × 45 / 7 ≈ 7071 would go above 5000.
        Assert.Equal(KpiStatus.AtRisk, KpiAssessor.Assess(Cumulative(range, 4500, weekly: [400, 400, 400, 400])).Status);
        // Below: pace 1900 / (4000 × 0.5) = 0.95.
        Assert.Equal(KpiStatus.OnTrack, KpiAssessor.Assess(Cumulative(range, 1900)).Status);
    }

    [Fact]
    public void A_range_without_upper_bound_is_not_measurable()
    {
        var result = KpiAssessor.Assess(Cumulative(new Target(Comparator.Between, 2), 3));

        Assert.Equal(KpiStatus.NotMeasurable, result.Status);
    }
}
