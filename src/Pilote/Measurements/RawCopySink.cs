using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Pilote.Measurements;

/// <summary>
/// Rows encoded straight into PostgreSQL's binary COPY format (header, then per row a field count and each field's
/// length and bytes, then a trailer) and written to a raw COPY stream in 64 KB blocks. Npgsql's own importer resolves and
/// checks a type for every value it writes: on a 300 000-row import that took as long again as the server's insert, with
/// the server waiting on it. The wire types follow the sink's methods: int4, int8, text, date, numeric, timestamptz.
/// The caller sends each block between rows (<see cref="FlushAsync"/>) and the trailer at the end.
/// </summary>
internal sealed class RawCopySink(Stream copy, int width) : IRowSink
{
    // The signature "PGCOPY\n\377\r\n\0", then no flags and no header extension.
    private static readonly byte[] Header = [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0, 0, 0, 0, 0, 0, 0, 0, 0];
    private static readonly int Epoch = new DateOnly(2000, 1, 1).DayNumber;
    private static readonly long EpochTicks = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    private const int Block = 1 << 16;
    private byte[] _buffer = new byte[2 * Block];
    private int _used;
    private bool _started;

    public void StartRow()
    {
        if (!_started)
        {
            Header.CopyTo(Reserve(Header.Length));
            _started = true;
        }
        BinaryPrimitives.WriteInt16BigEndian(Reserve(2), (short)width);
    }

    public void Int(int value)
    {
        var span = Reserve(8);
        BinaryPrimitives.WriteInt32BigEndian(span, 4);
        BinaryPrimitives.WriteInt32BigEndian(span[4..], value);
    }

    public void Int(int? value)
    {
        if (value is { } v)
            Int(v);
        else
            Null();
    }

    public void Long(long value)
    {
        var span = Reserve(12);
        BinaryPrimitives.WriteInt32BigEndian(span, 8);
        BinaryPrimitives.WriteInt64BigEndian(span[4..], value);
    }

    public void Text(string? value)
    {
        if (value is null)
        {
            Null();
            return;
        }
        var span = Reserve(4 + Encoding.UTF8.GetMaxByteCount(value.Length));
        var length = Encoding.UTF8.GetBytes(value, span[4..]);
        BinaryPrimitives.WriteInt32BigEndian(span, length);
        _used -= span.Length - 4 - length;
    }

    /// <summary>Days since 2000-01-01.</summary>
    public void Day(DateOnly value)
    {
        var span = Reserve(8);
        BinaryPrimitives.WriteInt32BigEndian(span, 4);
        BinaryPrimitives.WriteInt32BigEndian(span[4..], value.DayNumber - Epoch);
    }

    /// <summary>Microseconds since 2000-01-01 UTC.</summary>
    public void Instant(DateTimeOffset value)
    {
        var span = Reserve(12);
        BinaryPrimitives.WriteInt32BigEndian(span, 8);
        BinaryPrimitives.WriteInt64BigEndian(span[4..], (value.UtcTicks - EpochTicks) / 10);
    }

    /// <summary>
    /// PostgreSQL's numeric: base-10 000 digits (most significant first), the weight of the first (its power of 10 000),
    /// a sign and the display scale, here the decimal's own; the column's type rounds it to its scale as an INSERT would.
    /// </summary>
    public void Decimal(decimal value)
    {
        Span<char> text = stackalloc char[40];
        if (!value.TryFormat(text, out var written, "0.############################", CultureInfo.InvariantCulture))
            throw new InvalidOperationException($"{value} does not fit");
        text = text[..written];
        var negative = text[0] == '-';
        if (negative)
            text = text[1..];
        var point = text.IndexOf('.');
        var whole = point < 0 ? text : text[..point];
        var fraction = point < 0 ? [] : text[(point + 1)..];
        // Digits grouped by four from the decimal point: the whole part padded on the left, the fraction on the right.
        var wholeGroups = (whole.Length + 3) / 4;
        var fractionGroups = (fraction.Length + 3) / 4;
        Span<short> groups = stackalloc short[wholeGroups + fractionGroups];
        for (var g = 0; g < wholeGroups; g++)
        {
            var end = whole.Length - ((wholeGroups - 1 - g) * 4);
            groups[g] = Group(whole[Math.Max(0, end - 4)..end]);
        }
        for (var g = 0; g < fractionGroups; g++)
        {
            var part = fraction[(g * 4)..Math.Min(fraction.Length, (g * 4) + 4)];
            var digit = Group(part);
            for (var pad = part.Length; pad < 4; pad++)
                digit *= 10;
            groups[wholeGroups + g] = digit;
        }
        var weight = wholeGroups - 1;
        var first = 0;
        while (first < groups.Length && groups[first] == 0)
        {
            first++;
            weight--;
        }
        var last = groups.Length;
        while (last > first && groups[last - 1] == 0)
            last--;
        var digits = groups[first..last];
        if (digits.IsEmpty)
            (weight, negative) = (0, false);
        var span = Reserve(4 + 8 + (2 * digits.Length));
        BinaryPrimitives.WriteInt32BigEndian(span, 8 + (2 * digits.Length));
        BinaryPrimitives.WriteInt16BigEndian(span[4..], (short)digits.Length);
        BinaryPrimitives.WriteInt16BigEndian(span[6..], (short)weight);
        BinaryPrimitives.WriteUInt16BigEndian(span[8..], negative ? (ushort)0x4000 : (ushort)0);
        BinaryPrimitives.WriteInt16BigEndian(span[10..], (short)fraction.Length);
        for (var d = 0; d < digits.Length; d++)
            BinaryPrimitives.WriteInt16BigEndian(span[(12 + (2 * d))..], digits[d]);
    }

    /// <summary>Writes the trailer and what is left in the buffer.</summary>
    public async Task CompleteAsync(CancellationToken ct)
    {
        if (!_started)
            Header.CopyTo(Reserve(Header.Length));
        BinaryPrimitives.WriteInt16BigEndian(Reserve(2), -1);
        await copy.WriteAsync(_buffer.AsMemory(0, _used), ct);
        _used = 0;
    }

    /// <summary>Sends the rows encoded so far once they fill a block: called between rows, so that no write blocks a thread.</summary>
    public async ValueTask FlushAsync(CancellationToken ct)
    {
        if (_used < Block)
            return;
        await copy.WriteAsync(_buffer.AsMemory(0, _used), ct);
        _used = 0;
    }

    private static short Group(ReadOnlySpan<char> digits)
    {
        var value = 0;
        foreach (var c in digits)
            value = (value * 10) + (c - '0');
        return (short)value;
    }

    private void Null()
    {
        BinaryPrimitives.WriteInt32BigEndian(Reserve(4), -1);
    }

    // Room for the next bytes: the buffer grows when a row outgrows it (a long text), and is sent by FlushAsync.
    private Span<byte> Reserve(int bytes)
    {
        if (_used + bytes > _buffer.Length)
            Array.Resize(ref _buffer, Math.Max(2 * _buffer.Length, _used + bytes));
        var span = _buffer.AsSpan(_used, bytes);
        _used += bytes;
        return span;
    }
}
