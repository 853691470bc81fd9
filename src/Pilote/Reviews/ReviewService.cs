using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pilote.Common;
using Pilote.Data;
using Pilote.Kpis;
using Pilote.Plans;

namespace Pilote.Reviews;

/// <summary>
/// The weekly review over the database, shared by the CLI and the web app: computes a week's review, or reads the
/// snapshot kept when the team first decided on it, and appends decisions to the log.
/// </summary>
public sealed class ReviewService(PiloteDb db, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The review of the ISO week holding <paramref name="day"/>: the snapshot when one was decided, else computed now.</summary>
    public async Task<ReviewResult> GetAsync(int planId, DateOnly day, bool french, CancellationToken ct = default)
    {
        var monday = ReviewBuilder.Monday(day);
        var stored = await db.Reviews.AsNoTracking().Include(r => r.Decisions)
            .FirstOrDefaultAsync(r => r.PlanId == planId && r.WeekStart == monday, ct);
        if (stored is null)
            return await ComputeAsync(planId, monday, french, ct);
        var snapshot = JsonSerializer.Deserialize<Dictionary<string, ReviewResult>>(stored.Snapshot, Json)!;
        return snapshot[french ? "fr" : "en"] with { FromSnapshot = true, Decisions = Lines(stored.Decisions) };
    }

    public async Task<ReviewResult> ComputeAsync(int planId, DateOnly monday, bool french, CancellationToken ct = default)
    {
        var plan = await PlanLoader.LoadAsync(db, planId, ct: ct);
        var specs = await db.MetricDefinitions.AsNoTracking()
            .Where(m => m.WorkspaceId == plan.WorkspaceId)
            .ToDictionaryAsync(m => m.Key, m => m.ToSpec(), ct);
        var weekEnd = monday.AddDays(6);
        var actionIds = plan.Actions.Select(a => a.Id).ToList();
        var rows = await db.Measurements.AsNoTracking()
            .Where(m => actionIds.Contains(m.ActionId) && m.PeriodEnd <= weekEnd)
            .Select(m => new { m.ActionId, m.Metric, m.PeriodStart, m.PeriodEnd, m.Value })
            .ToListAsync(ct);
        var byAction = rows.ToLookup(r => r.ActionId, r => new MetricPoint(r.Metric, r.PeriodStart, r.PeriodEnd, r.Value));
        return ReviewBuilder.Build(plan, specs, a => byAction[a].ToList(), monday, french, clock.GetUtcNow());
    }

    /// <summary>
    /// Records what the team did with one recommendation. The first decision on a week keeps the review as it
    /// stands (both languages) so that the week reads the same forever after.
    /// </summary>
    public async Task<(ReviewDecision Decision, ReviewResult Review)> DecideAsync(
        int planId, DateOnly day, int actionId, string verdictText, string? chosenText, string? reason, string author, bool french, CancellationToken ct = default)
    {
        var verdict = verdictText.Trim().ToLowerInvariant() switch
        {
            "accept" or "accepter" => DecisionVerdict.Accept,
            "change" or "modifier" => DecisionVerdict.Change,
            "reject" or "rejeter" => DecisionVerdict.Reject,
            _ => throw new PiloteInputException($"--decision : « {verdictText} » n'est pas une décision (accepter, modifier ou rejeter)", $"--decision: '{verdictText}' is not accept, change or reject"),
        };
        if (string.IsNullOrWhiteSpace(reason))
            throw new PiloteInputException("--reason : une décision a besoin de sa justification", "--reason: a decision needs its rationale");
        Decision? chosen = null;
        if (verdict == DecisionVerdict.Change)
        {
            if (string.IsNullOrWhiteSpace(chosenText))
                throw new PiloteInputException("--to : une décision modifiée dit ce que l'équipe décide à la place (amplifier, maintenir, ajuster ou arrêter)",
                    "--to: a changed decision says what the team decides instead (amplify, maintain, adjust or stop)");
            chosen = Recommender.Parse(chosenText)
                ?? throw new PiloteInputException($"--to : « {chosenText} » n'est pas une décision (amplifier, maintenir, ajuster ou arrêter)", $"--to: '{chosenText}' is not amplify, maintain, adjust or stop");
        }
        else if (chosenText is not null)
        {
            throw new PiloteInputException("--to : seule une décision modifiée (--decision modifier) en nomme une autre", "--to: only a changed decision names another decision");
        }

        var monday = ReviewBuilder.Monday(day);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var review = await db.Reviews.FirstOrDefaultAsync(r => r.PlanId == planId && r.WeekStart == monday, ct);
        if (review is null)
        {
            var snapshot = new Dictionary<string, ReviewResult>
            {
                ["fr"] = await ComputeAsync(planId, monday, true, ct),
                ["en"] = await ComputeAsync(planId, monday, false, ct),
            };
            review = new Review
            {
                PlanId = planId, WeekStart = monday, CreatedAt = clock.GetUtcNow(), CreatedBy = author,
                Snapshot = JsonSerializer.Serialize(snapshot, Json),
            };
            db.Reviews.Add(review);
            await db.SaveChangesAsync(ct);
        }

        var kept = JsonSerializer.Deserialize<Dictionary<string, ReviewResult>>(review.Snapshot, Json)!;
        var recommendation = kept["en"].Recommendations.FirstOrDefault(r => r.ActionId == actionId)
            ?? throw new PiloteInputException($"--action : l'action n°{actionId} n'a pas de recommandation dans la revue {ReviewBuilder.WeekId(monday)}",
                $"--action: #{actionId} has no recommendation in the review of {ReviewBuilder.WeekId(monday)}");
        if (chosen is { } c && c.Id() == recommendation.Decision)
            throw new PiloteInputException($"--to : « {c.Id()} » est ce qui était recommandé ; utilisez --decision accepter", $"--to: '{c.Id()}' is what was recommended; use --decision accept");

        var decision = new ReviewDecision
        {
            ReviewId = review.Id, ActionId = actionId, Recommended = recommendation.Decision, Verdict = verdict,
            Chosen = verdict switch
            {
                DecisionVerdict.Accept => recommendation.Decision,
                DecisionVerdict.Change => chosen!.Value.Id(),
                _ => null,
            },
            Reason = reason.Trim(), DecidedBy = author, DecidedAt = clock.GetUtcNow(),
        };
        db.ReviewDecisions.Add(decision);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        var decisions = await db.ReviewDecisions.AsNoTracking().Where(d => d.ReviewId == review.Id).ToListAsync(ct);
        return (decision, kept[french ? "fr" : "en"] with { FromSnapshot = true, Decisions = Lines(decisions) });
    }

    /// <summary>The decision log of a plan, oldest first, with the week each decision was about.</summary>
    public async Task<List<(string Week, DecisionLine Line)>> LogAsync(int planId, CancellationToken ct = default)
    {
        var rows = await db.ReviewDecisions.AsNoTracking()
            .Join(db.Reviews.Where(r => r.PlanId == planId), d => d.ReviewId, r => r.Id, (d, r) => new { r.WeekStart, Decision = d })
            .ToListAsync(ct);
        return [.. rows.OrderBy(r => r.Decision.DecidedAt).ThenBy(r => r.Decision.Id)
            .Select(r => (ReviewBuilder.WeekId(r.WeekStart), Line(r.Decision)))];
    }

    private static List<DecisionLine> Lines(IEnumerable<ReviewDecision> decisions) =>
        [.. decisions.OrderBy(d => d.DecidedAt).ThenBy(d => d.Id).Select(Line)];

    private static DecisionLine Line(ReviewDecision d) =>
        new(d.Id, d.ActionId, d.Recommended, d.Verdict.ToString().ToLowerInvariant(), d.Chosen, d.Reason, d.DecidedBy, d.DecidedAt);
}
