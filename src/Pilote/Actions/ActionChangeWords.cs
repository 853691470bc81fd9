using System.Globalization;
using Pilote.Common;

namespace Pilote.Actions;

/// <summary>Puts a recorded <see cref="ActionChange"/> in the reader's words: field names in French or English, values in their culture.</summary>
public static class ActionChangeWords
{
    public static string Field(string field, bool french) => field switch
    {
        ActionChangeFields.Created => french ? "Création" : "Created",
        ActionChangeFields.Title => french ? "Activité" : "Title",
        ActionChangeFields.Channel => french ? "Canal" : "Channel",
        ActionChangeFields.Objective => french ? "Objectif lié" : "Linked objective",
        ActionChangeFields.Aim => french ? "Objectif visé" : "Aim",
        ActionChangeFields.Owner => french ? "Responsable" : "Owner",
        ActionChangeFields.Team => french ? "Équipe" : "Team",
        ActionChangeFields.Tools => french ? "Outils" : "Tools",
        ActionChangeFields.Start => french ? "Début" : "Start",
        ActionChangeFields.Due => french ? "Échéance" : "Due",
        ActionChangeFields.Status => french ? "Statut" : "Status",
        ActionChangeFields.Kind => french ? "Type" : "Kind",
        ActionChangeFields.Periodicity => french ? "Périodicité" : "Periodicity",
        ActionChangeFields.Budget => french ? "Budget" : "Budget",
        ActionChangeFields.Spent => french ? "Dépensé" : "Spent",
        ActionChangeFields.TrackingCode => french ? "Code de suivi" : "Tracking code",
        ActionChangeFields.Kpi => french ? "Indicateur" : "KPI",
        ActionChangeFields.Target => french ? "Cible" : "Target",
        ActionChangeFields.Baseline => french ? "Valeur de départ" : "Baseline",
        ActionChangeFields.Comment => french ? "Commentaire retiré" : "Comment taken back",
        _ => field,
    };

    /// <summary>A stored value as the reader expects it: 31/03/2026, 5 000 €, « En cours », the channel's name.</summary>
    public static string Value(string field, string? value, bool french, CultureInfo culture, string currency, Func<string, string>? channelName = null)
    {
        if (value is null)
            return "—";
        return field switch
        {
            ActionChangeFields.Start or ActionChangeFields.Due when DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                => Formats.Date(d, culture),
            ActionChangeFields.Budget or ActionChangeFields.Spent when Number(value) is { } n => Formats.Money(n, currency, culture),
            ActionChangeFields.Baseline when Number(value) is { } n => Formats.Count(n, culture),
            ActionChangeFields.Status when Enum.GetValues<ActionStatus>().FirstOrDefault(s => s.Id() == value) is var s && s.Id() == value => s.Label(french),
            ActionChangeFields.Kind when Enum.GetValues<ActionKind>().FirstOrDefault(k => k.Id() == value) is var k && k.Id() == value => k.Label(french),
            ActionChangeFields.Periodicity when Enum.GetValues<Periodicity>().FirstOrDefault(p => p.Id() == value) is var p && p.Id() == value => p.Label(french),
            ActionChangeFields.Channel when channelName is not null => channelName(value),
            _ => value,
        };
    }

    /// <summary>One line: "Échéance : 31/03/2026 → 15/04/2026", "Indicateur cpl ajouté", "Cible cpl : — → &lt; 35 €".</summary>
    public static string Line(ActionChange c, bool french, CultureInfo culture, string currency, Func<string, string>? channelName = null)
    {
        var label = Field(c.Field, french);
        var colon = french ? " : " : ": ";
        string V(string? v) => Value(c.Field, v, french, culture, currency, channelName);
        return c.Field switch
        {
            ActionChangeFields.Created => (french ? "Action créée : " : "Action created: ") + c.NewValue,
            ActionChangeFields.Kpi => c.OldValue is null
                ? (french ? $"Indicateur {c.Subject} ajouté" : $"KPI {c.Subject} added")
                : (french ? $"Indicateur {c.Subject} retiré" : $"KPI {c.Subject} removed"),
            ActionChangeFields.Objective or ActionChangeFields.TrackingCode => c.OldValue is null
                ? label + colon + (french ? "ajouté " : "added ") + c.NewValue
                : label + colon + (french ? "retiré " : "removed ") + c.OldValue,
            ActionChangeFields.Comment => label + colon + c.OldValue,
            ActionChangeFields.Target or ActionChangeFields.Baseline => $"{label} {c.Subject}{colon}{V(c.OldValue)} → {V(c.NewValue)}",
            _ => $"{label}{colon}{V(c.OldValue)} → {V(c.NewValue)}",
        };
    }

    private static decimal? Number(string value) =>
        decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) ? n : null;
}
