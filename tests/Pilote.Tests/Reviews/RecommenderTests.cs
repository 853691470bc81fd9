using Pilote.Actions;
using Pilote.Reviews;
using Pilote.Targets;

namespace Pilote.Tests.Reviews;

/// <summary>The recommendation rules on cases computed by hand (see each comment).</summary>
public sealed class RecommenderTests
{
    private static RecommendationInput Cost(decimal[] weekly, decimal[]? spend = null, decimal spent = 1000, decimal? budget = 10_000, decimal target = 40) =>
        new(ActionStatus.Live, "cpl", TargetKind.Rate, true, target, weekly, Pooled(weekly), spend ?? [.. weekly.Select(_ => 500m)],
            null, budget, spent, true);

    private static RecommendationInput Rate(decimal[] weekly, decimal target, decimal spent = 100, decimal? budget = 1000) =>
        new(ActionStatus.Live, "taux_ouverture", TargetKind.Rate, false, target, weekly, Pooled(weekly), [.. weekly.Select(_ => 0m)],
            null, budget, spent, true);

    /// <summary>Equal-weight weeks: the pooled value of the first i+1 weeks is their mean.</summary>
    private static List<decimal> Pooled(decimal[] weekly) =>
        [.. Enumerable.Range(0, weekly.Length).Select(i => weekly.Take(i + 1).Average())];

    [Fact]
    public void Estimate_shrinks_toward_the_prior_and_widens_with_the_weekly_spread()
    {
        // center = (3·52 + 2·40) / 5 = 47,2; sd(50, 54, 52) = 2; half = 1,645·2/√5 = 1,4713
        var e = Evidence.Estimate([50m, 54m, 52m], 52m, 40m, lowerIsBetter: true);
        Assert.Equal(47.2m, e.Center);
        Assert.Equal(45.7287m, Math.Round(e.Optimistic, 4));
        Assert.Equal(48.6713m, Math.Round(e.Pessimistic, 4));
        // Higher is better: the optimistic end is the high one.
        var rate = Evidence.Estimate([0.30m, 0.34m], 0.32m, 0.32m, lowerIsBetter: false);
        Assert.True(rate.Optimistic > rate.Center && rate.Pessimistic < rate.Center);
        // One week: the spread is taken as half the prior, 1,645·20/√3 = 18,99 either side of (60 + 80)/3.
        var one = Evidence.Estimate([60m], 60m, 40m, true);
        Assert.Equal(27.67m, Math.Round(one.Optimistic, 2));
    }

    [Fact]
    public void Stop_needs_three_weeks_missing_even_at_best_with_spend()
    {
        // CPL 60 every week against < 40. Week 1: optimistic 27,7 (meets). Weeks 2–4: sd 0, center 50, 52, 53,3:
        // each above 44 (40 + 10 %), so weeks 2, 3, 4 miss even at best.
        var three = Recommender.Recommend(Cost([60m, 60m, 60m]));
        Assert.Equal(Decision.Adjust, three.Decision); // only two weeks of proof
        var four = Recommender.Recommend(Cost([60m, 60m, 60m, 60m]));
        Assert.Equal(Decision.Stop, four.Decision);
        Assert.Equal(3, four.WeeksMissing);
        Assert.Equal(0.1m, four.BudgetShareSpent);
        Assert.Equal(53.33m, Math.Round(four.Estimate!.Center, 2));
    }

    [Fact]
    public void No_stop_without_real_spend()
    {
        var idle = Cost([60m, 60m, 60m, 60m], spend: [0m, 0m, 0m, 0m], spent: 0);
        Assert.Equal(Decision.Adjust, Recommender.Recommend(idle).Decision);
    }

    [Fact]
    public void A_near_miss_is_adjusted_not_stopped()
    {
        // CPL 43 against < 40: center (4·43 + 2·40)/6 = 42 misses, but never by more than 10 % (44).
        var near = Recommender.Recommend(Cost([43m, 43m, 43m, 43m]));
        Assert.Equal(Decision.Adjust, near.Decision);
        Assert.Equal("misses-without-proof", near.Why);
    }

    [Fact]
    public void One_bad_week_stops_nothing()
    {
        // Three weeks at 30, one at 90: sd 30, half = 1,645·30/√6 = 20,1, center (4·45 + 80)/6 = 43,3: optimistic 23,2 meets.
        var v = Recommender.Recommend(Cost([30m, 30m, 30m, 90m]));
        Assert.NotEqual(Decision.Stop, v.Decision);
        Assert.Equal(Decision.Adjust, v.Decision);
    }

