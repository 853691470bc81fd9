using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Pilote.Common;
using Pilote.Measurements;
using SQLitePCL;

namespace Pilote.Data;

/// <summary>
/// New rows of one entity type inserted in bulk, inside the caller's transaction, their generated ids set back on the
/// entities. Table, columns, conversions (enums as text…) and key come from EF Core's model, so the rows are stored as
/// SaveChanges would store them, without the change tracker, which costs more than the inserts themselves on a
/// 100 000-action plan. SQLite: one prepared INSERT stepped per row (<see cref="SqliteStatement"/>), each id read back
/// from the connection; PostgreSQL: the ids taken from the key's sequence, then one INSERT … SELECT over column arrays.
/// Only the entity's own columns are written: callers set the foreign keys of child rows from their parents' new ids.
/// </summary>
public static class EntityRows
{
    public static async Task InsertAsync<T>(PiloteDb db, IReadOnlyList<T> rows, CancellationToken ct) where T : class
    {
        if (rows.Count == 0)
            return;
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not an entity of the model");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var key = entity.FindPrimaryKey()!.Properties.Single();
        var columns = entity.GetProperties().Where(p => p != key).ToList();
        if (columns.FirstOrDefault(p => p.IsShadowProperty()) is { } shadow)
            throw new InvalidOperationException($"{typeof(T).Name}.{shadow.Name} is a shadow property: bulk inserts write the entity's own properties only");
        var values = columns.Select(p => (Get: p.GetGetter(), p.GetTypeMapping().Converter)).ToArray();
        var setKey = key.PropertyInfo ?? throw new InvalidOperationException($"{typeof(T).Name}'s key has no property");
        // As PiloteDb.BumpVersions does for every added row.
        foreach (var row in rows)
            if (row is IVersioned versioned)
                versioned.Version = 1;
        var names = string.Join(", ", columns.Select(p => Quote(p.GetColumnName(table)!)));
        var target = (table.Schema is { } schema ? Quote(schema) + "." : "") + Quote(table.Name);

        object? Provider(int column, T row)
        {
            var (get, converter) = values[column];
            var value = get.GetClrValue(row);
            return value is null || converter is null ? value : converter.ConvertToProvider(value);
        }

        var connection = db.Database.GetDbConnection();
        if (connection is NpgsqlConnection pg)
        {
            var transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
            var ids = new List<int>(rows.Count);
            await using (var next = pg.CreateCommand())
            {
                next.Transaction = transaction;
                next.CommandText = "SELECT nextval(pg_get_serial_sequence(@t, @c))::int FROM generate_series(1, @n)";
                next.Parameters.AddWithValue("t", target);
                next.Parameters.AddWithValue("c", key.GetColumnName(table)!);
                next.Parameters.AddWithValue("n", rows.Count);
                await using var reader = await next.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                    ids.Add(reader.GetInt32(0));
            }
            await using var insert = pg.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandTimeout = 0;
            insert.CommandText = $"INSERT INTO {target} ({Quote(key.GetColumnName(table)!)}, {names}) SELECT * FROM unnest(@k, "
                + string.Join(", ", columns.Select((_, c) => $"@c{c}")) + ")";
            insert.Parameters.AddWithValue("k", ids.ToArray());
            for (var c = 0; c < columns.Count; c++)
            {
                var type = values[c].Converter?.ProviderClrType ?? columns[c].ClrType;
                type = Nullable.GetUnderlyingType(type) ?? type;
                // Value types go in arrays of their nullable form: a null is a null, not a default value.
                var array = Array.CreateInstance(type.IsValueType ? typeof(Nullable<>).MakeGenericType(type) : type, rows.Count);
                for (var r = 0; r < rows.Count; r++)
                    array.SetValue(Provider(c, rows[r]), r);
                insert.Parameters.Add(new NpgsqlParameter($"c{c}", array));
            }
            await insert.ExecuteNonQueryAsync(ct);
            for (var r = 0; r < rows.Count; r++)
                setKey.SetValue(rows[r], ids[r]);
            return;
        }

        var sqlite = (SqliteConnection)connection;
        var placeholders = string.Join(", ", columns.Select((_, c) => $"?{c + 1}"));
        using var statement = new SqliteStatement(sqlite, $"INSERT INTO {target} ({names}) VALUES ({placeholders})");
        for (var r = 0; r < rows.Count; r++)
        {
            if ((r & 0xFFF) == 0)
                ct.ThrowIfCancellationRequested();
            for (var c = 0; c < columns.Count; c++)
                statement.Value(Provider(c, rows[r]));
            statement.Step();
            setKey.SetValue(rows[r], Convert.ChangeType(raw.sqlite3_last_insert_rowid(sqlite.Handle), setKey.PropertyType, CultureInfo.InvariantCulture));
        }
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
