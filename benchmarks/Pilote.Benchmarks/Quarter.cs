namespace Pilote.Benchmarks;

/// <summary>One simulated action: a hidden response curve, leads per week = a · ramp(week) · spend^b, plus noise.</summary>
public sealed record HiddenAction(int Id, string Name, double A, double B, double PlannedWeekly, int RampWeeks)
{
    /// <summary>Expected leads in a week at this spend: what the comparison counts, free of noise.</summary>
    public double Expected(int week, double spend) =>
        spend <= 0 ? 0 : A * Ramp(week) * Math.Pow(spend, B);

    private double Ramp(int week) => RampWeeks <= 0 ? 1 : Math.Min(1, 0.2 + (0.8 * week / RampWeeks));
}

/// <summary>
/// A quarter of 13 weeks with 20 to 50 actions whose response curves are hidden: diminishing returns (b between
/// 0,35 and 0,85), cost per lead at the planned spend from 0,6× to 1,8× the target, one action that never works and
/// one that starts slow (20 % of its potential in week 1, all of it from week 6).
/// </summary>
public sealed class Quarter
{
    public const int Weeks = 13;
    public const double TargetCpl = 50;

    public Quarter(int seed)
    {
        Seed = seed;
        var random = new Random(seed);
        var count = random.Next(20, 51);
        var actions = new List<HiddenAction>();
        for (var i = 0; i < count; i++)
        {
            var planned = Math.Round(200 + (random.NextDouble() * 1800), 0);
            var b = 0.35 + (random.NextDouble() * 0.5);
            var cplAtPlan = TargetCpl * (0.6 + (random.NextDouble() * 1.2));
            // Leads at the planned spend = planned / cplAtPlan = a · planned^b.
            var a = planned / cplAtPlan / Math.Pow(planned, b);
            actions.Add(new HiddenAction(i + 1, $"action {i + 1}", a, b, planned, 0));
        }
        actions[0] = actions[0] with { Name = "never works", A = 0 };
        actions[1] = actions[1] with { Name = "starts slow", RampWeeks = 5 };
        Actions = actions;
        // The same noise for every strategy (common random numbers): differences come from decisions, not luck.
        var noise = new Random(seed * 7919 + 1);
        Noise = [.. Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, Weeks).Select(_ => Gaussian(noise)).ToArray())];
    }

    public int Seed { get; }
    public IReadOnlyList<HiddenAction> Actions { get; }
    public double WeeklyBudget => Actions.Sum(a => a.PlannedWeekly);
    private double[][] Noise { get; }

    /// <summary>Leads observed: the expected count with over-dispersed noise (1,5× Poisson's), whole and never negative.</summary>
    public double Observed(int action, int week, double spend)
    {
        var mean = Actions[action].Expected(week, spend);
        return Math.Max(0, Math.Round(mean + (1.5 * Math.Sqrt(mean) * Noise[action][week])));
    }

    private static double Gaussian(Random r) =>
        Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());
}
