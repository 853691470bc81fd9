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
}

public sealed record Move(int FromId, string From, int ToId, string To, decimal Weekly, double FromMarginalEfficiency, double ToMarginalEfficiency);

/// <param name="MaxChange">How far one week may move an action: up to ×(1 + MaxChange), down to ÷(1 + MaxChange).</param>
/// <param name="Margin">Money moves only while the best marginal return beats the worst by this factor: noise is not chased.</param>
/// <param name="PriorWeeks">How many weeks of evidence the prior (the channel's typical cost per result) weighs in the fit.</param>
/// <param name="Recency">Each week back weighs this much less (0,8: last week 1, the one before 0,8…): a slow starter is judged on its recent weeks.</param>
public sealed record ReallocationOptions(decimal MaxChange = 0.5m, decimal StepShare = 0.01m, double Margin = 1.1, double PriorWeeks = 1, double Recency = 0.8);

/// <summary>
/// Reallocates on marginal, not average, returns (DESIGN): fit each action's response, then move spend in small
/// steps from the lowest marginal efficiency to the highest until they meet (within <see cref="ReallocationOptions.Margin"/>,
/// so noise is not chased), never moving an action up by more than <see cref="ReallocationOptions.MaxChange"/> of its
/// spend in a week, nor down by more than the same factor. Moves are transfers: the total never grows, so the plan's budget is never exceeded.
/// </summary>
public static class Reallocator
{
    /// <summary>Weeks of spend an action needs before money moves for it: shrinkage makes two enough.</summary>
    public const int MinWeeks = 2;

    /// <summary>The prior elasticity: most paid channels show diminishing returns around b = 0,6.</summary>
    public const double PriorB = 0.6;

    /// <summary>
    /// Least squares on log(results) = log(a) + b·log(spend), with b pulled toward <see cref="PriorB"/> by four units of
    /// log-spend variance: when spend barely varied from week to week (the usual case) the data cannot tell b, and
    /// the prior holds; b stays within [0,1; 1] (no increasing returns). Weeks with no results count through the
    /// level a, which falls to 0 when nothing ever came back.
    /// </summary>
    public static ResponseCurve Fit(IReadOnlyList<(decimal Spend, decimal Results)> points) => Fit(points, 0, 0, 1);

    /// <summary>
    /// The fit with shrinkage and recency (DESIGN: "shrunk toward its channel's typical value while data is thin"): the
    /// level a weighs each week by <paramref name="recency"/>^age and adds <paramref name="priorWeeks"/> pseudo-weeks at the
    /// weighted mean spend returning at <paramref name="priorCost"/> per result. Two weeks of data barely move an action
    /// away from its channel's norm; ten weeks speak for themselves.
    /// </summary>
    public static ResponseCurve Fit(IReadOnlyList<(decimal Spend, decimal Results)> points, double priorCost, double priorWeeks, double recency)
    {
        var spent = points.Select((p, i) => (p.Spend, p.Results, Weight: Math.Pow(recency, points.Count - 1 - i))).Where(p => p.Spend > 0).ToList();
        var prior = priorCost > 0 && priorWeeks > 0;
        if (spent.Count == 0 || (!prior && spent.Sum(p => p.Results) <= 0))
            return new ResponseCurve(0, PriorB);
        var positive = spent.Where(p => p.Results > 0).Select(p => (X: Math.Log((double)p.Spend), Y: Math.Log((double)p.Results))).ToList();
        var b = PriorB;
        if (positive.Count >= 2)
        {
            var mx = positive.Average(p => p.X);
            var my = positive.Average(p => p.Y);
            var sxx = positive.Sum(p => (p.X - mx) * (p.X - mx));
            var sxy = positive.Sum(p => (p.X - mx) * (p.Y - my));
            // Four units: with weekly noise around 30 %, spend moves of ±30 % say little about b for weeks;
            // measured on the decision benchmark, a weaker prior chased noise (benchmarks/Pilote.Benchmarks).
            const double lambda = 4.0;
            b = Math.Clamp((sxy + (lambda * PriorB)) / (sxx + lambda), 0.1, 1.0);
        }

        // The level matches total results at the observed spends (zero weeks included), not only the good weeks.
        var results = spent.Sum(p => p.Weight * (double)p.Results);
        var predicted = spent.Sum(p => p.Weight * Math.Pow((double)p.Spend, b));
        if (prior)
        {
            var typical = spent.Sum(p => p.Weight * (double)p.Spend) / spent.Sum(p => p.Weight);
            results += priorWeeks * typical / priorCost;
            predicted += priorWeeks * Math.Pow(typical, b);
        }
        return new ResponseCurve(results / predicted, b);
    }

