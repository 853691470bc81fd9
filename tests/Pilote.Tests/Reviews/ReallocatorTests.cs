using Pilote.Reviews;

namespace Pilote.Tests.Reviews;

/// <summary>The response fit and the reallocation on cases computed by hand.</summary>
public sealed class ReallocatorTests
{
    private static (decimal, decimal)[] Weeks(decimal spend, decimal results, int n = 4) => [.. Enumerable.Repeat((spend, results), n)];

    /// <summary>The mechanics alone: a ±30 % weekly cap, no shrinkage toward the channel, every week weighing the same.</summary>
    private static readonly ReallocationOptions Plain = new(MaxChange: 0.3m, PriorWeeks: 0, Recency: 1);

    [Fact]
    public void Constant_spend_cannot_tell_the_elasticity_so_the_prior_holds()
    {
        // b = 0,6 (no spread in log spend); a = 30 / (3·100^0,6) = 0,63096.
        var curve = Reallocator.Fit(Weeks(100, 10, 3));
        Assert.Equal(0.6, curve.B, 6);
        Assert.Equal(0.63096, curve.A, 5);
        // Marginal results per euro at 100: a·b·100^(b−1) = 0,63096·0,6·0,15849 = 0,06.
        Assert.Equal(0.06, curve.Marginal(100), 5);
    }

    [Fact]
    public void Varied_spend_moves_the_elasticity_toward_the_data()
    {
        // results = 2·√spend at 100, 400, 900: alone, the data says b = 0,5 exactly. The score is the Poisson profile
        // likelihood Σy·(log a + b·log x) − Σy with a = Σy/Σx^b, divided by the dispersion 2, minus (b − 0,6)²/(2·0,15²):
        // on the 0,005 grid it peaks at b = 0,555 (0,550: 166,4639; 0,555: 166,4649; 0,560: 166,4640), the prior pulling
        // a little less than half-way back; a = 120 / (100^0,555 + 400^0,555 + 900^0,555) = 1,42348.
        var curve = Reallocator.Fit([(100m, 20m), (400m, 40m), (900m, 60m)]);
        Assert.Equal(0.555, curve.B, 3);
        Assert.Equal(1.42348, curve.A, 4);
        // Ten times more evidence (the same shape at ten times the volume) leaves the prior behind: b = 0,510.
        Assert.Equal(0.510, Reallocator.Fit([(100m, 200m), (400m, 400m), (900m, 600m)]).B, 3);
    }

    [Fact]
    public void A_lucky_launch_week_is_read_against_the_plans_expected_cost()
    {
        // Launched at 100 € a week where the plan expects 2,50 € a lead (40 leads): a lucky 60, so spend doubles, and 64
        // follow. Free level: b maximises the profile likelihood alone (plus the 0,6 ± 0,15 prior) at 0,530, reading the
        // luck as a flat response. Anchored: the level at the launch spend is also drawn toward 40 with a log spread of
        // 0,3 (Newton's method per b), so week one weighs less against week two: b = 0,545 on the 0,005 grid.
        (decimal, decimal)[] weeks = [(100m, 60m), (200m, 64m)];
        Assert.Equal(0.530, Reallocator.Fit(weeks).B, 3);
        Assert.Equal(0.545, Reallocator.Fit(weeks, priorCost: 2.5, priorWeeks: 1, recency: 1).B, 3);
    }

    [Fact]
    public void Nothing_ever_returned_fits_a_flat_zero()
    {
        var curve = Reallocator.Fit(Weeks(100, 0));
        Assert.Equal(0, curve.A);
        Assert.Equal(0, curve.Marginal(500));
    }

    [Fact]
    public void Money_moves_from_the_lower_to_the_higher_marginal_return_up_to_the_weekly_cap()
    {
        // Both at 100 €/week, both valued 20 € a lead. A: 10 leads a week, marginal efficiency 0,06·20 = 1,2.
        // B: 5 leads, 0,6. B may fall to 100/1,3 = 76,92 (the weekly floor): at A = 123,08 and B = 76,92,
        // 1,2·1,2308^−0,4 = 1,104 against 0,6·0,7692^−0,4 · 1,1 = 0,733: still worth moving, so B's floor stops it at 23 €.
        var moves = Reallocator.Reallocate(
        [
            new SpendLine(1, "A", Weeks(100, 10), 20, 100, false),
            new SpendLine(2, "B", Weeks(100, 5), 20, 100, false),
        ], Plain);
        var move = Assert.Single(moves);
        Assert.Equal((2, 1, 23m), (move.FromId, move.ToId, move.Weekly));
        Assert.Equal(0.6, move.FromMarginalEfficiency, 5);
        Assert.Equal(1.2, move.ToMarginalEfficiency, 5);
    }

