using System.Globalization;
using System.Text;
using Pilote.Common;

namespace Pilote.Actions;

/// <summary>The stable ids and the French and English words of action statuses, kinds and periodicities.</summary>
public static class ActionWords
{
    private static readonly (ActionStatus Status, string Id, string Fr, string En)[] Statuses =
    [
        (ActionStatus.Planned, "planned", "Prévu", "Planned"),
        (ActionStatus.Ready, "ready", "À lancer", "Ready"),
        (ActionStatus.InProgress, "in_progress", "En cours", "In progress"),
        (ActionStatus.Live, "live", "Actif", "Live"),
        (ActionStatus.Paused, "paused", "En pause", "Paused"),
        (ActionStatus.Done, "done", "Terminé", "Done"),
        (ActionStatus.Stopped, "stopped", "Abandonné", "Stopped"),
    ];

    private static readonly (ActionKind Kind, string Id, string Fr, string En)[] Kinds =
    [
        (ActionKind.Background, "background", "Fond", "Background"),
        (ActionKind.Recurring, "recurring", "Récurrente", "Recurring"),
        (ActionKind.OneOff, "one_off", "Ponctuelle", "One-off"),
    ];

    private static readonly (Periodicity Value, string Id, string Fr, string En)[] Periodicities =
    [
        (Periodicity.Daily, "daily", "Quotidienne", "Daily"),
        (Periodicity.Weekly, "weekly", "Hebdomadaire", "Weekly"),
        (Periodicity.Monthly, "monthly", "Mensuelle", "Monthly"),
        (Periodicity.Quarterly, "quarterly", "Trimestrielle", "Quarterly"),
        (Periodicity.OneOff, "one_off", "Ponctuelle", "One-off"),
    ];

    public static string Id(this ActionStatus s) => Statuses.First(x => x.Status == s).Id;
    public static string Label(this ActionStatus s, bool french = true) =>
        Statuses.First(x => x.Status == s).Let(x => french ? x.Fr : x.En);
    public static string Id(this ActionKind k) => Kinds.First(x => x.Kind == k).Id;
    public static string Label(this ActionKind k, bool french = true) =>
        Kinds.First(x => x.Kind == k).Let(x => french ? x.Fr : x.En);
    public static string Id(this Periodicity p) => Periodicities.First(x => x.Value == p).Id;
    public static string Label(this Periodicity p, bool french = true) =>
        Periodicities.First(x => x.Value == p).Let(x => french ? x.Fr : x.En);

    /// <summary>Reads a status from its id, its French or English word, or what other tools say.</summary>
    public static ActionStatus ParseStatus(string text, string field = "--status")
    {
        var key = Fold(text);
        foreach (var s in Statuses)
            if (key == Fold(s.Id) || key == Fold(s.Fr) || key == Fold(s.En))
                return s.Status;
        return key switch
        {
            "todo" or "afaire" or "notstarted" or "nondemarre" or "prevue" or "backlog" or "planifie" or "planifiee" or "notyetstarted"
                or "nouveau" or "new" or "open" => ActionStatus.Planned,
            "alancer" or "pret" or "ready" or "tolaunch" => ActionStatus.Ready,
            "workingonit" or "encours" or "doing" or "started" or "inreview" or "review" or "enrevue" or "avalider" => ActionStatus.InProgress,
            "active" or "running" or "enligne" => ActionStatus.Live,
            "onhold" or "suspendu" or "stuck" or "blocked" or "bloque" or "bloquee" or "waiting" or "enattente" => ActionStatus.Paused,
            "fait" or "termine" or "terminee" or "complete" or "completed" or "finished" or "closed" or "clos" or "livre" or "delivered"
                or "ok" => ActionStatus.Done,
            "abandonne" or "annule" or "cancelled" or "canceled" or "arrete" => ActionStatus.Stopped,
            _ => throw new PiloteInputException(
                $"{field} : « {text} » n'est pas un statut (Prévu, À lancer, En cours, Actif, En pause, Terminé ou Abandonné)",
                $"{field}: '{text}' is not a status (use one of: {string.Join(", ", Statuses.Select(s => s.Id))}, or Prévu, À lancer, En cours, Actif, En pause, Terminé, Abandonné)"),
        };
    }

    public static ActionKind ParseKind(string text, string field = "--kind")
    {
        var key = Fold(text);
        foreach (var k in Kinds)
            if (key == Fold(k.Id) || key == Fold(k.Fr) || key == Fold(k.En))
                return k.Kind;
        return key switch
        {
            "recurrent" => ActionKind.Recurring,
            "oneoff" or "ponctuel" => ActionKind.OneOff,
            _ => throw new PiloteInputException($"{field} : « {text} » n'est pas un type d'action (fond, récurrente ou ponctuelle)",
                $"{field}: '{text}' is not an action kind (use fond, récurrente or ponctuelle)"),
        };
    }

    public static Periodicity ParsePeriodicity(string text, string field = "--periodicity")
    {
        var key = Fold(text);
        foreach (var p in Periodicities)
            if (key == Fold(p.Id) || key == Fold(p.Fr) || key == Fold(p.En))
                return p.Value;
        return key switch
        {
            "hebdo" => Periodicity.Weekly,
            "mensuel" => Periodicity.Monthly,
            "trimestriel" => Periodicity.Quarterly,
            "quotidien" => Periodicity.Daily,
            _ => throw new PiloteInputException(
                $"{field} : « {text} » n'est pas une périodicité (quotidienne, hebdomadaire, mensuelle, trimestrielle ou ponctuelle)",
                $"{field}: '{text}' is not a periodicity (use quotidienne, hebdomadaire, mensuelle, trimestrielle or ponctuelle)"),
        };
    }

    /// <summary>Lower case, no accents, no spaces or punctuation: "À lancer" and "a_lancer" compare equal.</summary>
    public static string Fold(string text)
    {
        var decomposed = text.Trim().ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
            if (char.IsLetterOrDigit(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
                sb.Append(c);
        return sb.ToString();
    }

    private static TResult Let<T, TResult>(this T value, Func<T, TResult> f) => f(value);
}
