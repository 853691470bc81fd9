namespace Pilote.Reviews;

/// <summary>One action's weekly spend and results, and the value of one result (the target cost per result).</summary>
/// <param name="Points">(spend, results) per week, oldest first.</param>
/// <param name="ValuePerResult">What one result is worth by the plan: a CPL target of 40 € makes a lead worth 40 €;
/// a ROAS target of 4 makes one euro of revenue worth 0,25 €. Efficiency 1 at the margin means "exactly on target".</param>
/// <param name="Current">This week's spend rate, the starting point.</param>
/// <param name="Stop">Recommended to stop: may go down to zero and never receives.</param>
/// <param name="PriorCost">The channel's typical cost per result, which thin data is shrunk toward (default: the value per result, i.e. the target).</param>
public sealed record SpendLine(int Id, string Name, IReadOnlyList<(decimal Spend, decimal Results)> Points, decimal ValuePerResult, decimal Current, bool Stop,
    decimal? PriorCost = null);

/// <summary>results = a·spend^b fitted on an action's weekly points.</summary>
public sealed record ResponseCurve(double A, double B)
{
    public double Results(double spend) => spend <= 0 ? 0 : A * Math.Pow(spend, B);

    /// <summary>Results per extra euro at this spend.</summary>
    public double Marginal(double spend) => A <= 0 ? 0 : A * B * Math.Pow(Math.Max(spend, 1), B - 1);

    /// <summary>The spend at which one more euro returns <paramref name="perEuro"/> results: a·b·x^(b−1) = perEuro.</summary>
    public double SpendAt(double perEuro) => A <= 0 || perEuro <= 0 ? 0 : Math.Pow(A * B / perEuro, 1 / (1 - B));
}

public sealed record Move(int FromId, string From, int ToId, string To, decimal Weekly, double FromMarginalEfficiency, double ToMarginalEfficiency);

/// <param name="MaxChange">How far one week may move an action: up to ×(1 + MaxChange), down to ÷(1 + MaxChange).</param>
/// <param name="StepShare">Kept for callers of the former step-by-step search; the target allocation is now computed in closed form.</param>
/// <param name="Margin">Money moves only when the best marginal return beats the worst by this factor: noise is not chased.</param>
/// <param name="PriorWeeks">How many weeks of evidence the prior (the channel's typical cost per result) weighs in the level.</param>
/// <param name="Recency">Each week back weighs this much less in the level (1: every week the same).</param>
/// <param name="Dispersion">How much more weekly counts vary than Poisson's, before the data says otherwise (see <see cref="Reallocator.Reallocate"/>).</param>
public sealed record ReallocationOptions(decimal MaxChange = 1m, decimal StepShare = 0.01m, double Margin = 1.1, double PriorWeeks = 1, double Recency = 1,
    double Dispersion = 2);

/// <summary>
/// Reallocates on marginal, not average, returns (DESIGN): fit each action's response, then compute the allocation of
/// the same total where every action's next euro returns the same (x_i = (a_i·b_i·v_i/λ)^(1/(1−b_i)), λ found by
/// bisection), each action held between its weekly floor and cap (÷ and × (1 + <see cref="ReallocationOptions.MaxChange"/>)).
/// The differences from this week's spend become transfers from the least to the most efficient actions. Moves are
/// transfers: the total never grows, so the plan's budget is never exceeded. Measured on the decision benchmark
/// (benchmarks/Pilote.Benchmarks): going straight to the target, ×2 at most a week, recovers more than small steps,
/// and the moves themselves vary spend, which is what teaches each action's elasticity.
/// </summary>
public static class Reallocator
{
    /// <summary>
    /// Weeks of spend an action needs before money moves for it. One: the first review after launch already rebalances,
    /// because one week of data weighs only as much as the prior week at the target cost (the level moves half-way to what
    /// the week showed) and no action moves more than ×2 or ÷2. Measured on the decision benchmark (30 quarters): waiting
    /// a second week costs 3,9 points of the recoverable gain on average and 12,6 on the worst quarter, because every
    /// week at the plan is a week at the static plan's result.
    /// </summary>
    public const int MinWeeks = 1;

