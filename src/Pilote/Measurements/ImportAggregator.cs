using System.Runtime.InteropServices;
using Pilote.Measurements.Readers;

namespace Pilote.Measurements;

/// <summary>
/// Sums an export's rows as they are read, per (key, channel group, period) and metric, before anything is matched or
/// written: a 5-million-row file becomes a few hundred thousand sums. Keys and channel groups are interned from the
/// field's characters (a dictionary looked up by span), so a campaign name repeated on every row is one string, and
/// matching runs once per distinct key rather than once per row. Memory grows with distinct sums, not with rows.
/// </summary>
public sealed class ImportAggregator : IExportSink
{
    private readonly Dictionary<string, int> _keys = new(StringComparer.Ordinal) { [""] = 0 };
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _keyLookup;
    private readonly List<string?> _keyNames = [null];
    private readonly Dictionary<string, int> _channels = new(StringComparer.Ordinal) { [""] = 0 };
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _channelLookup;
    private readonly List<string?> _channelNames = [null];
    private readonly Dictionary<Slot, int> _slots = [];
    private readonly List<string> _metrics = [];
    private Slot[] _slotKeys = new Slot[1024];
    private int[] _firstRow = new int[1024];
    private int[] _rowCount = new int[1024];
    private decimal[] _sums = new decimal[1024 * 4];
    private bool[] _present = new bool[1024 * 4];
    private decimal[] _metricSums = new decimal[4];
    private int _stride = 4;
    private int _count;
    private readonly IProgress<int>? _progress;

    public ImportAggregator(IProgress<int>? progress = null)
    {
        _keyLookup = _keys.GetAlternateLookup<ReadOnlySpan<char>>();
        _channelLookup = _channels.GetAlternateLookup<ReadOnlySpan<char>>();
        _progress = progress;
    }

    private readonly record struct Slot(int Key, int Channel, int Start, int End);

    /// <summary>Data rows that carried at least one value.</summary>
    public int Rows { get; private set; }

    public DateOnly? First { get; private set; }
    public DateOnly? Last { get; private set; }

    /// <summary>Per metric, the sum over every row: what the file's own totals are checked against.</summary>
    public Dictionary<string, decimal> MetricSums()
    {
        var sums = new Dictionary<string, decimal>();
        for (var m = 0; m < _metrics.Count; m++)
            sums[_metrics[m]] = _metricSums[m];
        return sums;
    }

    public void Row(int row, ReadOnlySpan<char> key, ReadOnlySpan<char> channel, DateOnly start, DateOnly end, ReadOnlySpan<MetricValue> values)
    {
        var slot = new Slot(Intern(_keyLookup, _keyNames, key), Intern(_channelLookup, _channelNames, channel), start.DayNumber, end.DayNumber);
        ref var index = ref CollectionsMarshal.GetValueRefOrAddDefault(_slots, slot, out var exists);
        if (!exists)
        {
            index = _count;
            Grow();
            _slotKeys[_count] = slot;
            _firstRow[_count] = row;
            _count++;
        }
        var i = index;
        _rowCount[i]++;
        foreach (var v in values)
        {
            var m = MetricIndex(v.Metric);
            var at = (i * _stride) + m;
            _sums[at] += v.Value;
            _present[at] = true;
            _metricSums[m] += v.Value;
        }
        if (First is not { } f || start < f)
            First = start;
        if (Last is not { } l || end > l)
            Last = end;
        if (++Rows % 65_536 == 0)
            _progress?.Report(row);
    }

    private static int Intern(Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> lookup, List<string?> names, ReadOnlySpan<char> text)
    {
        if (lookup.TryGetValue(text, out var id))
            return id;
        id = names.Count;
        var s = text.ToString();
        lookup.Dictionary[s] = id;
        names.Add(s);
        return id;
    }

    private int MetricIndex(string metric)
    {
        // A handful of metrics, named by the readers' own strings: a reference check finds them at once.
        for (var m = 0; m < _metrics.Count; m++)
            if (ReferenceEquals(_metrics[m], metric))
                return m;
        for (var m = 0; m < _metrics.Count; m++)
            if (_metrics[m] == metric)
                return m;
        _metrics.Add(metric);
        if (_metrics.Count > _stride)
            Widen();
        if (_metrics.Count > _metricSums.Length)
            Array.Resize(ref _metricSums, _metricSums.Length * 2);
        return _metrics.Count - 1;
    }

    private void Grow()
    {
        if (_count < _slotKeys.Length)
            return;
        var size = _slotKeys.Length * 2;
        Array.Resize(ref _slotKeys, size);
        Array.Resize(ref _firstRow, size);
        Array.Resize(ref _rowCount, size);
        Array.Resize(ref _sums, size * _stride);
        Array.Resize(ref _present, size * _stride);
    }

    // More metrics than the layout has room for (a catalog with many metrics): lay the sums out again, twice as wide.
    private void Widen()
    {
        var stride = _stride * 2;
        var sums = new decimal[_slotKeys.Length * stride];
        var present = new bool[_slotKeys.Length * stride];
        for (var i = 0; i < _count; i++)
        {
            Array.Copy(_sums, i * _stride, sums, i * stride, _stride);
            Array.Copy(_present, i * _stride, present, i * stride, _stride);
        }
        (_sums, _present, _stride) = (sums, present, stride);
    }

    /// <summary>A sum no action took: kept with the first file row it came from.</summary>
    public sealed record Pending(int Row, int Rows, string? Key, string? ChannelGroup, string Metric, DateOnly Start, DateOnly End, decimal Value);

    /// <summary>The sums matched to actions and the sums left for <c>measures assign</c>, with the rows behind each.</summary>
    public sealed record Outcome(
        Dictionary<(int Action, string Metric, DateOnly Start, DateOnly End), decimal> Matched, List<Pending> Unmatched, int MatchedRows, int UnmatchedRows);

    /// <summary>Matches each distinct (key, channel group) once and spreads its sums onto the action it names.</summary>
    public Outcome Resolve(Func<string?, string?, int?> match)
    {
        var actions = new Dictionary<(int, int), int?>();
        var matched = new Dictionary<(int Action, string Metric, DateOnly Start, DateOnly End), decimal>();
        var unmatched = new List<Pending>();
        int matchedRows = 0, unmatchedRows = 0;
        for (var i = 0; i < _count; i++)
        {
            var slot = _slotKeys[i];
            if (!actions.TryGetValue((slot.Key, slot.Channel), out var action))
                actions[(slot.Key, slot.Channel)] = action = match(_keyNames[slot.Key], _channelNames[slot.Channel]);
            if (action is null)
                unmatchedRows += _rowCount[i];
            else
                matchedRows += _rowCount[i];
            var (start, end) = (DateOnly.FromDayNumber(slot.Start), DateOnly.FromDayNumber(slot.End));
            for (var m = 0; m < _metrics.Count; m++)
            {
                var at = (i * _stride) + m;
                if (!_present[at])
                    continue;
                if (action is { } a)
                {
                    ref var sum = ref CollectionsMarshal.GetValueRefOrAddDefault(matched, (a, _metrics[m], start, end), out _);
                    sum += _sums[at];
                }
                else
                    unmatched.Add(new Pending(_firstRow[i], _rowCount[i], _keyNames[slot.Key], _channelNames[slot.Channel], _metrics[m], start, end, _sums[at]));
            }
        }
        return new Outcome(matched, unmatched, matchedRows, unmatchedRows);
    }
}
