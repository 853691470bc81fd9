namespace Pilote.Reviews;

/// <summary>
/// A recorded decision as people read it, the same in the command line, the review page, the workbooks and the reports:
/// « accepté », « modifié → ajuster », « rejeté ». Only a change names what the team chose: an accepted recommendation
/// stores it too, and the command line used to read « accepté → arrêter ».
/// </summary>
public static class VerdictWords
{
    /// <summary>A stored recommendation id (amplify, stop…) in words: « amplifier », « arrêter » (the id when unknown).</summary>
    public static string Decision(string? id, bool french) => id is null ? "—" : Recommender.Parse(id) is { } d ? d.Label(french) : id;

    public static string Say(string verdict, string? chosen, bool french)
    {
        if (!Enum.TryParse<DecisionVerdict>(verdict, ignoreCase: true, out var v))
            return verdict;
        return v switch
        {
            DecisionVerdict.Accept => french ? "accepté" : "accepted",
            DecisionVerdict.Change => (french ? "modifié" : "changed") + (chosen is null ? "" : $" → {Decision(chosen, french)}"),
            _ => french ? "rejeté" : "rejected",
        };
    }
}
