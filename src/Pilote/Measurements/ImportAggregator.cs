using System.Runtime.CompilerServices;
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
    private readonly Dictionary<Slot, int> _periodSlots = [];
    private readonly Dictionary<long, int> _pairIds = [];
    private readonly List<(int Key, int Channel)> _pairs = [];
    private readonly List<string> _metrics = [];
    // Per (key, channel) pair, its one-day rows by day: slot + 1 at (day - base), 0 when none yet. Rows land on a
    // random pair and day; a direct index costs one memory access where a hash table costs three.
    private int[]?[] _days = new int[]?[64];
    private int[] _dayBase = new int[64];
    private long _denseCells;
    private Slot[] _slotKeys = new Slot[1024];
    private SlotData[] _data = new SlotData[1024];
    // Sums of the fifth metric on, for the rare file with more than four.
    private long[] _more = [];
    private int _moreStride;
    private Int128[] _metricSums = new Int128[4];
    private int _count;
    private int _first = int.MaxValue, _last = int.MinValue;
    private readonly IProgress<int>? _progress;

    /// <summary>Day cells the direct indexes may hold (4 bytes each) before further pairs fall back to hashing.</summary>
    private const long MaxDenseCells = 8_000_000;
    private const int MaxDaysPerPair = 4_000;
    private const int MaxMetrics = 64;

    public ImportAggregator(IProgress<int>? progress = null)
    {
        _keyLookup = _keys.GetAlternateLookup<ReadOnlySpan<char>>();
        _channelLookup = _channels.GetAlternateLookup<ReadOnlySpan<char>>();
        _progress = progress;
    }

    private readonly record struct Slot(int Pair, int Start, int End);

    // Everything a row touches in one 48-byte block (one cache line at most): the first file row of the slot, how
    // many rows it sums, which metrics it has (a bit each) and the first four metrics' sums in millionths.
    [StructLayout(LayoutKind.Sequential)]
    private struct SlotData
    {
        public int FirstRow;
        public int Rows;
        public ulong Present;
        public long S0, S1, S2, S3;
    }

    private const int InlineMetrics = 4;

    private ref long Sum(ref SlotData data, int slot, int m) =>
        ref m < InlineMetrics ? ref Unsafe.Add(ref data.S0, m) : ref _more[(slot * _moreStride) + m - InlineMetrics];

    /// <summary>Data rows that carried at least one value.</summary>
    public int Rows { get; private set; }

    public DateOnly? First => _first == int.MaxValue ? null : DateOnly.FromDayNumber(_first);
    public DateOnly? Last => _last == int.MinValue ? null : DateOnly.FromDayNumber(_last);

    /// <summary>Per metric, the sum over every row: what the file's own totals are checked against.</summary>
    public Dictionary<string, decimal> MetricSums()
    {
        var sums = new Dictionary<string, decimal>();
        for (var m = 0; m < _metrics.Count; m++)
            sums[_metrics[m]] = ToDecimal(_metricSums[m]);
        return sums;
    }

    public void Row(int row, ReadOnlySpan<char> key, ReadOnlySpan<char> channel, DateOnly start, DateOnly end, ReadOnlySpan<MetricValue> values)
    {
        var keyId = key.IsEmpty ? 0 : Intern(_keyLookup, _keyNames, key);
        var channelId = channel.IsEmpty ? 0 : Intern(_channelLookup, _channelNames, channel);
        var pair = Pair(keyId, channelId);
        var (s, e) = (start.DayNumber, end.DayNumber);
        var i = s == e ? Daily(pair, s, row) : Period(new Slot(pair, s, e), row);
        ref var data = ref _data[i];
        data.Rows++;
        foreach (var v in values)
        {
            var m = MetricIndex(v.Metric);
            var micros = Micros(v.Value);
            ref var sum = ref Sum(ref data, i, m);
            // A sum past 9 trillion units in one key and day is no marketing figure: refuse it rather than wrap.
            if (micros > long.MaxValue || micros < long.MinValue)
                throw Overflow(row, key, start);
            var next = sum + (long)micros;
            if (((sum ^ next) & ((long)micros ^ next)) < 0)
                throw Overflow(row, key, start);
            sum = next;
            data.Present |= 1UL << m;
            _metricSums[m] += micros;
        }
        if (s < _first)
            _first = s;
        if (e > _last)
            _last = e;
        if (++Rows % 65_536 == 0)
            _progress?.Report(row);
    }

    private static Common.PiloteInputException Overflow(int row, ReadOnlySpan<char> key, DateOnly day) =>
        new($"row {row}: the values of '{key}' on {day:yyyy-MM-dd} add up past what Pilote stores");

    private int Pair(int keyId, int channelId)
    {
        var packed = ((long)keyId << 32) | (uint)channelId;
        ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(_pairIds, packed, out var exists);
        if (!exists)
        {
            id = _pairs.Count;
            _pairs.Add((keyId, channelId));
            if (id >= _days.Length)
            {
                Array.Resize(ref _days, _days.Length * 2);
                Array.Resize(ref _dayBase, _dayBase.Length * 2);
            }
        }
        return id;
    }

    private int Daily(int pair, int day, int row)
    {
        var days = _days[pair];
        var offset = day - _dayBase[pair];
        if (days is null || (uint)offset >= (uint)days.Length)
        {
            if (!Widen(pair, day))
                return Period(new Slot(pair, day, day), row);
            days = _days[pair]!;
            offset = day - _dayBase[pair];
        }
        ref var cell = ref days[offset];
        if (cell == 0)
            cell = New(new Slot(pair, day, day), row) + 1;
        return cell - 1;
    }

    // Makes the pair's day index cover the day (twice the span it needs, so it grows rarely); false past the budget.
    private bool Widen(int pair, int day)
    {
        var old = _days[pair];
        var oldBase = _dayBase[pair];
        var from = old is null ? day - 31 : Math.Min(oldBase, day);
        var to = old is null ? day + 31 : Math.Max(oldBase + old.Length - 1, day);
        var span = (to - from + 1) * 2;
        if (old is not null && day < oldBase)
            from = to + 1 - span;
        if (span > MaxDaysPerPair || _denseCells + span - (old?.Length ?? 0) > MaxDenseCells)
            return false;
        var days = new int[span];
        if (old is not null)
            Array.Copy(old, 0, days, oldBase - from, old.Length);
        _denseCells += span - (old?.Length ?? 0);
        _days[pair] = days;
        _dayBase[pair] = from;
        return true;
    }

    private int Period(Slot slot, int row)
    {
        ref var index = ref CollectionsMarshal.GetValueRefOrAddDefault(_periodSlots, slot, out var exists);
        if (!exists)
            index = New(slot, row);
        return index;
    }

    private int New(Slot slot, int row)
    {
        if (_count == _slotKeys.Length)
        {
            var size = _slotKeys.Length * 2;
            Array.Resize(ref _slotKeys, size);
            Array.Resize(ref _data, size);
            if (_moreStride > 0)
                Array.Resize(ref _more, size * _moreStride);
        }
        _slotKeys[_count] = slot;
        _data[_count].FirstRow = row;
        return _count++;
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

    private static readonly long[] Pow10 = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000];

    /// <summary>
    /// A value in millionths, the precision measurements are stored with. Sums are integers: a decimal addition costs
    /// more than reading the field it came from, an integer one nothing. Beyond six decimals, rounded as the database would.
    /// </summary>
    public static Int128 Micros(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var scale = (bits[3] >> 16) & 0xFF;
        if (bits[2] == 0 && scale <= 6 && bits[1] >= 0 && bits[1] < 2_000_000)
        {
            var mantissa = ((long)bits[1] << 32) | (uint)bits[0];
            var micros = mantissa * Pow10[6 - scale];
            return bits[3] < 0 ? -micros : micros;
        }
        return (Int128)Math.Round(value * 1_000_000m, MidpointRounding.AwayFromZero);
    }

    public static decimal ToDecimal(Int128 micros) => (decimal)micros / 1_000_000m;

    private int MetricIndex(string metric)
    {
        // A handful of metrics, named by the readers' own strings: a reference check finds them at once.
        for (var m = 0; m < _metrics.Count; m++)
            if (ReferenceEquals(_metrics[m], metric))
                return m;
        for (var m = 0; m < _metrics.Count; m++)
            if (_metrics[m] == metric)
                return m;
        if (_metrics.Count == MaxMetrics)
            throw new Common.PiloteInputException($"plus de {MaxMetrics} métriques dans un même fichier : découpez-le", $"more than {MaxMetrics} metrics in one file: split it");
        _metrics.Add(metric);
        if (_metrics.Count - InlineMetrics > _moreStride)
            WidenMetrics();
        if (_metrics.Count > _metricSums.Length)
            Array.Resize(ref _metricSums, _metricSums.Length * 2);
        return _metrics.Count - 1;
    }

    // More metrics than the layout has room for (a catalog with many metrics): lay the extra sums out again, wider.
    private void WidenMetrics()
    {
        var stride = Math.Max(4, _moreStride * 2);
        var more = new long[_slotKeys.Length * stride];
        for (var i = 0; i < _count; i++)
            Array.Copy(_more, i * _moreStride, more, i * stride, _moreStride);
        (_more, _moreStride) = (more, stride);
    }

    /// <summary>A sum no action took: kept with the first file row it came from.</summary>
    public sealed record Pending(int Row, int Rows, string? Key, string? ChannelGroup, string Metric, DateOnly Start, DateOnly End, decimal Value);

    /// <summary>
    /// The sums matched to actions (one row per action, metric and period, in the measurements' index order) and the sums
    /// left for <c>measures assign</c>, with the rows behind each.
    /// </summary>
    public sealed record Outcome(MeasurementRow[] Matched, List<Pending> Unmatched, int MatchedRows, int UnmatchedRows);

    /// <summary>
    /// Matches each distinct (key, channel group) once and spreads its sums onto the action it names. Several keys may
    /// name one action (a campaign under four sources): their slots are sorted by (action, period) and merged in place,
    /// so the only thing this allocates beyond the rows it returns is one index per slot.
    /// </summary>
    public Outcome Resolve(Func<string?, string?, int?> match)
    {
        var actionOf = new int[_pairs.Count];
        for (var p = 0; p < _pairs.Count; p++)
            actionOf[p] = match(_keyNames[_pairs[p].Key], _channelNames[_pairs[p].Channel]) ?? -1;
        var unmatched = new List<Pending>();
        int matchedRows = 0, unmatchedRows = 0, matchedSlots = 0;
        for (var i = 0; i < _count; i++)
        {
            var slot = _slotKeys[i];
            ref var data = ref _data[i];
            if (actionOf[slot.Pair] >= 0)
            {
                matchedRows += data.Rows;
                matchedSlots++;
                continue;
            }
            unmatchedRows += data.Rows;
            var (key, channel) = _pairs[slot.Pair];
            for (var m = 0; m < _metrics.Count; m++)
                if ((data.Present & (1UL << m)) != 0)
                    unmatched.Add(new Pending(data.FirstRow, data.Rows, _keyNames[key], _channelNames[channel], _metrics[m],
                        DateOnly.FromDayNumber(slot.Start), DateOnly.FromDayNumber(slot.End), ToDecimal(Sum(ref data, i, m))));
        }

        var order = new int[matchedSlots];
        var n = 0;
        for (var i = 0; i < _count; i++)
            if (actionOf[_slotKeys[i].Pair] >= 0)
                order[n++] = i;
        var slots = _slotKeys;
        Array.Sort(order, (a, b) =>
        {
            var (x, y) = (slots[a], slots[b]);
            var c = actionOf[x.Pair].CompareTo(actionOf[y.Pair]);
            return c != 0 ? c : x.Start != y.Start ? x.Start.CompareTo(y.Start) : x.End.CompareTo(y.End);
        });

        // Two passes over the runs of one (action, period): count the rows, then fill them. Metric m's rows of an action
        // go after metric m-1's, which with the sorted runs gives the index order (action, metric, day).
        bool SameRun(int a, int b) =>
            actionOf[slots[a].Pair] == actionOf[slots[b].Pair] && slots[a].Start == slots[b].Start && slots[a].End == slots[b].End;
        var rows = 0;
        for (var r = 0; r < order.Length;)
        {
            ulong present = 0;
            var e = r;
            for (; e < order.Length && SameRun(order[r], order[e]); e++)
                present |= _data[order[e]].Present;
            rows += System.Numerics.BitOperations.PopCount(present);
            r = e;
        }
        var matched = new MeasurementRow[rows];
        var w = 0;
        var metricOrder = Enumerable.Range(0, _metrics.Count).OrderBy(m => _metrics[m], StringComparer.Ordinal).ToArray();
        for (var actionStart = 0; actionStart < order.Length;)
        {
            var action = actionOf[slots[order[actionStart]].Pair];
            var actionEnd = actionStart;
            while (actionEnd < order.Length && actionOf[slots[order[actionEnd]].Pair] == action)
                actionEnd++;
            foreach (var m in metricOrder)
                for (var r = actionStart; r < actionEnd;)
                {
                    Int128 sum = 0;
                    var any = false;
                    var e = r;
                    for (; e < actionEnd && SameRun(order[r], order[e]); e++)
                    {
                        ref var data = ref _data[order[e]];
                        if ((data.Present & (1UL << m)) == 0)
                            continue;
                        sum += Sum(ref data, order[e], m);
                        any = true;
                    }
                    if (any)
                        matched[w++] = new MeasurementRow(action, _metrics[m], DateOnly.FromDayNumber(slots[order[r]].Start),
                            DateOnly.FromDayNumber(slots[order[r]].End), ToDecimal(sum));
                    r = e;
                }
            actionStart = actionEnd;
        }
        return new Outcome(matched, unmatched, matchedRows, unmatchedRows);
    }
}
