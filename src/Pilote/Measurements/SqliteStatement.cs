using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Pilote.Measurements;

/// <summary>
/// One prepared statement on SQLite's own handle, bound by position and stepped once per row. Microsoft.Data.Sqlite
/// looks each parameter up by name and converts it on every execution, which cost more than SQLite's insert itself
/// on a bulk write. Runs in the connection's current transaction (SQLite has one per connection). Values are stored as
/// EF Core's SQLite provider stores them: days as yyyy-MM-dd, decimals and instants as invariant text.
/// </summary>
public sealed class SqliteStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    // An import's rows repeat a few metrics, one source, one instant and a few hundred days: each is encoded once.
    private readonly Dictionary<object, byte[]> _texts = [];

    public SqliteStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("the SQLite connection is not open");
        Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
    }

    public void Bind(int index, object? value)
    {
        switch (value)
        {
            case null:
                Check(raw.sqlite3_bind_null(_statement, index));
                break;
            case int i:
                Check(raw.sqlite3_bind_int64(_statement, index, i));
                break;
            case long l:
                Check(raw.sqlite3_bind_int64(_statement, index, l));
                break;
            case decimal d:
                Span<byte> digits = stackalloc byte[64];
                if (!d.TryFormat(digits, out var written, default, CultureInfo.InvariantCulture))
                    throw new InvalidOperationException($"{d} does not fit");
                Check(raw.sqlite3_bind_text(_statement, index, digits[..written]));
                break;
            case string or DateOnly or DateTimeOffset:
                Check(raw.sqlite3_bind_text(_statement, index, Text(value)));
                break;
            default:
                throw new InvalidOperationException($"no SQLite binding for {value.GetType().Name}");
        }
    }

    /// <summary>Runs the statement with its bound values and makes it ready for the next row.</summary>
    public void Step()
    {
        var rc = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        if (rc != raw.SQLITE_DONE)
            throw new SqliteException(raw.sqlite3_errmsg(_db).utf8_to_string(), rc);
    }

    public void Dispose() => _statement.Dispose();

    private byte[] Text(object value)
    {
        if (_texts.TryGetValue(value, out var bytes))
            return bytes;
        var text = value switch
        {
            DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateTimeOffset t => t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture),
            _ => (string)value,
        };
        bytes = Encoding.UTF8.GetBytes(text);
        // Keys and campaign names vary without bound: only the few repeated values are worth keeping.
        if (value is not string || _texts.Count < 4_096)
            _texts[value] = bytes;
        return bytes;
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
            throw new SqliteException(raw.sqlite3_errmsg(_db).utf8_to_string(), rc);
    }
}
