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

    // Every word folded once: a spreadsheet's 100 000 statuses are looked up, not compared with each word folded again.
    private static readonly Dictionary<string, ActionStatus> StatusWords = Folded(Statuses);
    private static readonly Dictionary<string, ActionKind> KindWords = Folded(Kinds);
    private static readonly Dictionary<string, Periodicity> PeriodicityWords = Folded(Periodicities);

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
        // A sheet says the same few statuses on every row: each text is folded and matched once (a failure is not kept,
        // its message names the field).
        if (KnownStatusTexts.TryGetValue(text, out var seen))
            return seen;
        var status = StatusOf(text, field);
        if (KnownStatusTexts.Count < 1_024)
            KnownStatusTexts.TryAdd(text, status);
        return status;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, ActionStatus> KnownStatusTexts = new(StringComparer.Ordinal);

    private static ActionStatus StatusOf(string text, string field)
    {
        var key = Fold(text);
        if (StatusWords.TryGetValue(key, out var known))
            return known;
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
        if (KindWords.TryGetValue(key, out var known))
            return known;
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
        if (PeriodicityWords.TryGetValue(key, out var known))
            return known;
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
        // Plain ASCII has no accents to take apart: ICU's normalisation is most of the cost of a fold.
        var decomposed = Ascii.IsValid(text) ? text.ToLowerInvariant() : text.Trim().ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
            if (char.IsLetterOrDigit(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
                sb.Append(c);
        return sb.ToString();
    }

    private static Dictionary<string, T> Folded<T>((T Value, string Id, string Fr, string En)[] words) where T : notnull
    {
        var folded = new Dictionary<string, T>();
        foreach (var (value, id, fr, en) in words)
            foreach (var word in new[] { id, fr, en })
                folded.TryAdd(Fold(word), value);
        return folded;
    }

    private static TResult Let<T, TResult>(this T value, Func<T, TResult> f) => f(value);
}
