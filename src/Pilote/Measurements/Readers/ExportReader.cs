using Pilote.Common;

namespace Pilote.Measurements.Readers;

/// <summary>Reads one tool's export, streaming: rows go to a sink as they are read, totals and period land in the info.</summary>
public abstract class ExportReader
{
    public abstract string Source { get; }

    /// <summary>The workspace catalog's metric for a header (by key or name): a metric a team added is read too.</summary>
    public Func<string, string?> MetricOf { get; init; } = _ => null;

    /// <summary>A column the source does not know is read when the catalog names it as a metric.</summary>
    protected (ColumnRole, string?) OrCatalog(string header, (ColumnRole Role, string? Metric) known) =>
        known.Role is ColumnRole.Ignored or ColumnRole.Key && MetricOf(header) is { } metric ? (ColumnRole.Metric, metric) : known;

    public abstract void Read(ExportFile file, ExportInfo info, IExportSink sink);

    /// <summary>Every row of a CSV file as a list (tests and small files; the importer streams through a sink).</summary>
    public List<ExportRow> Read(string path, ExportInfo info) => Read(ExportFile.Open(path), info);

    public List<ExportRow> Read(ExportFile file, ExportInfo info)
    {
        var rows = new ExportRowList();
        Read(file, info, rows);
        return rows;
    }

    /// <summary>Records a totals row: per metric, the file's own total (the first totals row of a metric wins).</summary>
    protected static void Totals(ColumnMap map, IExportRows rows, ExportInfo info, bool commaIsDecimal)
    {
        foreach (var v in map.Values(rows, info, commaIsDecimal))
            info.Totals.TryAdd(v.Metric, v.Value);
    }

    /// <summary>The file's date order if its convention says it, and how to look for a date that settles it if not.</summary>
    protected static void DateOrder(ExportFile file, ExportInfo info)
    {
        info.DayFirst ??= file.DayFirst;
        info.DateOrderScan ??= columns => ScanDateOrder(file, columns);
    }

    // A second pass, made only when a date is ambiguous and none before it settled the order: the first date of those
    // columns whose numbers settle it, by the same rule as the date being read (ExportValues.SlashOrder).
    private static bool? ScanDateOrder(ExportFile file, int[] columns)
    {
        using var rows = file.Rows();
        while (rows.Next())
        {
            foreach (var c in columns)
            {
                if (c < rows.Count && ExportValues.TrySlashParts(rows.Span(c), out var first, out var second, out _)
                    && ExportValues.SlashOrder(first, second) is { } dayFirst)
                    return dayFirst;
            }
        }
        return null;
    }

    protected static bool Is(string header, params string[] names) => names.Contains(header);

    /// <summary>
    /// A header none of whose columns is a metric this reader or the workspace's catalog knows: nothing in the file can
    /// be measured, which is not the same as an export with no rows (GA4's event counts, for one, are no catalog metric).
    /// </summary>
    protected PiloteInputException NoMetricColumn(ExportInfo info, int row, string[] header)
    {
        var columns = string.Join(", ", header.Where(h => h.Trim().Length > 0).Take(8));
        return new PiloteInputException(
            $"{info.FileName}, ligne {row} : aucune colonne que le lecteur {Source} sait mesurer ({columns}) ; les métriques lues sont celles du catalogue (pilote catalog list)",
            $"{info.FileName}: row {row}: no column this {Source} reader can measure ({columns}); the metrics read are the catalog's (pilote catalog list)");
    }

    protected static bool StartsWith(string header, params string[] prefixes) =>
        prefixes.Any(p => header.StartsWith(p, StringComparison.Ordinal));
}
