using System.Globalization;
using System.Text;

namespace Pilote.Office.Reading;

/// <summary>
/// What a column header means, from the French and English words people put in their plans. Exact words are tried
/// first, then words inside the header ("Timeline - Start", "Date de fin prévue"), most specific first.
/// </summary>
public static class ColumnRoles
{
    public const string Title = "action", Group = "groupe", Channel = "canal", Aim = "objectif", Kpi = "kpi",
        Target = "cible", Owner = "responsable", Team = "équipe", Start = "début", Due = "échéance", Status = "statut",
        Budget = "budget", Comments = "commentaires", SubItems = "sous-éléments";

    /// <summary>
    /// A second end-date column (monday.com's « Timeline - End » beside « Due date »): the due date when the first one is
    /// empty or falls before the start, rather than a date thrown away.
    /// </summary>
    public const string DueFallback = "échéance de repli";

    // Order matters for the "contains" pass: "date de fin" must win over "date", "objectif chiffré" over "objectif".
    private static readonly (string Role, string[] Words)[] Synonyms =
    [
        (Target, ["cible", "target", "objectif chiffre", "valeur cible", "goal value"]),
        (Start, ["debut", "start", "date de debut", "start date", "timeline start", "demarrage", "lancement"]),
        (Due, ["echeance", "due date", "date de fin", "fin", "end", "end date", "timeline end", "deadline", "date limite", "due", "date"]),
        (Kpi, ["kpi", "kpi principal", "kpis principaux", "indicateur", "indicateurs", "metric", "metrique", "kpis"]),
        (Title, ["activite action", "activity action", "activite", "action", "actions", "actions du plan", "tache", "task", "name", "nom",
            "item", "intitule", "titre", "title", "livrable", "deliverable"]),
        (Group, ["macro tache", "groupe", "group", "phase", "etape", "lot", "categorie", "category", "theme", "axe", "chantier", "workstream"]),
        (Channel, ["canal", "channel", "levier", "levier digital", "digital lever", "media", "support", "canaux"]),
        (Aim, ["objectif", "objectifs", "objective", "objectives", "objectifs specifiques", "goal", "but"]),
        (Owner, ["responsable", "owner", "acteur", "acteurs", "qui", "assignee", "assigned to", "person", "people", "porteur", "pilote", "assigne a", "assigne"]),
        (Team, ["equipe", "team"]),
        (Status, ["statut", "status", "etat", "avancement", "state", "progress"]),
        (Budget, ["budget", "cout", "cost", "montant", "budget prevu"]),
        (Comments, ["commentaires", "commentaire", "commentaires ajustements", "comments", "comments adjustments", "comment", "notes", "note",
            "details", "detail", "remarques", "description"]),
        (SubItems, ["subitems", "sous elements", "sous taches", "subtasks"]),
    ];

    // Columns recognised on purpose and left out, with the reason a person is told (French, English).
    private static readonly (string[] Words, string Fr, string En)[] Known =
    [
        (["reel", "actual", "atteinte", "attained", "realise", "couverture", "coverage", "prevision", "rythme"],
            "calculé par Pilote à partir des mesures", "computed by Pilote from measurements"),
        (["depense", "spent"], "les dépenses se saisissent dans Pilote au fil de l'eau (action set --spent)",
            "spending is entered in Pilote as it happens (action set --spent)"),
        (["item id", "id", "identifiant", "post id", "version"], "identifiant d'un autre outil", "another tool's identifier"),
        (["priority", "priorite"], "Pilote n'a pas de champ priorité", "Pilote has no priority field"),
        (["temps estime", "estimated time", "heures", "hours", "duree", "duration", "time tracking"],
            "Pilote ne suit pas le temps passé", "Pilote does not track time"),
        (["periodicite", "periodicity"], "la périodicité se règle dans Pilote (action set --periodicity)",
            "set the periodicity in Pilote (action set --periodicity)"),
    ];

    public static string Fold(string text)
    {
        // Plain ASCII has no accents to take apart: ICU's normalisation is most of the cost of a fold.
        var d = Ascii.IsValid(text) ? text : text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(d.Length);
        var space = false;
        foreach (var c in d)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
                continue;
            if (char.IsLetterOrDigit(c))
            {
                if (space && sb.Length > 0)
                    sb.Append(' ');
                sb.Append(char.ToLowerInvariant(c));
                space = false;
            }
            else
                space = true;
        }
        return sb.ToString();
    }

    /// <summary>The role of a header, or null; <paramref name="ignored"/> says why a known column is left out.</summary>
    public static string? Of(string header, bool french, out string? ignored) => Of(header, french, out ignored, out _);

    /// <summary>As <see cref="Of(string, bool, out string?)"/>; <paramref name="exact"/> says the whole header is a known word.</summary>
    public static string? Of(string header, bool french, out string? ignored, out bool exact)
    {
        ignored = null;
        exact = true;
        var key = Fold(header);
        if (key.Length == 0)
            return null;
        foreach (var (role, words) in Synonyms)
            if (words.Contains(key))
                return role;
        foreach (var (words, fr, en) in Known)
            if (words.Any(w => key == w || key.StartsWith(w + " ", StringComparison.Ordinal) || key.Contains(" " + w, StringComparison.Ordinal)))
            {
                ignored = french ? fr : en;
                return null;
            }
        exact = false;
        foreach (var (role, words) in Synonyms)
            if (words.Any(w => w.Length > 2 && (" " + key + " ").Contains(" " + w + " ", StringComparison.Ordinal)))
                return role;
        return null;
    }
}