    [Fact]
    public void Amplify_when_even_the_pessimistic_end_beats_the_target_and_there_is_room()
    {
        // Open rates 34, 35, 33, 34 % against > 30 %: center (4·0,34 + 2·0,30)/6 = 0,32667; sd 0,008165;
        // half 1,645·0,008165/√6 = 0,00548; pessimistic 0,3212 ≥ 0,30.
        var v = Recommender.Recommend(Rate([0.34m, 0.35m, 0.33m, 0.34m], 0.30m));
        Assert.Equal(Decision.Amplify, v.Decision);
        Assert.Equal(0.3212m, Math.Round(v.Estimate!.Pessimistic, 4));
        // Budget all spent: nothing to amplify with.
        Assert.Equal(Decision.Maintain, Recommender.Recommend(Rate([0.34m, 0.35m, 0.33m, 0.34m], 0.30m, spent: 1000)).Decision);
        // Too few weeks: maintain, whatever the first numbers say.
        Assert.Equal(Decision.Maintain, Recommender.Recommend(Rate([0.40m, 0.41m], 0.30m)).Decision);
        // A paused action is not amplified.
        Assert.Equal(Decision.Maintain, Recommender.Recommend(Rate([0.34m, 0.35m, 0.33m, 0.34m], 0.30m) with { Status = ActionStatus.Paused }).Decision);
    }

    [Fact]
    public void Within_the_interval_is_maintained_and_another_kpi_off_track_is_adjusted()
    {
        // Rates 29, 33, 31, 32 % against > 30 %: center (4·0,3125 + 0,6)/6 = 0,30833 meets, pessimistic 0,2990 does not.
        var within = Rate([0.29m, 0.33m, 0.31m, 0.32m], 0.30m);
        Assert.Equal(Decision.Maintain, Recommender.Recommend(within).Decision);
        Assert.Equal(Decision.Adjust, Recommender.Recommend(within with { OffTrack = ["ctr_email"] }).Decision);
    }

    [Fact]
    public void Cumulative_targets_follow_the_forecast_and_zero_results_with_spend_stop()
    {
        RecommendationInput Count(decimal[] weekly, Forecast f, decimal spendPerWeek = 100) =>
            new(ActionStatus.Live, "leads", TargetKind.Cumulative, false, 300, weekly, Pooled(weekly), [.. weekly.Select(_ => spendPerWeek)],
                null, 5000, 1000, true, f, weekly.Sum());
        Assert.Equal(Decision.Amplify, Recommender.Recommend(Count([30, 30, 30], new Forecast(360, 310, 410))).Decision);
        Assert.Equal(Decision.Adjust, Recommender.Recommend(Count([10, 10, 10], new Forecast(150, 120, 180))).Decision);
        Assert.Equal(Decision.Maintain, Recommender.Recommend(Count([20, 20, 20], new Forecast(290, 250, 330))).Decision);
        Assert.Equal(Decision.Stop, Recommender.Recommend(Count([5, 0, 0, 0], new Forecast(5, 5, 5))).Decision);
        Assert.Equal(Decision.Adjust, Recommender.Recommend(Count([5, 0, 0, 0], new Forecast(5, 5, 5), spendPerWeek: 0)).Decision);
    }

    [Fact]
    public void Spend_with_no_lead_at_all_for_three_weeks_is_stopped_not_left_at_no_data()
    {
        // A CPL has no value in a week without leads, so the weekly list stays empty: three such weeks with 500 € each
        // out are an action that never works, whatever the target.
        var dry = Cost([]) with { Spent = 1500, DryWeeks = 3 };
        var v = Recommender.Recommend(dry);
        Assert.Equal(Decision.Stop, v.Decision);
        Assert.Equal("nothing-for-weeks", v.Why);
        Assert.Equal(3, v.WeeksMissing);
        Assert.Equal(0.15m, v.BudgetShareSpent);
        // Two dry weeks prove nothing yet (a slow start): no data to judge, adjust.
        Assert.Equal("no-data", Recommender.Recommend(Cost([]) with { DryWeeks = 2 }).Why);
        // Dry weeks after good ones: stopped as well, the good weeks are history.
        Assert.Equal(Decision.Stop, Recommender.Recommend(Cost([30m, 32m]) with { DryWeeks = 3 }).Decision);
    }

    [Fact]
    public void Nothing_measured_is_said_not_guessed()
    {
        var v = Recommender.Recommend(Cost([]));
        Assert.Equal(Decision.Adjust, v.Decision);
        Assert.Equal("no-data", v.Why);
        Assert.Null(v.Estimate);
    }
}
