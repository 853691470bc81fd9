namespace Pilote.Reviews;

/// <summary>
/// A weekly review of a plan, kept once the team decides on it: the numbers as they were shown that week
/// (<see cref="Snapshot"/>, the review's JSON) so that later imports never rewrite what a decision was based on.
/// </summary>
public sealed class Review
{
    public int Id { get; set; }
    public int PlanId { get; set; }
    /// <summary>The Monday of the ISO week reviewed.</summary>
    public DateOnly WeekStart { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public required string Snapshot { get; set; }
    public List<ReviewDecision> Decisions { get; set; } = [];
}

/// <summary>
/// The decision log: what the team did with one recommendation, and why. Append-only: a second decision on the
/// same action and week is a new row, the latest one counts and the earlier ones stay as history.
/// </summary>
public sealed class ReviewDecision
{
    public int Id { get; set; }
    public int ReviewId { get; set; }
    public int ActionId { get; set; }
    /// <summary>What Pilote recommended: amplify, maintain, adjust or stop.</summary>
    public required string Recommended { get; set; }
    public DecisionVerdict Verdict { get; set; }
    /// <summary>What the team chose: the recommendation when accepted, another decision when changed, null when rejected.</summary>
    public string? Chosen { get; set; }
    public required string Reason { get; set; }
    public required string DecidedBy { get; set; }
    public DateTimeOffset DecidedAt { get; set; }
}

public enum DecisionVerdict
{
    Accept,
    Change,
    Reject,
}
