using System.Text.RegularExpressions;

namespace Pilote.Measurements.Readers;

/// <summary>
/// GA4 report downloads and explorations: a <c>#</c> preamble (English or French, where a no-break space precedes the
/// colon) with start and end dates, then a table; snapshots repeat preamble and table per block. An exploration's
/// first data row is the grand total. A metric read in one block is not read again from a later block (the same
/// users broken down by page, then by city, must not count twice).
/// </summary>
public sealed partial class Ga4Reader : ExportReader
{
    public override string Source => "ga4";

    public override void Read(ExportFile file, ExportInfo info, IExportSink sink)
    {
        // GA4 writes commas between fields: semicolons are a spreadsheet's, in a language of decimal commas.
        var commaIsDecimal = file.SemicolonDecimalComma || DecimalComma(file.Head);
        DateOrder(file, info);
        using var rows = file.Rows();
        var fixedPeriod = info.Start is not null;
        ColumnMap? map = null;
        var seen = new HashSet<string>();
        var firstData = false;
        (int Row, string[] Names)? firstHeader = null;
        var measurable = false;
        (DateOnly? Start, DateOnly? End) block = (info.Start, info.End);
        while (rows.Next())
        {
            if (rows.Comments.Count > 0)
            {
                map = null;
                if (!fixedPeriod)
                    block = Period(rows.Comments, block);
            }
            if (rows.IsBlank)
            {
                map = null;
                continue;
            }
            if (map is null)
            {
                rows.Header = rows.Fields();
                map = new ColumnMap(rows.Header, h => OrCatalog(h, Classify(h)));
                firstHeader ??= (rows.Row, rows.Header);
                measurable |= map.Metrics.Any();
                foreach (var metric in map.Metrics.ToList())
                {
                    if (!seen.Add(metric))
                    {
                        map.Drop(metric);
                        info.Warn($"ligne {rows.Row} : {metric} déjà lu dans un bloc précédent, pas compté deux fois",
                            $"row {rows.Row}: {metric} already read from an earlier block, not counted again");
                    }
                }
                firstData = true;
                if (!fixedPeriod)
                {
                    info.Start = Min(info.Start, block.Start);
                    info.End = Max(info.End, block.End);
                }
                continue;
            }
            var grandTotal = firstData && IsGrandTotal(rows, map);
            firstData = false;
            if (grandTotal)
            {
                Totals(map, rows, info, commaIsDecimal);
                continue;
            }
            info.RowsRead++;
            map.Emit(rows, info, commaIsDecimal, block.Start, block.End, sink);
        }
        // Blocks may differ (one with sessions, one with an unknown count): only a file where none holds a metric is refused.
        if (!measurable && info.RowsRead > 0 && firstHeader is { } h)
            throw NoMetricColumn(info, h.Row, h.Names);
        if (info.RowsRead == 0)
            info.Empty = true;
    }

    /// <summary>
    /// Whether "12,345" is 12.345 (a French decimal comma) or 12345. GA4 writes numbers as they are shown: most files,
    /// French ones too, use a point ("14.4666", "0.65"), and then a comma can only group thousands. The file decides,
    /// from its first lines: a number with a decimal point means points; a comma not followed by exactly three digits
    /// ("12,5") means commas; else the preamble's language (French: "Date de début") decides.
    /// </summary>
    public static bool DecimalComma(string head)
    {
        var french = false;
        foreach (var raw in head.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.StartsWith('#'))
            {
                var label = ColumnMap.Normalize(line.TrimStart('#'));
                french |= label.StartsWith("date de début", StringComparison.Ordinal) || label.StartsWith("date de fin", StringComparison.Ordinal)
                    || label.StartsWith("propriété", StringComparison.Ordinal) || label.StartsWith("compte :", StringComparison.Ordinal);
                continue;
            }
            foreach (Match m in NumberPattern().Matches(line))
            {
                var number = m.Groups[1].Value;
                var dot = number.IndexOf('.');
                var comma = number.IndexOf(',');
                if (dot >= 0 && comma < 0)
                    return false;
                if (comma >= 0 && dot < 0 && number.Count(c => c == ',') == 1 && number.Length - comma - 1 != 3)
                    return true;
            }
        }
        return french;
    }

    // A whole field that is a number with a point or a comma: 14.46, "12,5", "12,345" (quoted when the comma is there).
    [GeneratedRegex(@"(?:^|,)""?(\d+[.,]\d+)""?(?=,|$)")]
    private static partial Regex NumberPattern();

    // An exploration's grand total: the first row, no dimension value, and a trailing "Grand total" label.
    private static bool IsGrandTotal(IExportRows rows, ColumnMap map)
    {
        for (var i = 0; i < rows.Count; i++)
        {
            var t = ColumnMap.Normalize(rows[i]);
            if (t is "grand total" or "total général" or "totaux" or "total")
                return true;
        }
        return rows.Count > map.Width && rows[0].Trim().Length == 0;
    }

    private static (DateOnly?, DateOnly?) Period(List<string> comments, (DateOnly? Start, DateOnly? End) block)
    {
        foreach (var raw in comments)
        {
            var line = raw.Replace('\u00A0', ' ').Replace('\u202F', ' ').Trim();
            var colon = line.IndexOf(':');
            if (colon > 0)
            {
                var label = ColumnMap.Normalize(line[..colon]);
                var value = line[(colon + 1)..].Trim();
                if (!ExportValues.TryDate(value, out var d))
                    continue;
                if (label is "start date" or "date de début")
                    block.Start = d;
                else if (label is "end date" or "date de fin")
                    block.End = d;
                continue;
            }
            // Explorations: "# 20251213-20260312".
            var m = RangePattern().Match(line);
            if (m.Success && ExportValues.TryDate(m.Groups[1].Value, out var s) && ExportValues.TryDate(m.Groups[2].Value, out var e))
                block = (s, e);
        }
        return block;
    }

    [GeneratedRegex(@"^(\d{8})\s*-\s*(\d{8})$")]
    private static partial Regex RangePattern();

    private static DateOnly? Min(DateOnly? a, DateOnly? b) => a is null ? b : b is null ? a : a < b ? a : b;

    private static DateOnly? Max(DateOnly? a, DateOnly? b) => a is null ? b : b is null ? a : a > b ? a : b;

    public static (ColumnRole, string?) Classify(string h)
    {
        if (Is(h, "date", "day", "jour"))
            return (ColumnRole.Date, null);
        if (h.Contains("channel group") || h.Contains("groupe de canaux"))
            return (ColumnRole.Channel, null);
        var metric = h switch
        {
            "sessions" => "sessions",
            "users" or "total users" or "active users" or "utilisateurs" or "utilisateurs actifs" or "nombre total d'utilisateurs" => "users",
            "key events" or "conversions" or "événements clés" or "conversions clés" => "conversions",
            "total revenue" or "purchase revenue" or "revenus totaux" or "revenu total" or "revenus générés par les achats" => "revenue",
            "views" or "vues" or "screen page views" or "pages vues" => "pageviews",
            _ => null,
        };
        return metric is null ? (ColumnRole.Key, null) : (ColumnRole.Metric, metric);
    }
}
