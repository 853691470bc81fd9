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
        _plan = null;
    }

    /// <summary>Lower case, single spaces, no byte-order mark, no-break spaces as spaces, no surrounding quotes.</summary>
    public static string Normalize(string header)
    {
        var t = header.Replace('\uFEFF', ' ').Replace('\u00A0', ' ').Replace('\u202F', ' ').Trim().Trim('"').Trim();
        return string.Join(' ', t.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
    }

    // Column indexes by role, worked out once per header: the per-row loop touches only the columns it needs.
    private sealed class Plan(int key, int channel, int date, int start, int end, int[] metrics, string[] names)
    {
        public readonly int Key = key, Channel = channel, Date = date, Start = start, End = end;
        public readonly int[] Metrics = metrics;
        public readonly string[] MetricNames = names;
        public readonly MetricValue[] Buffer = new MetricValue[metrics.Length];
    }

    private Plan? _plan;

    private Plan Roles()
    {
        if (_plan is not null)
            return _plan;
        int Find(ColumnRole role) => Array.FindIndex(_columns, c => c.Role == role);
        var metrics = Enumerable.Range(0, _columns.Length).Where(i => _columns[i].Role == ColumnRole.Metric).ToArray();
        return _plan = new Plan(Find(ColumnRole.Key), Find(ColumnRole.Channel), Find(ColumnRole.Date), Find(ColumnRole.Start), Find(ColumnRole.End),
            metrics, [.. metrics.Select(i => _columns[i].Metric!)]);
    }

    /// <summary>The metric values of a record (empty when none); a value that does not read is an error naming it.</summary>
    public List<MetricValue> Values(IExportRows rows, ExportInfo info, bool commaIsDecimal)
    {
        var plan = Roles();
        return [.. plan.Buffer.AsSpan(0, Fill(plan, rows, info, commaIsDecimal))];
    }

    private int Fill(Plan plan, IExportRows rows, ExportInfo info, bool commaIsDecimal)
    {
        var n = 0;
        for (var m = 0; m < plan.Metrics.Length; m++)
        {
            var i = plan.Metrics[m];
            var text = rows.Span(i);
            if (!ExportValues.TryNumber(text, commaIsDecimal, out var v))
                throw NotANumber(info, rows.Row, _names[i].Trim(), text, commaIsDecimal);
            if (v is not { } value)
                continue;
            if (value < 0)
                throw info.Error(rows.Row, _names[i].Trim(), text.ToString(), "ne peut pas être négatif (un nombre ou un montant)", "cannot be negative (a count or an amount)");
            plan.Buffer[n++] = new MetricValue(plan.MetricNames[m], value);
        }
        return n;
    }

    /// <summary>
    /// Hands a data record to the sink: its key, channel group, days and values, without making a string of any field.
    /// False when the record holds no value (nothing is handed over).
    /// </summary>
    public bool Emit(IExportRows rows, ExportInfo info, bool commaIsDecimal, DateOnly? periodStart, DateOnly? periodEnd, IExportSink sink)
    {
        var plan = Roles();
        var date = Day(plan.Date, rows, info);
        var start = Day(plan.Start, rows, info);
        var end = Day(plan.End, rows, info);
        var count = Fill(plan, rows, info, commaIsDecimal);
        var first = date ?? start ?? periodStart;
        var last = date ?? end ?? (start is null ? periodEnd : start);
        if (first is not { } s || last is not { } e)
        {
            if (count == 0)
                return false;
            throw info.NoPeriod(rows.Row);
        }
        if (e < s)
            throw info.Error(rows.Row, $"la période finit ({e:dd/MM/yyyy}) avant de commencer ({s:dd/MM/yyyy})", $"the period ends ({e:yyyy-MM-dd}) before it starts ({s:yyyy-MM-dd})");
        if (count == 0)
            return false;
        var key = plan.Key >= 0 ? rows.Span(plan.Key).Trim() : default;
        var channel = plan.Channel >= 0 ? rows.Span(plan.Channel).Trim() : default;
        sink.Row(rows.Row, key, channel, s, e, plan.Buffer.AsSpan(0, count));
        return true;
    }

    /// <summary>The key and days of a record whose value comes from elsewhere (a long file's value column).</summary>
    public (DateOnly Start, DateOnly End)? Days(IExportRows rows, ExportInfo info, DateOnly? periodStart, DateOnly? periodEnd)
    {
        var plan = Roles();
        var date = Day(plan.Date, rows, info);
        var start = Day(plan.Start, rows, info);
        var end = Day(plan.End, rows, info);
        var first = date ?? start ?? periodStart;
        var last = date ?? end ?? (start is null ? periodEnd : start);
        if (first is not { } s || last is not { } e)
            return null;
        if (e < s)
            throw info.Error(rows.Row, $"la période finit ({e:dd/MM/yyyy}) avant de commencer ({s:dd/MM/yyyy})", $"the period ends ({e:yyyy-MM-dd}) before it starts ({s:yyyy-MM-dd})");
        return (s, e);
    }

    /// <summary>Why a value is not read: not a number, or a point that could be a thousand in a decimal-comma file.</summary>
    public static Common.PiloteInputException NotANumber(ExportInfo info, int row, string column, ReadOnlySpan<char> text, bool commaIsDecimal)
    {
        if (!commaIsDecimal || !ExportValues.IsAmbiguousPoint(text))
            return info.Error(row, column, text.ToString(), "n'est pas un nombre", "is not a number");
        var t = text.Trim().ToString();
        return info.Error(row, column, t,
            $"est ambigu : {t.Replace(".", "", StringComparison.Ordinal)} ou {t.Replace('.', ',')} ? Les décimales de ce fichier s'écrivent avec une virgule (séparateur « ; »), "
            + "ce nombre a un point ; importez l'export tel que l'outil l'a écrit, ou corrigez la cellule",
            $"is ambiguous: {t.Replace(".", "", StringComparison.Ordinal)}, or {t} with a decimal point? This file (';' separated) writes decimals with a comma, "
            + "this number has a point; import the export as the tool wrote it, or correct the cell");
    }

    public ReadOnlySpan<char> KeyOf(IExportRows rows) => Roles().Key is >= 0 and var k ? rows.Span(k).Trim() : default;

    public ReadOnlySpan<char> ChannelOf(IExportRows rows) => Roles().Channel is >= 0 and var c ? rows.Span(c).Trim() : default;

    private DateOnly? Day(int column, IExportRows rows, ExportInfo info)
    {
        if (column < 0)
            return null;
        var text = rows.Span(column);
        if (ExportValues.TrySlashParts(text, out var first, out var second, out var year))
            return SlashDay(column, rows, info, text, first, second, year);
        if (ExportValues.TryDate(text, out var d))
            return d;
        if (text.Trim().Length == 0)
            return null;
        throw info.Error(rows.Row, _names[column].Trim(), text.ToString(), "n'est pas une date (20260327, 2026-03-27, 27/03/2026, Mar 27, 2026)", "is not a date (20260327, 2026-03-27, 27/03/2026, Mar 27, 2026)");
    }

    private static readonly System.Globalization.CultureInfo French = System.Globalization.CultureInfo.GetCultureInfo("fr-FR");
    private static readonly System.Globalization.CultureInfo English = System.Globalization.CultureInfo.GetCultureInfo("en-GB");

    /// <summary>
    /// 2/1/2026 is the 2nd of January to a French or British Excel and February 1st to an American one. The file's
    /// convention decides (<see cref="ExportInfo.DayFirst"/>), else a date of the file with a 13 or more on one side;
    /// when none has, the date is refused rather than guessed.
    /// </summary>
    private DateOnly SlashDay(int column, IExportRows rows, ExportInfo info, ReadOnlySpan<char> text, int first, int second, int year)
    {
        if (info.DayFirst is null && first != second)
        {
            info.DayFirst = ExportValues.SlashOrder(first, second)
                ?? info.DateOrderScan?.Invoke([.. Enumerable.Range(0, _columns.Length).Where(i => _columns[i].Role is ColumnRole.Date or ColumnRole.Start or ColumnRole.End)]);
            if (info.DayFirst is null)
            {
                var (dayFirst, monthFirst) = (Valid(year, second, first), Valid(year, first, second));
                if (dayFirst is { } a && monthFirst is { } b)
                    throw info.Error(rows.Row, _names[column].Trim(), text.Trim().ToString(),
                        $"est ambigu : {a.ToString("d MMMM yyyy", French)} ou {b.ToString("d MMMM yyyy", French)} ? Aucune date de ce fichier (séparé par des virgules) "
                        + "ne dit si le jour vient en premier (un jour après le 12) ; importez l'export tel que l'outil l'a écrit, ou enregistrez-le avec des dates AAAA-MM-JJ",
                        $"is ambiguous: {a.ToString("d MMMM yyyy", English)} or {b.ToString("d MMMM yyyy", English)}? No date in this comma-separated file "
                        + "says whether the day comes first (a day after the 12th); import the export as the tool wrote it, or save it with YYYY-MM-DD dates");
            }
        }
        var (day, month) = info.DayFirst == false ? (second, first) : (first, second);
        return Valid(year, month, day) ?? throw info.Error(rows.Row, _names[column].Trim(), text.Trim().ToString(),
            info.DayFirst == false ? "n'est pas une date (le fichier écrit ses dates mois/jour/année)" : "n'est pas une date (le fichier écrit ses dates jour/mois/année)",
            info.DayFirst == false ? "is not a date (the file writes its dates month/day/year)" : "is not a date (the file writes its dates day/month/year)");
    }

    private static DateOnly? Valid(int year, int month, int day) =>
        year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month) ? new DateOnly(year, month, day) : null;
}
