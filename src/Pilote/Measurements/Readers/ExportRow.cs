namespace Pilote.Measurements.Readers;

/// <summary>One metric value read from a row.</summary>
public readonly record struct MetricValue(string Metric, decimal Value);

/// <summary>
/// A data row of an export: what identifies it (a campaign, a page, a channel group), the days it covers (a daily
/// row is a one-day period; a report row covers the report's start to end) and its metric values.
/// </summary>
public sealed record ExportRow(int Row, string? Key, string? ChannelGroup, DateOnly Start, DateOnly End, IReadOnlyList<MetricValue> Values);

/// <summary>What a reader learned about the file besides its rows: its period, its own totals, its warnings.</summary>
public sealed class ExportInfo(string fileName, string source)
{
    public string FileName { get; } = fileName;
    public string Source { get; } = source;
    public DateOnly? Start { get; set; }
    public DateOnly? End { get; set; }
    /// <summary>The file's totals rows, per metric: never stored, they check the sum of the rows.</summary>
    public Dictionary<string, decimal> Totals { get; } = [];
    public List<string> Warnings { get; } = [];
    public int RowsRead { get; set; }
    /// <summary>A file that says it holds nothing ("No data available.", a header and no rows).</summary>
    public bool Empty { get; set; }

    public Common.PiloteInputException Error(int row, string column, string value, string reason) =>
        new($"{FileName}: row {row}, column '{column}': '{value}' {reason}");

    public Common.PiloteInputException Error(int row, string reason) => new($"{FileName}: row {row}: {reason}");
}
