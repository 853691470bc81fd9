using Pilote.Reviews;

namespace Pilote.Office.Plans;

/// <summary>
/// One line of the review decision log, as the workbooks list it: the week reviewed, the action, what Pilote
/// recommended and what the team chose, with the reason. Read-only in the workbooks: decisions are taken in Pilote.
/// </summary>
public sealed record DecisionEntry(
    string Week, int ActionId, string Action, string Recommended, string Verdict, string? Chosen, string Reason,
    string DecidedBy, DateOnly DecidedOn)
{
    /// <summary>A recommendation in words: "amplifier", "arrêter"… (the stored id when it is not one Pilote knows).</summary>
    public static string Word(string? id, bool french) =>
        id is null ? "" : Recommender.Parse(id) is { } d ? d.Label(french) : id;

    /// <summary>The team's verdict in words: "accepté", "modifié → arrêter", "rejeté".</summary>
    public string VerdictWords(bool french)
    {
        var verdict = Enum.TryParse<DecisionVerdict>(Verdict, ignoreCase: true, out var v)
            ? v switch
            {
                DecisionVerdict.Accept => french ? "accepté" : "accepted",
                DecisionVerdict.Change => french ? "modifié" : "changed",
                _ => french ? "rejeté" : "rejected",
            }
            : Verdict;
        return Chosen is null || v == DecisionVerdict.Accept ? verdict : $"{verdict} → {Word(Chosen, french)}";
    }
}