    /// <summary>The prior elasticity: most paid channels show diminishing returns around b = 0,6.</summary>
    public const double PriorB = 0.6;

    /// <summary>How sure the prior is: b within about 0,6 ± 0,3 (two spreads) for almost every paid action.</summary>
    public const double PriorBSpread = 0.15;

    /// <summary>The elasticities searched: no increasing returns, and below 1 so that the target spend exists.</summary>
    public const double MinB = 0.1, MaxB = 0.95;

    /// <summary>The fit without a prior level, every week the same, a dispersion of 2.</summary>
    public static ResponseCurve Fit(IReadOnlyList<(decimal Spend, decimal Results)> points) => Fit(points, 0, 0, 1);

    /// <summary>
    /// The fit (DESIGN: "shrunk toward its channel's typical value while data is thin"). The elasticity b maximises the
    /// over-dispersed Poisson likelihood of the weekly counts (variance = <paramref name="dispersion"/> × mean; weeks with no
    /// result count too) plus a normal prior around <see cref="PriorB"/> of spread <see cref="PriorBSpread"/>: when spend barely
    /// varied the data cannot tell b and the prior holds; big weeks (many results, little noise) speak louder than small
    /// ones. With a prior cost, the level in that likelihood is held near the prior cost at the launch spend (see
    /// <see cref="LaunchLevelSpread"/>) instead of left free. For that b the level a matches the results at the spends observed, each week weighing
    /// <paramref name="recency"/>^age, plus <paramref name="priorWeeks"/> pseudo-weeks at the mean spend returning at
    /// <paramref name="priorCost"/> per result: two weeks of data barely move an action away from its channel's norm.
    /// </summary>
    public static ResponseCurve Fit(IReadOnlyList<(decimal Spend, decimal Results)> points, double priorCost, double priorWeeks, double recency,
        double dispersion = 2)
    {
        var spent = points.Select((p, i) => (X: (double)p.Spend, Y: (double)p.Results, W: Math.Pow(recency, points.Count - 1 - i)))
            .Where(p => p.X > 0).ToList();
        var prior = priorCost > 0 && priorWeeks > 0;
        if (spent.Count == 0 || (!prior && spent.Sum(p => p.Y) <= 0))
            return new ResponseCurve(0, PriorB);
        var typical = spent.Sum(p => p.W * p.X) / spent.Sum(p => p.W);

        double Level(double b)
        {
            var results = spent.Sum(p => p.W * p.Y);
            var predicted = spent.Sum(p => p.W * Math.Pow(p.X, b));
            if (prior)
            {
                results += priorWeeks * typical / priorCost;
                predicted += priorWeeks * Math.Pow(typical, b);
            }
            return results / predicted;
        }

        // Profile likelihood on a grid of b (steps of 0,005): deterministic, and cheap for a quarter of weekly points.
        var best = PriorB;
        var bestScore = double.NegativeInfinity;
        if (spent.Select(p => p.X).Distinct().Count() >= 2 && spent.Sum(p => p.Y) > 0)
        {
            for (var b = MinB; b <= MaxB + 1e-9; b += 0.005)
            {
                var logLikelihood = prior
                    ? LaunchAnchored(spent, b, priorCost, dispersion)
                    : Free(spent, b) / Math.Max(dispersion, 1e-6);
                var score = logLikelihood - ((b - PriorB) * (b - PriorB) / (2 * PriorBSpread * PriorBSpread));
                if (score > bestScore)
                    (best, bestScore) = (b, score);
            }
        }
        return new ResponseCurve(Level(best), best);
    }