    [Fact]
    public void Moves_go_straight_to_where_marginal_returns_meet()
    {
        // A twice as productive per euro at the margin, with wide caps (B may fall to 25, A rise to 400). The target spends
        // x = (a·b·20/λ)^(1/(1−0,6)) are in the ratio (0,63096/0,31548)^2,5 = 2^2,5 = 5,657 for the same total of 200:
        // B = 200/6,657 = 30,04 and A = 169,96, where both next euros return the same. One move of 69,96, shown as 70 €.
        var moves = Reallocator.Reallocate(
        [
            new SpendLine(1, "A", Weeks(100, 10), 20, 100, false),
            new SpendLine(2, "B", Weeks(100, 5), 20, 100, false),
        ], Plain with { MaxChange = 3m });
        var move = Assert.Single(moves);
        Assert.Equal((2, 1, 70m), (move.FromId, move.ToId, move.Weekly));
        var a = new ResponseCurve(0.63096, 0.6).Marginal(169.96);
        var b = new ResponseCurve(0.31548, 0.6).Marginal(30.04);
        Assert.Equal(a, b, 4);
        // Equal returns: nothing to gain, nothing moves.
        Assert.Empty(Reallocator.Reallocate(
        [
            new SpendLine(1, "A", Weeks(100, 10), 20, 100, false),
            new SpendLine(2, "B", Weeks(100, 10), 20, 100, false),
        ], Plain));
        // Within the margin (returns 1,2 against 1,125: less than 10 % apart): noise is not chased.
        Assert.Empty(Reallocator.Reallocate(
        [
            new SpendLine(1, "A", Weeks(100, 10), 20, 100, false),
            new SpendLine(2, "B", Weeks(100, 9.375m), 20, 100, false),
        ], Plain));
    }

    [Fact]
    public void A_stopped_action_frees_its_money_and_never_receives_and_the_total_never_grows()
    {
        var lines = new[]
        {
            new SpendLine(1, "A", Weeks(100, 10), 20, 100, false),
            new SpendLine(2, "B", Weeks(200, 12), 20, 200, false),
            new SpendLine(3, "Dead", Weeks(150, 0), 20, 150, true),
        };
        var moves = Reallocator.Reallocate(lines, Plain);
        Assert.All(moves, m => Assert.NotEqual(3, m.ToId));
        var given = moves.Where(m => m.FromId == 3).Sum(m => m.Weekly);
        // A can take 30 and B 60 (their +30 % caps): 90 of the 150 freed; the rest stays unspent, never over budget.
        Assert.Equal(90m, given);
        var after = lines.ToDictionary(l => l.Id, l => l.Current);
        foreach (var m in moves)
        {
            after[m.FromId] -= m.Weekly;
            after[m.ToId] += m.Weekly;
        }
        Assert.True(after.Values.Sum() <= lines.Sum(l => l.Current));
        Assert.Equal(130m, after[1]);
        Assert.Equal(260m, after[2]);
    }

