using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Pilote.Measurements;

/// <summary>
/// One prepared statement on SQLite's own handle, its parameters bound in order (<see cref="IRowSink"/>: the next value
/// goes to the next parameter) and stepped once per bound set. Runs in the connection's current transaction (SQLite has
/// one per connection). Values are stored as EF Core's SQLite provider stores them: days as yyyy-MM-dd, decimals and
/// instants as invariant text.
/// </summary>
/// <remarks>
/// Microsoft.Data.Sqlite looks each parameter up by name and converts it on every execution, and SQLitePCL's binding
/// has SQLite copy every text: on a bulk write both cost more than SQLite's insert itself. So the binds and steps call
/// the library SQLitePCL loaded (e_sqlite3) directly, and the texts an import repeats (metrics, days, its source and
/// instant) are encoded once into pinned memory that SQLite reads in place (SQLITE_STATIC) until the statement is done.
/// </remarks>
public sealed class SqliteStatement : IDisposable, IRowSink
{
    private const int DecimalWidth = 48;
    private static readonly IntPtr Static = IntPtr.Zero;

    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly IntPtr _handle;
    private int _next = 1;
    // An import's rows repeat a few metrics, one source, one instant and a few hundred days: each is encoded once.
    private readonly Dictionary<string, Pinned> _texts = new(StringComparer.Ordinal);
    private readonly Dictionary<DateOnly, Pinned> _days = [];
    private (DateTimeOffset Value, Pinned Text)? _instant;
    // Each parameter's own slot for a decimal's digits, read by SQLite at the next step.
    private Pinned? _digits;
    // Texts and decimals bound once are encoded end to end into pinned memory that SQLite reads in place until the step
    // (SQLITE_STATIC): having SQLite copy each (SQLITE_TRANSIENT) cost a malloc, a copy and a free per value, more than
    // a third of a 100 000-action plan's binding. A full arena is kept until the step and a larger one started.
    private byte[] _arena = GC.AllocateUninitializedArray<byte>(1 << 14, pinned: true);
    private int _used;
    private List<byte[]>? _full;