    public static IReadOnlyList<Move> Reallocate(IReadOnlyList<SpendLine> lines, ReallocationOptions? options = null)
    {
        var o = options ?? new ReallocationOptions();
        var live = lines.Where(l => l.Current > 0 || !l.Stop).ToList();
        var curves = live.ToDictionary(l => l.Id, l => Fit(l.Points, (double)(l.PriorCost ?? l.ValuePerResult), o.PriorWeeks, o.Recency));
        var alloc = live.ToDictionary(l => l.Id, l => (double)l.Current);
        // Symmetric in ratio: +30 % up, ÷1,3 down. An action never drops to zero unless a stop is recommended, so it keeps
        // being measured (zero spend would teach nothing, and the first euros are the most productive ones).
        var floor = live.ToDictionary(l => l.Id, l => l.Stop ? 0 : (double)(l.Current / (1 + o.MaxChange)));
        var cap = live.ToDictionary(l => l.Id, l => l.Stop ? 0 : (double)(l.Current * (1 + o.MaxChange)));
        var total = alloc.Values.Sum();
        var step = Math.Max(1.0, total * (double)o.StepShare);
        double Eff(SpendLine l) => curves[l.Id].Marginal(alloc[l.Id]) * (double)l.ValuePerResult;

        var moved = new Dictionary<(int From, int To), double>();
        for (var i = 0; i < 10_000; i++)
        {
            var donors = live.Where(l => alloc[l.Id] - floor[l.Id] > 1e-9).ToList();
            var recipients = live.Where(l => cap[l.Id] - alloc[l.Id] > 1e-9).ToList();
            if (donors.Count == 0 || recipients.Count == 0)
                break;
            // A stop recommendation frees its money first, whatever its efficiency reads.
            var donor = donors.OrderBy(l => l.Stop ? 0 : 1).ThenBy(Eff).First();
            var recipient = recipients.Where(l => l.Id != donor.Id).OrderByDescending(Eff).FirstOrDefault();
            if (recipient is null)
                break;
            var worthIt = donor.Stop ? Eff(recipient) > 0 : Eff(recipient) > Eff(donor) * o.Margin;
            if (!worthIt)
                break;
            var amount = Math.Min(step, Math.Min(alloc[donor.Id] - floor[donor.Id], cap[recipient.Id] - alloc[recipient.Id]));
            alloc[donor.Id] -= amount;
            alloc[recipient.Id] += amount;
            moved[(donor.Id, recipient.Id)] = moved.GetValueOrDefault((donor.Id, recipient.Id)) + amount;
        }

        var byId = live.ToDictionary(l => l.Id);
        return moved
            .Where(m => m.Value >= 0.5)
            .OrderByDescending(m => m.Value)
            .Select(m =>
            {
                var from = byId[m.Key.From];
                var to = byId[m.Key.To];
                return new Move(from.Id, from.Name, to.Id, to.Name, Math.Round((decimal)m.Value, 0),
                    curves[from.Id].Marginal((double)from.Current) * (double)from.ValuePerResult,
                    curves[to.Id].Marginal((double)to.Current) * (double)to.ValuePerResult);
            })
            .ToList();
    }
}
