namespace Pilote.Reviews;

/// <summary>An estimate of an action's KPI with the ends that a decision needs.</summary>
/// <param name="Center">The estimate, shrunk toward the prior while weeks are few.</param>
/// <param name="Optimistic">The end most favourable to the action (low for a cost, high for a rate).</param>
/// <param name="Pessimistic">The least favourable end.</param>
public sealed record Estimate(decimal Center, decimal Optimistic, decimal Pessimistic, int Weeks);

/// <summary>
/// Judges with evidence, not one bad week. Weekly values give a spread; the estimate is the pooled value shrunk
/// toward a prior (the channel's typical value, else the target) as if the prior were <see cref="PriorWeeks"/> weeks
/// of data, so three weeks weigh 60 % and ten weeks 83 %. The interval is ±<see cref="Z"/> standard errors over
/// weeks + prior weeks; with fewer than two weeks the spread is taken as half the prior, which keeps a first
/// week from deciding anything.
/// </summary>
public static class Evidence
{
    public const int PriorWeeks = 2;
    public const decimal Z = 1.645m;

    public static Estimate Estimate(IReadOnlyList<decimal> weekly, decimal pooled, decimal prior, bool lowerIsBetter)
    {
        var n = weekly.Count;
        var center = ((n * pooled) + (PriorWeeks * prior)) / (n + PriorWeeks);
        decimal sd;
        if (n >= 2)
        {
            var mean = weekly.Average();
            sd = Sqrt(weekly.Sum(v => (v - mean) * (v - mean)) / (n - 1));
        }
        else
        {
            sd = Math.Abs(prior) / 2;
        }

        var half = Z * sd / Sqrt(n + PriorWeeks);
        return lowerIsBetter
            ? new Estimate(center, center - half, center + half, n)
            : new Estimate(center, center + half, center - half, n);
    }

    /// <summary>True when <paramref name="value"/> meets a target on the good side (strictly beyond when strict).</summary>
    public static bool Meets(decimal value, decimal target, bool lowerIsBetter) =>
        lowerIsBetter ? value <= target : value >= target;

    internal static decimal Sqrt(decimal x) => x <= 0 ? 0 : (decimal)Math.Sqrt((double)x);
}