    public SqliteStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("the SQLite connection is not open");
        Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
        _handle = _statement.DangerousGetHandle();
    }

    public void Int(int value) => Check(NativeMethods.sqlite3_bind_int64(_handle, _next++, value));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Int(int? value)
    {
        if (value is { } v)
            Int(v);
        else
            Null();
    }

    public void Long(long value) => Check(NativeMethods.sqlite3_bind_int64(_handle, _next++, value));

    public void Text(string? value)
    {
        if (value is null)
        {
            Null();
            return;
        }
        if (_texts.TryGetValue(value, out var text))
        {
            BindPinned(text);
            return;
        }
        // Keys and campaign names vary without bound: only the few repeated values are worth keeping.
        if (_texts.Count < 4_096)
        {
            BindPinned(_texts[value] = new Pinned(Encoding.UTF8.GetBytes(value)));
            return;
        }
        var bytes = Encoding.UTF8.GetBytes(value);
        Check(raw.sqlite3_bind_text(_statement, _next++, bytes));
    }

    /// <summary>
    /// A text bound once (a title, a comment): encoded into the statement's arena, read by SQLite at the next step, instead
    /// of kept for the statement's life as the repeated texts of <see cref="Text"/> are.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void TextOnce(string? value)
    {
        if (value is null)
        {
            Null();
            return;
        }
        var length = Encoding.UTF8.GetBytes(value, Room(Encoding.UTF8.GetMaxByteCount(value.Length)));
        BindArena(length);
    }

    // Free arena space for at least `bytes`; the value written there is then bound by BindArena.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Span<byte> Room(int bytes)
    {
        if (_arena.Length - _used < bytes)
        {
            if (_used > 0)
                (_full ??= []).Add(_arena);
            _arena = GC.AllocateUninitializedArray<byte>(Math.Max(bytes, _arena.Length * 2), pinned: true);
            _used = 0;
        }
        return _arena.AsSpan(_used);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void BindArena(int length)
    {
        var at = Marshal.UnsafeAddrOfPinnedArrayElement(_arena, _used);
        _used += length;
        Check(NativeMethods.sqlite3_bind_text(_handle, _next++, at, length, Static));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Day(DateOnly value)
    {
        if (!_days.TryGetValue(value, out var text))
            _days[value] = text = new Pinned(Encoding.ASCII.GetBytes(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        BindPinned(text);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Decimal(decimal value)
    {
        var offset = (_next - 1) * DecimalWidth;
        // Made on the first decimal: statements that bind them only once (Value) never need it.
        _digits ??= new Pinned(new byte[Math.Max(1, raw.sqlite3_bind_parameter_count(_statement)) * DecimalWidth]);
        if (!value.TryFormat(_digits.Bytes.AsSpan(offset, DecimalWidth), out var written, default, NumberFormatInfo.InvariantInfo))
            throw new InvalidOperationException($"{value} does not fit");
        Check(NativeMethods.sqlite3_bind_text(_handle, _next++, _digits.Address + offset, written, Static));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Instant(DateTimeOffset value)
    {
        if (_instant is not { } cached || cached.Value != value)
            _instant = cached = (value, new Pinned(Encoding.ASCII.GetBytes(value.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture))));
        BindPinned(cached.Text);
    }

    /// <summary>
    /// The next parameter from a value known only at run time (an EF property's provider value). Texts are taken as
    /// bound once (<see cref="TextOnce"/>): the rows of an entity are mostly different texts.
    /// </summary>
    public void Value(object? value)
    {
        switch (value)
        {
            case null:
                Null();
                break;
            case int i:
                Bind(i);
                break;
            case long l:
                Bind(l);
                break;
            case bool b:
                Bind(b);
                break;
            case double d:
                Bind(d);
                break;
            case decimal d:
                Bind(d);
                break;
            case string t:
                Bind(t);
                break;
            case DateOnly d:
                Bind(d);
                break;
            case DateTimeOffset t:
                Bind(t);
                break;
            default:
                throw new InvalidOperationException($"no SQLite binding for {value.GetType().Name}");
        }
    }

    // Typed binds of an entity's provider values, one per CLR type (EntityRows finds them by parameter type): stored as
    // EF Core's SQLite provider stores them, texts and decimals in the arena as bound once.
    public void Bind(int value) => Int(value);

    public void Bind(int? value) => Int(value);

    public void Bind(long value) => Long(value);

    public void Bind(long? value)
    {
        if (value is { } v)
            Long(v);
        else
            Null();
    }

    public void Bind(bool value) => Long(value ? 1 : 0);

    public void Bind(bool? value)
    {
        if (value is { } v)
            Bind(v);
        else
            Null();
    }

    public void Bind(double value) => Check(NativeMethods.sqlite3_bind_double(_handle, _next++, value));

    public void Bind(double? value)
    {
        if (value is { } v)
            Bind(v);
        else
            Null();
    }

    public void Bind(decimal value)
    {
        // In the arena, like the texts: no pinned slot per parameter for a statement that binds each once.
        // The invariant format itself: looking it up from the culture on every value showed in a bulk insert's profile.
        if (!value.TryFormat(Room(DecimalWidth), out var written, default, NumberFormatInfo.InvariantInfo))
            throw new InvalidOperationException($"{value} does not fit");
        BindArena(written);
    }

    public void Bind(decimal? value)
    {
        if (value is { } v)
            Bind(v);
        else
            Null();
    }

    public void Bind(string? value) => TextOnce(value);

    public void Bind(DateOnly value) => Day(value);

    public void Bind(DateOnly? value)
    {
        if (value is { } v)
            Day(v);
        else
            Null();
    }

    public void Bind(DateTimeOffset value) => Instant(value);

    public void Bind(DateTimeOffset? value)
    {
        if (value is { } v)
            Instant(v);
        else
            Null();
    }

    private void Null() => Check(NativeMethods.sqlite3_bind_null(_handle, _next++));

    /// <summary>Runs the statement with its bound values and makes it ready for the next set, from parameter 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Step()
    {
        var rc = NativeMethods.sqlite3_step(_handle);
        NativeMethods.sqlite3_reset(_handle);
        _next = 1;
        // The values are in the table now: the arena starts over (every parameter is bound again before the next step).
        _used = 0;
        _full?.Clear();
        if (rc != raw.SQLITE_DONE)
            throw new SqliteException(raw.sqlite3_errmsg(_db).utf8_to_string(), rc);
    }

    public void Dispose()
    {
        // The statement goes before the pinned texts it may still point at (they live as long as this object).
        _statement.Dispose();
        GC.KeepAlive(_texts);
        GC.KeepAlive(_days);
        GC.KeepAlive(_digits);
        GC.KeepAlive(_arena);
    }

    private void BindPinned(Pinned text) =>
        Check(NativeMethods.sqlite3_bind_text(_handle, _next++, text.Address, text.Bytes.Length, Static));

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
            throw new SqliteException(raw.sqlite3_errmsg(_db).utf8_to_string(), rc);
    }

    /// <summary>Bytes on the pinned object heap: their address stays valid for as long as they are referenced.</summary>
    private sealed class Pinned
    {
        public Pinned(byte[] bytes)
        {
            Bytes = GC.AllocateUninitializedArray<byte>(bytes.Length, pinned: true);
            bytes.CopyTo(Bytes, 0);
            Address = Marshal.UnsafeAddrOfPinnedArrayElement(Bytes, 0);
        }

        public byte[] Bytes { get; }
        public IntPtr Address { get; }
    }

    private static class NativeMethods
    {
        // The library SQLitePCL's bundle loads for Microsoft.Data.Sqlite: the same SQLite, the same handles.
        private const string Library = "e_sqlite3";

        // Binds are short and never block or call back: no switch to preemptive mode around them (a bulk write makes
        // millions).
        [DllImport(Library)]
        [SuppressGCTransition]
        internal static extern int sqlite3_bind_int64(IntPtr statement, int index, long value);

        [DllImport(Library)]
        [SuppressGCTransition]
        internal static extern int sqlite3_bind_null(IntPtr statement, int index);

        [DllImport(Library)]
        [SuppressGCTransition]
        internal static extern int sqlite3_bind_text(IntPtr statement, int index, IntPtr text, int bytes, IntPtr destructor);

        [DllImport(Library)]
        [SuppressGCTransition]
        internal static extern int sqlite3_bind_double(IntPtr statement, int index, double value);

        [DllImport(Library)]
        internal static extern int sqlite3_step(IntPtr statement);

        [DllImport(Library)]
        internal static extern int sqlite3_reset(IntPtr statement);
    }
}
