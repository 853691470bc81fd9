using Pilote.Actions;
using Pilote.Targets;

namespace Pilote.Reviews;

public enum Decision
{
    Amplify,
    Maintain,
    Adjust,
    Stop,
}

/// <summary>What the recommender knows about one action at the end of the reviewed week.</summary>
/// <param name="Weekly">The primary KPI of each week with a value, oldest first, up to the reviewed week.</param>
/// <param name="Pooled">The primary KPI over the same weeks (a ratio of sums), per week prefix: Pooled[i] covers weeks 0..i.</param>
/// <param name="WeeklySpend">Spend of the same weeks (zeros when spend is not measured).</param>
/// <param name="Prior">The channel's typical value of this KPI, else null (the target is used).</param>
/// <param name="Spent">Spent to date (the action's field, or measured spend when higher).</param>
/// <param name="Forecast">For a cumulative KPI: the forecast at the deadline.</param>
/// <param name="OffTrack">Other KPIs of the action that are off track.</param>
/// <param name="DryWeeks">For a cost or return KPI: weeks in a row, up to the reviewed one, with spend and no result at all
/// (its cost per result has no value those weeks, so <paramref name="Weekly"/> skips them).</param>
public sealed record RecommendationInput(
    ActionStatus Status,
    string Kpi,
    TargetKind Kind,
    bool LowerIsBetter,
    decimal Target,
    IReadOnlyList<decimal> Weekly,
    IReadOnlyList<decimal> Pooled,
    IReadOnlyList<decimal> WeeklySpend,
    decimal? Prior,
    decimal? PlannedBudget,
    decimal Spent,
    bool WeeksLeft,
    Forecast? Forecast = null,
    decimal? ToDate = null,
    IReadOnlyList<string>? OffTrack = null,
    int DryWeeks = 0);

/// <summary>A recommendation with its evidence; the caller words it.</summary>
public sealed record Verdict(Decision Decision, string Why, Estimate? Estimate, int WeeksMissing, decimal? BudgetShareSpent);

/// <summary>
/// amplify, maintain, adjust or stop, from the evidence (see DESIGN, "Audit and review logic"):
/// stop when the optimistic end of the interval has missed the target for <see cref="StopWeeks"/> weeks in a row
/// with real spend behind it; amplify when the pessimistic end beats the target and there is room to spend;
/// adjust when the estimate misses without proof, or another KPI is off track; maintain otherwise. Spend with no result at
/// all for <see cref="StopWeeks"/> weeks in a row is a stop whatever the KPI.
/// </summary>
public static class Recommender
{
    public const int StopWeeks = 3;
    public const int MinWeeks = 3;

    /// <summary>A stop needs a material miss: the optimistic end beyond the target by more than this share.
    /// A CPL at 63 € against 60 € calls for adjusting the bids, not for dropping the channel.</summary>
    public const decimal StopMargin = 0.10m;

    public static Verdict Recommend(RecommendationInput input)
    {
        var share = input.PlannedBudget is > 0 ? input.Spent / input.PlannedBudget.Value : (decimal?)null;
        return input.Kind == TargetKind.Cumulative ? Cumulative(input, share) : Rate(input, share);
    }