    /// <summary>The Poisson log-likelihood of b with the level at its best for that b (no prior on the level).</summary>
    private static double Free(List<(double X, double Y, double W)> spent, double b)
    {
        var a = spent.Sum(p => p.Y) / spent.Sum(p => Math.Pow(p.X, b));
        return spent.Sum(p =>
        {
            var mean = a * Math.Pow(p.X, b);
            return (p.Y * Math.Log(mean)) - mean;
        });
    }

    /// <summary>How far the plan's cost per result may be off at launch: log spread 0,3, i.e. within about ±35 % two times in three.</summary>
    public const double LaunchLevelSpread = 0.3;

    /// <summary>
    /// The log-likelihood of b, divided by the dispersion, when the level is not free: the plan expected its target (or the
    /// channel's typical) cost per result at the spend the action launched with, give or take <see cref="LaunchLevelSpread"/>
    /// in log. For each b the log level ℓ at the launch spend maximises Σ(y·(ℓ + b·log(x/x₀)) − e^(ℓ + b·log(x/x₀)))/dispersion
    /// − (ℓ − log(x₀/cost))²/(2·spread²) (concave: Newton's method). Why: spend moves follow last week's luck, so a
    /// free level lets that luck read as a flat response (spend raised after a lucky week, results fall back) and biases
    /// b down; the launch spend was chosen before any result, and anchoring the level there takes most of that bias out
    /// (decision benchmark: +1,3 points on average, +4,5 on the worst quarter in the scratch simulation).
    /// </summary>
    private static double LaunchAnchored(List<(double X, double Y, double W)> spent, double b, double priorCost, double dispersion)
    {
        var phi = Math.Max(dispersion, 1e-6);
        var launch = spent[0].X;
        var center = Math.Log(launch / priorCost);
        var ratios = spent.Select(p => Math.Pow(p.X / launch, b)).ToArray();
        var results = spent.Sum(p => p.Y);
        var exposure = ratios.Sum();
        var spread2 = LaunchLevelSpread * LaunchLevelSpread;
        var level = results > 0 ? Math.Log(results / exposure) : center;
        for (var k = 0; k < 50; k++)
        {
            var e = Math.Exp(level);
            var slope = ((results - (e * exposure)) / phi) - ((level - center) / spread2);
            var curvature = (-e * exposure / phi) - (1 / spread2);
            var step = slope / curvature;
            level -= step;
            if (Math.Abs(step) < 1e-12)
                break;
        }
        var logLikelihood = 0.0;
        for (var i = 0; i < spent.Count; i++)
        {
            var logMean = level + (b * Math.Log(spent[i].X / launch));
            logLikelihood += (spent[i].Y * logMean) - Math.Exp(logMean);
        }
        return (logLikelihood / phi) - ((level - center) * (level - center) / (2 * spread2));
    }

    /// <summary>
    /// Pearson dispersion pooled over every action's fitted weeks, (results − mean)²/mean per degree of freedom, kept
    /// between 1 (Poisson) and 10; the given value when too few weeks say anything.
    /// </summary>
    public static double PooledDispersion(IReadOnlyList<(IReadOnlyList<(decimal Spend, decimal Results)> Points, ResponseCurve Curve)> fits, double fallback)
    {
        double sum = 0;
        var freedom = 0;
        foreach (var (points, curve) in fits)
        {
            var weeks = points.Where(p => p.Spend > 0).ToList();
            if (weeks.Count < 3 || curve.A <= 0)
                continue;
            foreach (var (spend, results) in weeks)
            {
                var mean = curve.Results((double)spend);
                if (mean > 0)
                    sum += ((double)results - mean) * ((double)results - mean) / mean;
            }
            freedom += weeks.Count - 2;
        }
        return freedom < 10 ? fallback : Math.Clamp(sum / freedom, 1, 10);
    }