    [Fact]
    public void Thin_data_is_shrunk_toward_the_channels_typical_cost_and_recent_weeks_weigh_more()
    {
        // Two weeks at 100 € for 10 leads (CPL 10) against a channel that typically pays 20 € a lead, one prior week,
        // recency 0,8: results 0,8·10 + 10 + 1·100/20 = 23; Σ w·spend^0,6 = (0,8 + 1 + 1)·15,849 = 44,377; a = 0,51829.
        var thin = Reallocator.Fit(Weeks(100, 10, 2), priorCost: 20, priorWeeks: 1, recency: 0.8);
        Assert.Equal(0.51829, thin.A, 5);
        // Unshrunk, the same two weeks read 10/15,849 = 0,63096: the prior pulls the level a fifth of the way back.
        Assert.Equal(0.63096, Reallocator.Fit(Weeks(100, 10, 2)).A, 5);
        // A slow starter: 2 leads then 10. Recency reads the recent week more: (0,8·2 + 10)/(1,8·15,849) = 0,40662
        // against 12/(2·15,849) = 0,37857 with equal weights.
        var slow = Reallocator.Fit([(100m, 2m), (100m, 10m)], 0, 0, 0.8);
        Assert.Equal(0.40662, slow.A, 5);
        // Nothing back yet but a prior: not zero (two weeks prove little), yet well below the channel's norm.
        var dry = Reallocator.Fit(Weeks(100, 0, 2), priorCost: 20, priorWeeks: 1, recency: 0.8);
        Assert.Equal(5 / (2.8 * 15.8489), dry.A, 4);
    }

    [Fact]
    public void The_default_weekly_cap_doubles_or_halves_and_thin_data_leans_on_the_target()
    {
        // Defaults: ×2 / ÷2 a week, one prior week at the target cost (20 €), every week the same weight. Six weeks at 100 €:
        // A a = (60 + 100/20)/(7·100^0,6) = 0,58589, B a = (30 + 5)/(7·15,849) = 0,31548. The ideal ratio (0,58589/0,31548)^2,5
        // = 4,70 would take B down to 35 €, below its floor of 50: B gives 50 €, A rises to 150 € (under its cap of 200).
        var move = Assert.Single(Reallocator.Reallocate(
        [
            new SpendLine(1, "A", Weeks(100, 10, 6), 20, 100, false),
            new SpendLine(2, "B", Weeks(100, 5, 6), 20, 100, false),
        ]));
        Assert.Equal((2, 1, 50m), (move.FromId, move.ToId, move.Weekly));
        Assert.Equal(0.58589 * 0.6 * Math.Pow(100, -0.4) * 20, move.ToMarginalEfficiency, 4);
    }

    [Fact]
    public void One_week_already_moves_money_half_way_to_what_it_showed()
    {
        // The first review after launch (MinWeeks = 1). One week at 100 € each against a 20 € target, one prior week at the
        // mean spend: A (10 leads) a = (10 + 5)/(2·100^0,6) = 0,47322, B (2 leads) a = (2 + 5)/(2·15,849) = 0,22084: the week
        // weighs as much as the target, so B reads (100 + 100)/(2 + 5) = 28,6 € a lead, half-way from 50 € to 20 €.
        // The ideal ratio (0,47322/0,22084)^2,5 = 6,72 takes B below its floor of 50: B gives 50 €, A gets 150 €.
        Assert.Equal(1, Reallocator.MinWeeks);
        var move = Assert.Single(Reallocator.Reallocate(
        [
            new SpendLine(1, "A", Weeks(100, 10, 1), 20, 100, false),
            new SpendLine(2, "B", Weeks(100, 2, 1), 20, 100, false),
        ]));
        Assert.Equal((2, 1, 50m), (move.FromId, move.ToId, move.Weekly));
        Assert.Equal(0.47322 * 0.6 * Math.Pow(100, -0.4) * 20, move.ToMarginalEfficiency, 4);
        Assert.Equal(0.22084 * 0.6 * Math.Pow(100, -0.4) * 20, move.FromMarginalEfficiency, 4);
    }

    [Fact]
    public void The_dispersion_is_read_from_every_actions_weeks_together()
    {
        // Actions at 100 € a week, alternating 5 and 15 leads (fit: a·100^0,6 = 10): each week weighs (±5)²/10 = 2,5.
        var points = (IReadOnlyList<(decimal, decimal)>)[.. Enumerable.Range(0, 6).Select(i => (100m, i % 2 == 0 ? 5m : 15m))];
        var curve = Reallocator.Fit(points);
        // Two such actions give 2·(6 − 2) = 8 degrees of freedom, fewer than ten: the assumed dispersion holds.
        Assert.Equal(2, Reallocator.PooledDispersion([(points, curve), (points, curve)], 2));
        // Three give 12: 18 weeks × 2,5 / 12 = 3,75 times Poisson's variance.
        Assert.Equal(3.75, Reallocator.PooledDispersion([(points, curve), (points, curve), (points, curve)], 2), 6);
    }
}
