using Pilote.Actions;

namespace Pilote.Plans;

/// <summary>
/// Statuses, kinds and periodicities read from a file's cells, each distinct text parsed once: a 100 000-row sheet
/// repeats a handful of words, and parsing folds the text and every known word each time.
/// </summary>
internal sealed class ImportWords
{
    private readonly Dictionary<string, ActionStatus> _statuses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ActionKind> _kinds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Periodicity> _periodicities = new(StringComparer.Ordinal);

    public ActionStatus Status(string text, string field) => Get(_statuses, text, field, ActionWords.ParseStatus);

    public ActionKind Kind(string text, string field) => Get(_kinds, text, field, ActionWords.ParseKind);

    public Periodicity Periodicity(string text, string field) => Get(_periodicities, text, field, ActionWords.ParsePeriodicity);

    // A text that does not parse throws (with its cell) and is not remembered; free text is not remembered past a bound.
    private static T Get<T>(Dictionary<string, T> known, string text, string field, Func<string, string, T> parse)
    {
        if (known.TryGetValue(text, out var value))
            return value;
        value = parse(text, field);
        if (known.Count < 256)
            known[text] = value;
        return value;
    }
}
