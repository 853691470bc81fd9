namespace Pilote.Measurements.Readers;

/// <summary>
/// An export that is one table: optional title and date-range lines (one field each) before the header, then data
/// rows, some of which are the tool's own totals. Google Ads, Meta Ads, Mailchimp, Brevo and generic files.
/// </summary>
public abstract class TableReader : ExportReader
{
    protected abstract (ColumnRole, string?) Classify(string header);

    /// <summary>Whether this data row is a totals row (first data row tells Meta's account total).</summary>
    protected virtual bool IsTotals(IExportRows rows, ColumnMap map, bool firstData) => false;

    /// <summary>Whether "12,5" is twelve and a half: where semicolons separate the fields (<see cref="ExportFile.SemicolonDecimalComma"/>).</summary>
    protected virtual bool CommaIsDecimal(char delimiter) => delimiter == ';';

    public override void Read(ExportFile file, ExportInfo info, IExportSink sink)
    {
        var commaIsDecimal = CommaIsDecimal(file.Delimiter);
        DateOrder(file, info);
        using var rows = file.Rows();
        ColumnMap? map = null;
        var firstData = true;
        var currencyColumn = -1;
        while (rows.Next())
        {
            if (rows.IsBlank)
                continue;
            if (map is null)
            {
                if (rows.Used() <= 1)
                {
                    // A title ("Campaign report") or the report's range ("March 27, 2026 - April 23, 2026", "All time").
                    if (ExportValues.TryRange(rows[0]) is { } range && info.Start is null)
                        (info.Start, info.End) = range;
                    continue;
                }
                rows.Header = rows.Fields();
                map = new ColumnMap(rows.Header, h => OrCatalog(h, Classify(h)));
                if (!map.Metrics.Any())
                    throw NoMetricColumn(info, rows.Row, rows.Header);
                currencyColumn = CurrencyOf(rows.Header, info);
                continue;
            }
            if (rows.Count == 1 && ColumnMap.Normalize(rows[0]) is "no data available." or "aucune donnée disponible." or "no data available")
            {
                info.Empty = true;
                return;
            }
            if (IsTotals(rows, map, firstData))
            {
                Totals(map, rows, info, commaIsDecimal);
                firstData = false;
                continue;
            }
            firstData = false;
            if (currencyColumn >= 0 && CurrencyCode(rows[currencyColumn]) is { } code)
            {
                // A manager account's report lists each account in its own currency: summed, euros and dollars would
                // make one number that is neither, and Pilote converts nothing.
                if (info.Currency is { } first && first != code)
                    throw info.Error(rows.Row, rows.Header![currencyColumn].Trim(), code,
                        $"alors que les montants lus jusqu'ici sont en {first} : Pilote n'additionne pas des devises différentes ; exportez un rapport par devise (un par compte)",
                        $"where the amounts read so far are in {first}: Pilote does not add up different currencies; export one report per currency (one per account)");
                info.Currency = code;
            }
            info.RowsRead++;
            map.Emit(rows, info, commaIsDecimal, info.Start, info.End, sink);
        }
        if (map is null && info.RowsRead == 0)
            throw new Common.PiloteInputException($"{info.FileName} : pas de ligne d'en-tête (un fichier vide ou tronqué ?)", $"{info.FileName}: no header row (an empty or truncated file?)");
        if (info.RowsRead == 0)
            info.Empty = true;
    }

    /// <summary>The currency a header names ("Amount spent (INR)"), else the index of a currency column to read it from.</summary>
    private static int CurrencyOf(string[] header, ExportInfo info)
    {
        foreach (var h in header)
        {
            var open = h.LastIndexOf('(');
            if (open > 0 && h.EndsWith(')') && CurrencyCode(h[(open + 1)..^1]) is { } code)
            {
                info.Currency ??= code;
                break;
            }
        }
        return Array.FindIndex(header, h => ColumnMap.Normalize(h) is "currency code" or "currency" or "code de devise" or "devise");
    }

    private static string? CurrencyCode(string text)
    {
        var t = text.Trim();
        return Common.Inputs.IsCurrencyCode(t) ? t : null;
    }
}

/// <summary>Google Ads reports: UTF-8 comma or UTF-16 tab files, " --" for missing, quoted thousands, "Total: …" rows.</summary>
public sealed class GoogleAdsReader : TableReader
{
    public override string Source => "google-ads";

    // Every "Total: …" row is a totals row; only the first ("Total: Campaigns") checks the rows: the account and
    // per-type totals after it cover removed campaigns or a subset (the first total of a metric wins).
    protected override bool IsTotals(IExportRows rows, ColumnMap map, bool firstData)
    {
        var label = rows.Span(0).TrimStart();
        return label.StartsWith("Total", StringComparison.OrdinalIgnoreCase) && label.Contains(':');
    }

    protected override (ColumnRole, string?) Classify(string h) => h switch
    {
        "campaign" or "campagne" or "ad group" or "groupe d'annonces" => (ColumnRole.Key, null),
        "day" or "date" or "jour" => (ColumnRole.Date, null),
        "impr." or "impressions" => (ColumnRole.Metric, "impressions"),
        "clicks" or "clics" => (ColumnRole.Metric, "clicks"),
        "cost" or "coût" or "cout" => (ColumnRole.Metric, "spend"),
        "conversions" => (ColumnRole.Metric, "conversions"),
        "conv. value" or "valeur de conv." or "conversion value" => (ColumnRole.Metric, "revenue"),
        _ => (ColumnRole.Ignored, null),
    };
}
