using System.Collections.Concurrent;
using System.Globalization;
using System.Linq.Expressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Pilote.Common;
using Pilote.Measurements;

namespace Pilote.Data;

/// <summary>
/// New rows of one entity type inserted in bulk, inside the caller's transaction, their generated ids set back on the
/// entities. Table, columns, conversions (enums as text…) and key come from EF Core's model, so the rows are stored as
/// SaveChanges would store them, without the change tracker, which costs more than the inserts themselves on a
/// 100 000-action plan. SQLite: prepared INSERTs of 100 rows each (<see cref="SqliteStatement"/>) with the ids given;
/// PostgreSQL: the ids taken from the key's sequence, then one INSERT … SELECT over column arrays.
/// Only the entity's own columns are written: callers set the foreign keys of child rows from their parents' new ids.
/// </summary>
public static class EntityRows
{
    private const int PerStatement = 100;

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

        // Rows go in 100 to a statement, with their ids given: the statement's own cost (and AUTOINCREMENT's update of
        // sqlite_sequence, once per statement) is paid once per hundred rows. The ids follow the largest the table ever
        // gave; the caller's transaction has written already, so no other writer can take them meanwhile (and the primary
        // key would refuse a clash rather than store it).
        var sqlite = (SqliteConnection)connection;
        var keyColumn = Quote(key.GetColumnName(table)!);
        long first;
        using (var max = sqlite.CreateCommand())
        {
            max.Transaction = (SqliteTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
            max.CommandText = $"SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = $t), 0), coalesce((SELECT max({keyColumn}) FROM {target}), 0))";
            max.Parameters.AddWithValue("$t", table.Name);
            first = Convert.ToInt64(max.ExecuteScalar(), CultureInfo.InvariantCulture) + 1;
        }
        var tuple = "(" + string.Join(", ", Enumerable.Repeat("?", columns.Count + 1)) + ")";
        string Sql(int count) => $"INSERT INTO {target} ({keyColumn}, {names}) VALUES " + string.Join(", ", Enumerable.Repeat(tuple, count));
        var binders = (Action<SqliteStatement, T>[])Binders.GetOrAdd(entity, _ => columns.Select(Binder<T>).ToArray());
        var perStatement = Math.Min(PerStatement, rows.Count);
        using var full = new SqliteStatement(sqlite, Sql(perStatement));
        SqliteStatement? rest = null;
        try
        {
            for (var start = 0; start < rows.Count; start += perStatement)
            {
                ct.ThrowIfCancellationRequested();
                var count = Math.Min(perStatement, rows.Count - start);
                var statement = count == perStatement ? full : rest ??= new SqliteStatement(sqlite, Sql(count));
                for (var r = start; r < start + count; r++)
                {
                    statement.Long(first + r);
                    var row = rows[r];
                    foreach (var bind in binders)
                        bind(statement, row);
                }
                statement.Step();
            }
        }
        finally
        {
            rest?.Dispose();
        }
        if (setKey.PropertyType == typeof(int) && setKey.SetMethod is { } setter)
        {
            // Every key of the model is an int: a delegate, not a reflection call per row.
            var set = setter.CreateDelegate<Action<T, int>>();
            for (var r = 0; r < rows.Count; r++)
                set(rows[r], checked((int)(first + r)));
        }
        else
            for (var r = 0; r < rows.Count; r++)
                setKey.SetValue(rows[r], Convert.ChangeType(first + r, setKey.PropertyType, CultureInfo.InvariantCulture));
    }

    // Per entity type of a model (the SQLite one): its columns' binders, in the order of its columns.
    private static readonly ConcurrentDictionary<IEntityType, object> Binders = new();

    /// <summary>
    /// Reads one column of a row and binds it to the next parameter with the bind of its provider type, compiled once:
    /// EF Core's getter and value converter box every value, a third of a 100 000-action plan's insert. A type with no
    /// typed bind goes through <see cref="SqliteStatement.Value"/>.
    /// </summary>
    private static Action<SqliteStatement, T> Binder<T>(IProperty property)
    {
        var row = Expression.Parameter(typeof(T), "row");
        var statement = Expression.Parameter(typeof(SqliteStatement), "statement");
        Expression value = property.PropertyInfo is { } info ? Expression.Property(row, info) : Expression.Field(row, property.FieldInfo!);
        if (property.GetTypeMapping().Converter is { } converter)
            value = ToProvider(value, converter.ConvertToProviderExpression);
        var bind = typeof(SqliteStatement).GetMethod(nameof(SqliteStatement.Bind), [value.Type]);
        var call = bind is not null
            ? Expression.Call(statement, bind, value)
            : Expression.Call(statement, nameof(SqliteStatement.Value), null, Expression.Convert(value, typeof(object)));
        return Expression.Lambda<Action<SqliteStatement, T>>(call, statement, row).Compile();
    }

    // A converter's expression applied as EF applies it: never to a null, which stays null.
    private static Expression ToProvider(Expression value, LambdaExpression convert)
    {
        var input = convert.Parameters[0].Type;
        var output = convert.ReturnType;
        var nullable = output.IsValueType ? typeof(Nullable<>).MakeGenericType(output) : output;
        if (Nullable.GetUnderlyingType(value.Type) is not null)
            return Expression.Condition(Expression.Property(value, "HasValue"),
                Expression.Convert(Expression.Invoke(convert, Expression.Convert(Expression.Property(value, "Value"), input)), nullable),
                Expression.Default(nullable));
        if (!value.Type.IsValueType)
            return Expression.Condition(Expression.Equal(value, Expression.Constant(null, value.Type)),
                Expression.Default(nullable), Expression.Convert(Expression.Invoke(convert, Expression.Convert(value, input)), nullable));
        return Expression.Invoke(convert, Expression.Convert(value, input));
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
