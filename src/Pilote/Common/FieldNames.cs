using System.Text.RegularExpressions;

namespace Pilote.Common;

/// <summary>
/// The domain names a bad field by its command-line option (<c>--due: …</c>): that is what a CLI user typed. A form or
/// the grid names the same field by its label (<c>Échéance : …</c>). This table turns one into the other, for every
/// message, in one place.
/// </summary>
public static partial class FieldNames
{
    private static readonly Dictionary<string, (string Fr, string En)> Labels = new(StringComparer.Ordinal)
    {
        ["--title"] = ("Activité", "Title"),
        ["--channel"] = ("Canal", "Channel"),
        ["--kpi"] = ("KPI", "KPI"),
        ["--target"] = ("Cible", "Target"),
        ["--baseline"] = ("Valeur de départ", "Baseline"),
        ["--owner"] = ("Responsable", "Owner"),
        ["--team"] = ("Équipe", "Team"),
        ["--start"] = ("Début", "Start"),
        ["--end"] = ("Fin", "End"),
        ["--due"] = ("Échéance", "Due"),
        ["--deadline"] = ("Échéance", "Deadline"),
        ["--status"] = ("Statut", "Status"),
        ["--kind"] = ("Type", "Kind"),
        ["--periodicity"] = ("Périodicité", "Periodicity"),
        ["--budget"] = ("Budget", "Budget"),
        ["--spent"] = ("Dépensé", "Spent"),
        ["--tools"] = ("Outils", "Tools"),
        ["--aim"] = ("Objectif visé", "Aim"),
        ["--objective"] = ("Objectif", "Objective"),
        ["--statement"] = ("Énoncé", "Statement"),
        ["--utm"] = ("Campagne UTM", "UTM campaign"),
        ["--promo-code"] = ("Code promo", "Promo code"),
        ["--metric"] = ("Métrique", "Metric"),
        ["--name"] = ("Nom", "Name"),
        ["--reason"] = ("Raison", "Reason"),
        ["--expect-version"] = ("Version", "Version"),
    };

    /// <summary>The label of an option in the reader's language; the option itself when it has none.</summary>
    public static string Label(string option, bool french) =>
        Labels.TryGetValue(option, out var l) ? (french ? l.Fr : l.En) : option;

    /// <summary>"--due : …" becomes "Échéance : …" (or "Due: …"); a message naming no known option is left as it is.</summary>
    public static string ForPeople(string message, bool french) =>
        Option().Replace(message, m => Labels.TryGetValue(m.Groups["option"].Value, out var l)
            ? (french ? l.Fr + " : " : l.En + ": ")
            : m.Value);

    [GeneratedRegex(@"(?<=^|\n)(?<option>--[a-z][a-z-]*) ?: ")]
    private static partial Regex Option();
}