    private static Verdict Rate(RecommendationInput input, decimal? share)
    {
        // Money out and not one result back for weeks: a cost per result does not even exist, the action does not work.
        if (input.DryWeeks >= StopWeeks)
            return new Verdict(Decision.Stop, "nothing-for-weeks", null, input.DryWeeks, share);
        var n = input.Weekly.Count;
        if (n == 0)
            return new Verdict(Decision.Adjust, "no-data", null, 0, share);
        var prior = input.Prior ?? input.Target;
        var estimates = Enumerable.Range(0, n)
            .Select(i => Evidence.Estimate(input.Weekly.Take(i + 1).ToList(), input.Pooled[i], prior, input.LowerIsBetter))
            .ToList();
        var now = estimates[^1];
        // Weeks in a row, up to now, whose optimistic end still missed the target by more than the margin.
        var missing = 0;
        var tolerated = input.LowerIsBetter ? input.Target * (1 + StopMargin) : input.Target * (1 - StopMargin);
        for (var i = n - 1; i >= 0 && !Evidence.Meets(estimates[i].Optimistic, tolerated, input.LowerIsBetter); i--)
            missing++;
        var recentSpend = input.WeeklySpend.TakeLast(StopWeeks).Sum();
        var realSpend = recentSpend > 0 || input.Spent > 0;
        if (n >= MinWeeks && missing >= StopWeeks && realSpend)
            return new Verdict(Decision.Stop, "misses-for-weeks", now, missing, share);

        var room = input.Status is ActionStatus.Live or ActionStatus.InProgress && input.WeeksLeft
            && (input.PlannedBudget is null || input.Spent < input.PlannedBudget);
        if (n >= MinWeeks && Evidence.Meets(now.Pessimistic, input.Target, input.LowerIsBetter))
        {
            return room
                ? new Verdict(Decision.Amplify, "beats-target", now, missing, share)
                : new Verdict(Decision.Maintain, "beats-target-no-room", now, missing, share);
        }

        if (!Evidence.Meets(now.Center, input.Target, input.LowerIsBetter))
            return new Verdict(Decision.Adjust, n < MinWeeks ? "misses-few-weeks" : "misses-without-proof", now, missing, share);
        if (input.OffTrack is { Count: > 0 })
            return new Verdict(Decision.Adjust, "other-kpi-off-track", now, missing, share);
        return new Verdict(Decision.Maintain, n < MinWeeks ? "too-few-weeks" : "within-interval", now, missing, share);
    }

    private static Verdict Cumulative(RecommendationInput input, decimal? share)
    {
        var n = input.Weekly.Count;
        if (input.ToDate is null || input.Forecast is null)
            return new Verdict(Decision.Adjust, "no-data", null, 0, share);
        var zeros = input.Weekly.TakeLast(StopWeeks).Count(v => v == 0);
        var spentRecently = input.WeeklySpend.TakeLast(StopWeeks).Sum() > 0;
        // A count that stays at zero for weeks while money goes out is an action that does not work.
        if (n >= StopWeeks && zeros == StopWeeks && spentRecently)
            return new Verdict(Decision.Stop, "nothing-for-weeks", null, zeros, share);
        var room = input.Status is ActionStatus.Live or ActionStatus.InProgress && input.WeeksLeft
            && (input.PlannedBudget is null || input.Spent < input.PlannedBudget);
        if (n >= MinWeeks && input.Forecast.Low >= input.Target)
            return new Verdict(room ? Decision.Amplify : Decision.Maintain, room ? "forecast-beats-target" : "beats-target-no-room", null, 0, share);
        // Under MinWeeks the interval is not measured yet (one week: no spread at all), so "at best" would be a guess.
        if (input.Forecast.High < input.Target)
            return n < MinWeeks
                ? new Verdict(Decision.Adjust, "forecast-misses-few-weeks", null, n, share)
                : new Verdict(Decision.Adjust, "forecast-misses", null, 0, share);
        if (input.OffTrack is { Count: > 0 })
            return new Verdict(Decision.Adjust, "other-kpi-off-track", null, 0, share);
        return new Verdict(Decision.Maintain, "forecast-within", null, 0, share);
    }

    public static string Id(this Decision d) => d switch
    {
        Decision.Amplify => "amplify",
        Decision.Maintain => "maintain",
        Decision.Adjust => "adjust",
        _ => "stop",
    };

    public static string Label(this Decision d, bool french) => d switch
    {
        Decision.Amplify => french ? "amplifier" : "amplify",
        Decision.Maintain => french ? "maintenir" : "maintain",
        Decision.Adjust => french ? "ajuster" : "adjust",
        _ => french ? "arrêter" : "stop",
    };

    public static Decision? Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "amplify" or "amplifier" => Decision.Amplify,
        "maintain" or "maintenir" => Decision.Maintain,
        "adjust" or "ajuster" => Decision.Adjust,
        "stop" or "arreter" or "arrêter" => Decision.Stop,
        _ => null,
    };
}
