using System.Globalization;
using Pilote.Actions;
using Pilote.Common;

namespace Pilote.Plans;

/// <summary>
/// A workbook diff as a person reads it, in French or English: what <c>plan import --dry-run</c> prints and the imports
/// page shows. The diff itself keeps the workbook's words (its column headers, ISO dates, French labels: what --json
/// gives); here they become the reader's: « objectif #8 », "deadline: 31/03/2027", « statut : Actif → Terminé ».
/// </summary>
public static class PlanDiffText
{
    private enum Value { Text, Date, Number, Status, Kind, Periodicity }

    // The complete workbook's column headers: their English name, and how their values read.
    private static readonly Dictionary<string, (string En, Value Value)> Columns = new(StringComparer.Ordinal)
    {
        ["nom"] = ("name", Value.Text), ["description"] = ("description", Value.Text), ["début"] = ("start", Value.Date),
        ["fin"] = ("end", Value.Date), ["budget"] = ("budget", Value.Number), ["devise"] = ("currency", Value.Text),
        ["culture"] = ("culture", Value.Text), ["énoncé"] = ("statement", Value.Text), ["responsable"] = ("owner", Value.Text),
        ["échéance"] = ("deadline", Value.Date), ["base"] = ("baseline", Value.Number), ["kpi"] = ("KPI", Value.Text),
        ["cible"] = ("target", Value.Text), ["action"] = ("title", Value.Text), ["canal"] = ("channel", Value.Text),
        ["type"] = ("type", Value.Kind), ["périodicité"] = ("periodicity", Value.Periodicity), ["objectif"] = ("aim", Value.Text),
        ["équipe"] = ("team", Value.Text), ["statut"] = ("status", Value.Status), ["dépensé"] = ("spent", Value.Number),
        ["outils"] = ("tools", Value.Text), ["objectifs liés"] = ("linked objectives", Value.Text),
        ["codes de suivi"] = ("tracking codes", Value.Text), ["texte"] = ("text", Value.Text), ["auteur"] = ("author", Value.Text),
        ["date"] = ("date", Value.Date),
    };

    /// <summary>Where the row is in the file (« Objectifs ligne 5 »), or nothing for a removed row.</summary>
    public static string Where(RowChange c, bool french) =>
        c.Sheet is null ? "" : french ? $"{c.Sheet} ligne {c.Row}" : $"{c.Sheet} row {c.Row}";

    /// <summary>What the row is: « objectif #8 « Signer 15 abonnements » », "comment 'Relancer le partenaire'".</summary>
    public static string Subject(RowChange c, bool french)
    {
        var what = (c.Entity, french) switch
        {
            ("objective", true) => "objectif",
            ("comment", true) => "commentaire",
            (var entity, _) => entity,
        };
        var id = c.Id is { } i ? $" #{i.ToString(CultureInfo.InvariantCulture)}" : "";
        return french ? $"{what}{id} « {c.Label} »" : $"{what}{id} '{c.Label}'";
    }

    /// <summary>Each field as the reader reads it: « statut : Actif → Terminé », "deadline: 31/03/2027"; an empty one left out.</summary>
    public static IReadOnlyList<string> Fields(RowChange c, bool french)
    {
        var culture = Formats.ForReader(french, null);
        var colon = french ? " : " : ": ";
        if (c.Kind == RowChangeKind.Removed)
            return c.Fields.Count == 0 ? [] : [(french ? "avec " : "with ") + string.Join(", ", c.Fields.Select(f => Count(f, french)))];
        return
        [
            .. c.Fields.Where(f => c.Kind == RowChangeKind.Changed || f.New is not null).Select(f => Name(f.Field, french) + colon + (c.Kind == RowChangeKind.Added
                ? Show(c, f.Field, f.New, french, culture)
                : $"{Show(c, f.Field, f.Old, french, culture) ?? "∅"} → {Show(c, f.Field, f.New, french, culture) ?? "∅"}")),
        ];
    }

    // What a removed action takes with it: « 2 KPI, 5 mesures », "2 KPIs, 5 measurements".
    private static string Count(FieldChange f, bool french)
    {
        var n = int.Parse(f.Old ?? "0", CultureInfo.InvariantCulture);
        return f.Field == "mesures" ? Formats.Many(n, french ? "mesure" : "measurement", french ? "mesures" : "measurements", french)
            : Formats.Many(n, "KPI", french ? "KPI" : "KPIs", french);
    }

    private static string Name(string field, bool french) => french || !Columns.TryGetValue(field, out var known) ? field : known.En;

    private static string? Show(RowChange c, string field, string? value, bool french, CultureInfo culture)
    {
        if (value is null || !Columns.TryGetValue(field, out var known))
            return value;
        try
        {
            return known.Value switch
            {
                Value.Date when DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) => Formats.Date(d, culture),
                Value.Number when decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) => Formats.Measure(n, culture),
                Value.Status => ActionWords.ParseStatus(value, field).Label(french),
                // A comment's type is commentaire or ajustement; an action's, its kind.
                Value.Kind when c.Entity == "comment" => french ? value : value == "ajustement" ? "adjustment" : "comment",
                Value.Kind => ActionWords.ParseKind(value, field).Label(french),
                Value.Periodicity => ActionWords.ParsePeriodicity(value, field).Label(french),
                _ => value,
            };
        }
        catch (PiloteInputException)
        {
            return value;
        }
    }
}
