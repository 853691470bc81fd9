namespace Pilote.Measurements.Readers;

/// <summary>
/// A file people make themselves. Long: one value a row (date, action or campaign, metric, value); wide: a date, an
/// action or campaign, then one column per metric (named by key, French or English name). Periods as start and end.
/// </summary>
public sealed class GenericReader(Func<string, string?> metricOf) : TableReader
{
    public override string Source => "generic";

    private int _metricColumn = -1;
    private int _valueColumn = -1;

    protected override bool CommaIsDecimal(char delimiter) => delimiter != ',';

    protected override (ColumnRole, string?) Classify(string h) => h switch
    {
        "date" or "day" or "jour" => (ColumnRole.Date, null),
        "start" or "début" or "debut" or "from" or "du" => (ColumnRole.Start, null),
        "end" or "fin" or "to" or "au" => (ColumnRole.End, null),
        "action" or "campaign" or "campagne" or "utm_campaign" or "code" or "tracking code" => (ColumnRole.Key, null),
        "channel" or "canal" => (ColumnRole.Channel, null),
        _ => metricOf(h) is { } metric ? (ColumnRole.Metric, metric) : (ColumnRole.Ignored, null),
    };

    public override void Read(ExportFile file, ExportInfo info, IExportSink sink)
    {
        var headerLine = file.Head.Split('\n').FirstOrDefault(l => l.Trim().Length > 0) ?? "";
        var names = headerLine.TrimEnd('\r').Split(file.Delimiter).Select(ColumnMap.Normalize).ToList();
        _metricColumn = names.FindIndex(n => n is "metric" or "métrique" or "metrique" or "indicateur");
        _valueColumn = names.FindIndex(n => n is "value" or "valeur");
        if (_metricColumn < 0 || _valueColumn < 0)
            base.Read(file, info, sink);
        else
            ReadLong(file, info, sink);
    }

    private void ReadLong(ExportFile file, ExportInfo info, IExportSink sink)
    {
        var commaIsDecimal = CommaIsDecimal(file.Delimiter);
        DateOrder(file, info);
        using var rows = file.Rows();
        ColumnMap? map = null;
        string[] header = [];
        var one = new MetricValue[1];
        while (rows.Next())
        {
            if (rows.IsBlank)
                continue;
            if (map is null)
            {
                header = rows.Header = rows.Fields();
                map = new ColumnMap(header, h => Classify(h) is (ColumnRole.Metric, _) ? (ColumnRole.Ignored, null) : Classify(h));
                continue;
            }
            info.RowsRead++;
            var metricText = rows[_metricColumn];
            var metric = metricOf(ColumnMap.Normalize(metricText))
                ?? throw info.Error(rows.Row, header[_metricColumn].Trim(), metricText, "n'est pas une métrique du catalogue (pilote catalog list)", "is not a metric of the catalog (pilote catalog list)");
            var valueText = rows.Span(_valueColumn);
            if (!ExportValues.TryNumber(valueText, commaIsDecimal, out var value))
                throw ColumnMap.NotANumber(info, rows.Row, header[_valueColumn].Trim(), valueText, commaIsDecimal);
            if (value is not { } v)
                continue;
            if (v < 0)
                throw info.Error(rows.Row, header[_valueColumn].Trim(), valueText.ToString(), "ne peut pas être négatif (un nombre ou un montant)", "cannot be negative (a count or an amount)");
            var days = map.Days(rows, info, info.Start, info.End)
                ?? throw info.NoPeriod(rows.Row);
            one[0] = new MetricValue(metric, v);
            sink.Row(rows.Row, map.KeyOf(rows), map.ChannelOf(rows), days.Start, days.End, one);
        }
        if (map is null)
            throw new Common.PiloteInputException($"{info.FileName} : pas de ligne d'en-tête (un fichier vide ou tronqué ?)", $"{info.FileName}: no header row (an empty or truncated file?)");
        if (info.RowsRead == 0)
            info.Empty = true;
    }
}
