using Pilote.Actions;
using Pilote.Reviews;
using Pilote.Targets;

namespace Pilote.Benchmarks;

/// <summary>The three ways to run the quarter. Each returns the expected leads over the quarter.</summary>
public static class Strategies
{
    /// <summary>The plan as written: every action at its planned spend every week.</summary>
    public static double Static(Quarter q) =>
        Enumerable.Range(0, Quarter.Weeks).Sum(w => q.Actions.Sum(a => a.Expected(w, a.PlannedWeekly)));

    /// <summary>
    /// The best allocation knowing the hidden curves: each week the same total spend split where marginal leads per euro
    /// are equal, x_i = (a_i·b_i/λ)^(1/(1−b_i)), with λ found by bisection. No floors or caps: the upper bound.
    /// </summary>
    public static double Oracle(Quarter q)
    {
        var total = 0.0;
        for (var w = 0; w < Quarter.Weeks; w++)
        {
            var levels = q.Actions.Select(a => a.Expected(w, 1)).ToArray(); // a·ramp at spend 1
            double Spend(int i, double lambda) => levels[i] <= 0 ? 0 : Math.Pow(levels[i] * q.Actions[i].B / lambda, 1 / (1 - q.Actions[i].B));
            double lo = 1e-9, hi = 1e3;
            for (var k = 0; k < 200; k++)
            {
                var mid = Math.Sqrt(lo * hi);
                var sum = Enumerable.Range(0, levels.Length).Sum(i => Spend(i, mid));
                if (sum > q.WeeklyBudget)
                    lo = mid;
                else
                    hi = mid;
            }
            total += Enumerable.Range(0, levels.Length).Sum(i => q.Actions[i].Expected(w, Spend(i, hi)));
        }
        return total;
    }

    /// <summary>
    /// Following Pilote: each week from the fourth, every action gets the review's recommendation from what was observed
    /// so far, and the review's reallocation is applied to next week's spend. Stops free their money through the moves.
    /// </summary>
    public static (double Expected, int Stops, int Moves) FollowPilote(Quarter q, ReallocationOptions? options = null)
    {
        var n = q.Actions.Count;
        var spend = q.Actions.Select(a => a.PlannedWeekly).ToArray();
        var history = Enumerable.Range(0, n).Select(_ => new List<(decimal Spend, decimal Leads)>()).ToArray();
        var total = 0.0;
        var stops = 0;
        var moves = 0;
        for (var w = 0; w < Quarter.Weeks; w++)
        {
            for (var i = 0; i < n; i++)
            {
                total += q.Actions[i].Expected(w, spend[i]);
                history[i].Add(((decimal)spend[i], (decimal)q.Observed(i, w, spend[i])));
            }
            if (w < Reallocator.MinWeeks - 1 || w == Quarter.Weeks - 1)
                continue;

            var lines = new List<SpendLine>();
            for (var i = 0; i < n; i++)
            {
                var verdict = Recommender.Recommend(Input(q, i, history[i], w));
                if (verdict.Decision == Decision.Stop)
                    stops++;
                if (spend[i] > 0)
                    lines.Add(new SpendLine(i, q.Actions[i].Name, history[i], (decimal)Quarter.TargetCpl, (decimal)spend[i], verdict.Decision == Decision.Stop));
            }
            foreach (var m in Reallocator.Reallocate(lines, options))
            {
                spend[m.FromId] -= (double)m.Weekly;
                spend[m.ToId] += (double)m.Weekly;
                moves++;
            }
        }
        return (total, stops, moves);
    }

    /// <summary>What the review hands the recommender for a CPL target: weekly CPLs (weeks with leads), pooled to date, spend.</summary>
    private static RecommendationInput Input(Quarter q, int i, List<(decimal Spend, decimal Leads)> history, int week)
    {
        var weekly = new List<decimal>();
        var pooled = new List<decimal>();
        var weeklySpend = new List<decimal>();
        decimal s = 0, l = 0;
        foreach (var (spend, leads) in history)
        {
            s += spend;
            l += leads;
            if (leads == 0 || spend == 0)
                continue;
            weekly.Add(spend / leads);
            pooled.Add(l == 0 ? spend / leads : s / l);
            weeklySpend.Add(spend);
        }
        var dry = 0;
        for (var k = history.Count - 1; k >= 0 && history[k].Spend > 0 && history[k].Leads == 0; k--)
            dry++;
        var planned = (decimal)(q.Actions[i].PlannedWeekly * Quarter.Weeks);
        return new RecommendationInput(ActionStatus.Live, "cpl", TargetKind.Rate, true, (decimal)Quarter.TargetCpl, weekly, pooled, weeklySpend,
            null, planned, s, week < Quarter.Weeks - 1, DryWeeks: dry);
    }
}
