namespace Pilote.Measurements.Readers;

/// <summary>One metric value read from a row.</summary>
public readonly record struct MetricValue(string Metric, decimal Value);

/// <summary>
/// A data row of an export: what identifies it (a campaign, a page, a channel group), the days it covers (a daily
/// row is a one-day period; a report row covers the report's start to end) and its metric values.
/// </summary>
public sealed record ExportRow(int Row, string? Key, string? ChannelGroup, DateOnly Start, DateOnly End, IReadOnlyList<MetricValue> Values);

/// <summary>
/// Where a reader puts each data row as it reads it. Key and channel are the trimmed fields as spans (empty when the
/// file has none), valid only during the call: the importer's aggregator interns them, a list keeps strings.
/// </summary>
public interface IExportSink
{
    void Row(int row, ReadOnlySpan<char> key, ReadOnlySpan<char> channel, DateOnly start, DateOnly end, ReadOnlySpan<MetricValue> values);
}

/// <summary>Keeps every row as an <see cref="ExportRow"/>: for tests and small files, where a list is handy.</summary>
public sealed class ExportRowList : List<ExportRow>, IExportSink
{
    public void Row(int row, ReadOnlySpan<char> key, ReadOnlySpan<char> channel, DateOnly start, DateOnly end, ReadOnlySpan<MetricValue> values) =>
        Add(new ExportRow(row, key.IsEmpty ? null : key.ToString(), channel.IsEmpty ? null : channel.ToString(), start, end, values.ToArray()));
}

/// <summary>What a reader learned about the file besides its rows: its period, its own totals, its warnings.</summary>
public sealed class ExportInfo(string fileName, string source)
{
    public string FileName { get; } = fileName;
    public string Source { get; } = source;
    public DateOnly? Start { get; set; }
    public DateOnly? End { get; set; }
    /// <summary>The file's totals rows, per metric: never stored, they check the sum of the rows.</summary>
    public Dictionary<string, decimal> Totals { get; } = [];
    /// <summary>What the reader noticed and worked around, in English (the JSON's words) and in French, added by <see cref="Warn"/>.</summary>
    public List<string> Warnings { get; } = [];
    public List<string> FrenchWarnings { get; } = [];

    public void Warn(string french, string english)
    {
        FrenchWarnings.Add(french);
        Warnings.Add(english);
    }
    public int RowsRead { get; set; }

    /// <summary>The currency the file states ("Amount spent (INR)", a "Currency code" column), if it does.</summary>
    public string? Currency { get; set; }

    /// <summary>Whether a slash date is day first; null until the file's dates say (see <see cref="ExportFile.DayFirst"/>).</summary>
    public bool? DayFirst { get; set; }

    /// <summary>Looks through the file's date columns (by index) for a date that settles the order; null when none does.</summary>
    public Func<int[], bool?>? DateOrderScan { get; set; }

    /// <summary>A file that says it holds nothing ("No data available.", a header and no rows).</summary>
    public bool Empty { get; set; }

    /// <summary>A value the file cannot mean: the file, row, column and value, and why, in French and English.</summary>
    public Common.PiloteInputException Error(int row, string column, string value, string french, string english) =>
        new($"{FileName}, ligne {row}, colonne « {Common.Formats.Excerpt(column)} » : « {Common.Formats.Excerpt(value)} » {french}",
            $"{FileName}: row {row}, column '{Common.Formats.Excerpt(column)}': '{Common.Formats.Excerpt(value)}' {english}");

    public Common.PiloteInputException Error(int row, string french, string english) =>
        new($"{FileName}, ligne {row} : {french}", $"{FileName}: row {row}: {english}");

    /// <summary>A row with no date in a file that names no period.</summary>
    public MissingPeriodException NoPeriod(int row) => new(
        $"{FileName}, ligne {row} : la ligne n'a pas de date et le fichier pas de période (donnez --start et --end)",
        $"{FileName}: row {row}: the row has no date and the file no reporting period (pass --start and --end)");
}
