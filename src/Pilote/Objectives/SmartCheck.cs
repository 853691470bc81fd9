namespace Pilote.Objectives;

/// <summary>What an objective lacks to be SMART. Ids: number, deadline, owner, metric.</summary>
public sealed record SmartResult(bool Ok, IReadOnlyList<string> Missing);

public static class SmartCheck
{
    public static SmartResult Check(Objective objective)
    {
        var missing = new List<string>();
        if (objective.TargetValue is null)
            missing.Add("number");
        if (objective.Deadline is null)
            missing.Add("deadline");
        if (string.IsNullOrWhiteSpace(objective.Owner))
            missing.Add("owner");
        if (string.IsNullOrWhiteSpace(objective.KpiKey))
            missing.Add("metric");
        return new SmartResult(missing.Count == 0, missing);
    }

    public static string Label(string missing, bool french = true) => missing switch
    {
        "number" => french ? "pas d'objectif chiffré" : "no number",
        "deadline" => french ? "pas d'échéance" : "no deadline",
        "owner" => french ? "pas de responsable" : "no owner",
        "metric" => french ? "pas d'indicateur" : "no metric",
        _ => missing,
    };
}
