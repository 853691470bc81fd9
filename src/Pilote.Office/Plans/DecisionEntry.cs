namespace Pilote.Office.Plans;

/// <summary>
/// One line of the review decision log, as the workbooks list it: the week reviewed, the action, what Pilote
/// recommended and what the team chose (in words: <see cref="Reviews.VerdictWords"/>), with the reason. Read-only in the
/// workbooks: decisions are taken in Pilote.
/// </summary>
public sealed record DecisionEntry(
    string Week, int ActionId, string Action, string Recommended, string Verdict, string? Chosen, string Reason,
    string DecidedBy, DateOnly DecidedOn);