    public static IReadOnlyList<Move> Reallocate(IReadOnlyList<SpendLine> lines, ReallocationOptions? options = null)
    {
        var o = options ?? new ReallocationOptions();
        var live = lines.Where(l => l.Current > 0 || !l.Stop).ToList();
        if (live.Count < 2)
            return [];
        ResponseCurve FitLine(SpendLine l, double dispersion) =>
            Fit(l.Points, (double)(l.PriorCost ?? l.ValuePerResult), o.PriorWeeks, o.Recency, dispersion);
        // Twice: once with the assumed dispersion, then with the one every action's weeks show together.
        var first = live.Select(l => (l.Points, Curve: FitLine(l, o.Dispersion))).ToList();
        var dispersion = PooledDispersion(first, o.Dispersion);
        var curves = live.ToDictionary(l => l.Id, l => FitLine(l, dispersion));

        // Symmetric in ratio: ×2 up, ÷2 down with the defaults. An action never drops to zero unless a stop is recommended,
        // so it keeps being measured (zero spend would teach nothing, and the first euros are the most productive ones).
        var current = live.ToDictionary(l => l.Id, l => (double)l.Current);
        var floor = live.ToDictionary(l => l.Id, l => l.Stop ? 0 : current[l.Id] / (1 + (double)o.MaxChange));
        var cap = live.ToDictionary(l => l.Id, l => l.Stop ? 0 : current[l.Id] * (1 + (double)o.MaxChange));
        double Eff(SpendLine l, double spend) => curves[l.Id].Marginal(spend) * (double)l.ValuePerResult;

        // Nothing to gain beyond noise: every action's next euro returns within the margin of every other's.
        var open = live.Where(l => !l.Stop).ToList();
        var anyStop = live.Any(l => l.Stop && l.Current > 0);
        if (!anyStop && (open.Count < 2 || open.Max(l => Eff(l, current[l.Id])) <= open.Min(l => Eff(l, current[l.Id])) * o.Margin))
            return [];

        // The target: the same total, every action where its next euro returns λ (in value per euro), within floor and cap.
        var total = current.Values.Sum();
        double Target(SpendLine l, double lambda) =>
            Math.Clamp(curves[l.Id].SpendAt(lambda / (double)l.ValuePerResult), floor[l.Id], cap[l.Id]);
        double lo = 1e-9, hi = 1e9;
        for (var k = 0; k < 200; k++)
        {
            var mid = Math.Sqrt(lo * hi);
            if (live.Sum(l => Target(l, mid)) > total)
                lo = mid;
            else
                hi = mid;
        }
        var target = live.ToDictionary(l => l.Id, l => Target(l, hi));

        // The changes as transfers: the least efficient donors (a stop first) give to the most efficient recipients.
        var donors = live.Where(l => target[l.Id] < current[l.Id])
            .OrderBy(l => l.Stop ? 0 : 1).ThenBy(l => Eff(l, current[l.Id])).Select(l => (Line: l, Left: current[l.Id] - target[l.Id])).ToList();
        var recipients = live.Where(l => target[l.Id] > current[l.Id])
            .OrderByDescending(l => Eff(l, current[l.Id])).Select(l => (Line: l, Left: target[l.Id] - current[l.Id])).ToList();
        var moved = new List<(SpendLine From, SpendLine To, double Amount)>();
        int d = 0, r = 0;
        while (d < donors.Count && r < recipients.Count)
        {
            var amount = Math.Min(donors[d].Left, recipients[r].Left);
            moved.Add((donors[d].Line, recipients[r].Line, amount));
            donors[d] = donors[d] with { Left = donors[d].Left - amount };
            recipients[r] = recipients[r] with { Left = recipients[r].Left - amount };
            if (donors[d].Left <= 1e-9)
                d++;
            if (recipients[r].Left <= 1e-9)
                r++;
        }

        return moved
            .Where(m => m.Amount >= 0.5)
            .OrderByDescending(m => m.Amount)
            .Select(m => new Move(m.From.Id, m.From.Name, m.To.Id, m.To.Name, Math.Round((decimal)m.Amount, 0),
                Eff(m.From, current[m.From.Id]), Eff(m.To, current[m.To.Id])))
            .ToList();
    }
}
