namespace Pilote.Measurements.Readers;

public enum ColumnRole
{
    Ignored,
    Key,
    Channel,
    Date,
    Start,
    End,
    Metric,
}

/// <summary>What each column of a header holds, and how to turn a data record into an <see cref="ExportRow"/>.</summary>
public sealed class ColumnMap
{
    private readonly (ColumnRole Role, string? Metric)[] _columns;
    private readonly string[] _names;

    public ColumnMap(string[] names, Func<string, (ColumnRole Role, string? Metric)> classify)
    {
        _names = names;
        _columns = new (ColumnRole, string?)[names.Length];
        var taken = new HashSet<string>();
        var hasKey = false;
        for (var i = 0; i < names.Length; i++)
        {
            var c = classify(Normalize(names[i]));
            // One column per role and metric: a second "Currency code" or a second key column is read as ignored.
            // A key column comes before the metrics: GA4's "New users" after "Active users" is an unknown metric.
            if (c.Role == ColumnRole.Metric && !taken.Add(c.Metric!) || c.Role == ColumnRole.Key && (hasKey || taken.Count > 0))
                c = (ColumnRole.Ignored, null);
            hasKey |= c.Role == ColumnRole.Key;
            _columns[i] = c;
        }
    }

    public IEnumerable<string> Metrics => _columns.Where(c => c.Role == ColumnRole.Metric).Select(c => c.Metric!);

    /// <summary>The index of the key column, if any.</summary>
    public int? Key => Array.FindIndex(_columns, c => c.Role == ColumnRole.Key) is var i and >= 0 ? i : null;

    public bool Has(ColumnRole role) => _columns.Any(c => c.Role == role);

    public int Width => _names.Length;

    public string Name(int i) => _names[i];

    /// <summary>Stops reading a metric (it came from an earlier block of the same file).</summary>
    public void Drop(string metric)
    {
        for (var i = 0; i < _columns.Length; i++)
            if (_columns[i].Metric == metric)
                _columns[i] = (ColumnRole.Ignored, null);
    }

    /// <summary>Lower case, single spaces, no byte-order mark, no-break spaces as spaces, no surrounding quotes.</summary>
    public static string Normalize(string header)
    {
        var t = header.Replace('\uFEFF', ' ').Replace('\u00A0', ' ').Replace('\u202F', ' ').Trim().Trim('"').Trim();
        return string.Join(' ', t.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
    }

    /// <summary>The metric values of a record (empty when none); a value that does not read is an error naming it.</summary>
    public List<MetricValue> Values(CsvRows rows, ExportInfo info, bool commaIsDecimal)
    {
        var values = new List<MetricValue>(4);
        for (var i = 0; i < _columns.Length; i++)
        {
            if (_columns[i].Role != ColumnRole.Metric)
                continue;
            var text = rows[i];
            if (!ExportValues.TryNumber(text, commaIsDecimal, out var v))
                throw info.Error(rows.Row, _names[i].Trim(), text, "is not a number");
            if (v is not { } value)
                continue;
            if (value < 0)
                throw info.Error(rows.Row, _names[i].Trim(), text, "cannot be negative (a count or an amount)");
            values.Add(new MetricValue(_columns[i].Metric!, value));
        }
        return values;
    }

    /// <summary>A data record as a row: its key, channel group, days and values.</summary>
    public ExportRow Row(CsvRows rows, ExportInfo info, bool commaIsDecimal, DateOnly? periodStart, DateOnly? periodEnd)
    {
        string? key = null, channel = null;
        DateOnly? date = null, start = null, end = null;
        for (var i = 0; i < _columns.Length; i++)
        {
            switch (_columns[i].Role)
            {
                case ColumnRole.Key:
                    key = Blank(rows[i]);
                    break;
                case ColumnRole.Channel:
                    channel = Blank(rows[i]);
                    break;
                case ColumnRole.Date or ColumnRole.Start or ColumnRole.End:
                    var text = rows[i];
                    if (text.Trim().Length == 0)
                        break;
                    if (!ExportValues.TryDate(text, out var d))
                        throw info.Error(rows.Row, _names[i].Trim(), text, "is not a date (20260327, 2026-03-27, 27/03/2026, Mar 27, 2026)");
                    if (_columns[i].Role == ColumnRole.Date)
                        date = d;
                    else if (_columns[i].Role == ColumnRole.Start)
                        start = d;
                    else
                        end = d;
                    break;
            }
        }
        var values = Values(rows, info, commaIsDecimal);
        var first = date ?? start ?? periodStart;
        var last = date ?? end ?? (start is null ? periodEnd : start);
        if (first is not { } s || last is not { } e)
        {
            if (values.Count == 0)
                return new ExportRow(rows.Row, key, channel, default, default, values);
            throw info.Error(rows.Row, "the row has no date and the file no reporting period (pass --start and --end)");
        }
        if (e < s)
            throw info.Error(rows.Row, $"the period ends ({e:yyyy-MM-dd}) before it starts ({s:yyyy-MM-dd})");
        return new ExportRow(rows.Row, key, channel, s, e, values);
    }

    private static string? Blank(string text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
