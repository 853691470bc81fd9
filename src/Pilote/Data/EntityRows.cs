using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;
using Pilote.Common;
using Pilote.Measurements;

namespace Pilote.Data;

/// <summary>
/// New rows of entities inserted in bulk, batch after batch, inside the caller's transaction, their generated ids set back
/// on the entities; an instance keeps each entity type's statements for the batches of one import. Table, columns,
/// conversions (enums as text…) and key come from EF Core's model, so the rows are stored as SaveChanges would store
/// them, without the change tracker, which costs more than the inserts themselves on a 100 000-action plan. SQLite:
/// prepared INSERTs of 100 rows each (<see cref="SqliteStatement"/>) with the ids given; PostgreSQL: the ids taken from
/// the key's sequence, then one INSERT … SELECT over column arrays. Only the entity's own columns are written: callers
/// set the foreign keys of child rows from their parents' new ids.
/// </summary>
public sealed class EntityRows(PiloteDb db) : IDisposable
{
    private const int PerStatement = 100;

    // Per entity type: its columns, binders and prepared statements, kept from one batch to the next.
    private readonly Dictionary<Type, IDisposable> _tables = [];

    /// <summary>One batch of rows, with statements prepared for it alone.</summary>
    public static async Task InsertAsync<T>(PiloteDb db, IReadOnlyList<T> rows, CancellationToken ct) where T : class
    {
        using var inserts = new EntityRows(db);
        await inserts.InsertAsync(rows, ct);
    }

    /// <summary>
    /// Some columns of one stored row, by its key, inside the caller's transaction: what <c>ExecuteUpdate</c> does, without
    /// compiling EF Core's query pipeline for a bulk path that runs no other LINQ query.
    /// </summary>
    public static async Task UpdateAsync<T>(PiloteDb db, T row, IReadOnlyList<string> properties, CancellationToken ct) where T : class
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not an entity of the model");
        var (table, target) = TableOf(entity);
        var key = entity.FindPrimaryKey()!.Properties.Single();
        await using var cmd = db.Database.GetDbConnection().CreateCommand();
        cmd.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var sets = new List<string>(properties.Count);
        void Bind(IProperty property, string name)
        {
            var value = property.GetGetter().GetClrValue(row);
            var parameter = cmd.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value is null ? DBNull.Value : property.GetTypeMapping().Converter is { } converter ? converter.ConvertToProvider(value) : value;
            cmd.Parameters.Add(parameter);
        }
        for (var i = 0; i < properties.Count; i++)
        {
            var property = entity.FindProperty(properties[i]) ?? throw new InvalidOperationException($"{typeof(T).Name}.{properties[i]} is not mapped");
            sets.Add($"{Quote(property.GetColumnName(table)!)} = @p{i}");
            Bind(property, $"p{i}");
        }
        Bind(key, "k");
        cmd.CommandText = $"UPDATE {target} SET {string.Join(", ", sets)} WHERE {Quote(key.GetColumnName(table)!)} = @k";
        // Opened here when the caller has no transaction (EF Core counts the opens: a connection it holds stays open).
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            if (await cmd.ExecuteNonQueryAsync(ct) != 1)
                throw new InvalidOperationException($"{typeof(T).Name} #{key.GetGetter().GetClrValue(row)} was not found to update");
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// A batch of rows; the statements stay prepared for the next batch of the same type (a 100 000-row import makes
    /// hundreds of batches of each type, and preparing a 100-row INSERT for each cost a tenth of its binding).
    /// </summary>
    public async Task InsertAsync<T>(IReadOnlyList<T> rows, CancellationToken ct) where T : class
    {
        if (rows.Count == 0)
            return;
        if (!_tables.TryGetValue(typeof(T), out var table))
            _tables[typeof(T)] = table = new Table<T>(db);
        await ((Table<T>)table).InsertAsync(rows, ct);
    }

    public void Dispose()
    {
        foreach (var table in _tables.Values)
            table.Dispose();
        _tables.Clear();
    }

    private sealed class Table<T> : IDisposable where T : class
    {
        private readonly PiloteDb _db;
        private readonly IProperty _key;
        private readonly List<IProperty> _columns;
        private readonly (IClrPropertyGetter Get, ValueConverter? Converter)[] _values;
        private readonly PropertyInfo _setKey;
        private readonly Action<T, int>? _setIntKey;
        private readonly StoreObjectIdentifier _table;
        private readonly string _target, _names;
        private SqliteStatement? _full;
        private long? _next;

        public Table(PiloteDb db)
        {
            _db = db;
            var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not an entity of the model");
            (_table, _target) = TableOf(entity);
            _key = entity.FindPrimaryKey()!.Properties.Single();
            _columns = entity.GetProperties().Where(p => p != _key).ToList();
            if (_columns.FirstOrDefault(p => p.IsShadowProperty()) is { } shadow)
                throw new InvalidOperationException($"{typeof(T).Name}.{shadow.Name} is a shadow property: bulk inserts write the entity's own properties only");
            _values = _columns.Select(p => (p.GetGetter(), p.GetTypeMapping().Converter)).ToArray();
            _setKey = _key.PropertyInfo ?? throw new InvalidOperationException($"{typeof(T).Name}'s key has no property");
            // Every key of the model is an int: a delegate, not a reflection call per row.
            if (_setKey.PropertyType == typeof(int) && _setKey.SetMethod is { } setter)
                _setIntKey = setter.CreateDelegate<Action<T, int>>();
            _names = string.Join(", ", _columns.Select(p => Quote(p.GetColumnName(_table)!)));
        }

        private object? Provider(int column, T row)
        {
            var (get, converter) = _values[column];
            var value = get.GetClrValue(row);
            return value is null || converter is null ? value : converter.ConvertToProvider(value);
        }

        public async Task InsertAsync(IReadOnlyList<T> rows, CancellationToken ct)
        {
            // As PiloteDb.BumpVersions does for every added row.
            foreach (var row in rows)
                if (row is IVersioned versioned)
                    versioned.Version = 1;
            var connection = _db.Database.GetDbConnection();
            if (connection is SqliteConnection sqlite)
                Sqlite(sqlite, rows, ct);
            else
                await PostgresAsync(connection, rows, ct);
        }

        // Takes the connection as DbConnection: naming Npgsql's types in InsertAsync would load Npgsql whenever it is compiled.
        // Never inlined: the optimizing JIT, recompiling a hot InsertAsync, looked into this method's state machine and
        // loaded Npgsql (0,9 MiB) in the middle of an import into SQLite.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private async Task PostgresAsync(DbConnection connection, IReadOnlyList<T> rows, CancellationToken ct)
        {
            var pg = (NpgsqlConnection)connection;
            var transaction = (NpgsqlTransaction?)_db.Database.CurrentTransaction?.GetDbTransaction();
            var ids = new List<int>(rows.Count);
            await using (var next = pg.CreateCommand())
            {
                next.Transaction = transaction;
                next.CommandText = "SELECT nextval(pg_get_serial_sequence(@t, @c))::int FROM generate_series(1, @n)";
                next.Parameters.AddWithValue("t", _target);
                next.Parameters.AddWithValue("c", _key.GetColumnName(_table)!);
                next.Parameters.AddWithValue("n", rows.Count);
                await using var reader = await next.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                    ids.Add(reader.GetInt32(0));
            }
            await using var insert = pg.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandTimeout = 0;
            insert.CommandText = $"INSERT INTO {_target} ({Quote(_key.GetColumnName(_table)!)}, {_names}) SELECT * FROM unnest(@k, "
                + string.Join(", ", _columns.Select((_, c) => $"@c{c}")) + ")";
            insert.Parameters.AddWithValue("k", ids.ToArray());
            for (var c = 0; c < _columns.Count; c++)
            {
                var type = _values[c].Converter?.ProviderClrType ?? _columns[c].ClrType;
                type = Nullable.GetUnderlyingType(type) ?? type;
                // Value types go in arrays of their nullable form: a null is a null, not a default value.
                var array = Array.CreateInstance(type.IsValueType ? typeof(Nullable<>).MakeGenericType(type) : type, rows.Count);
                for (var r = 0; r < rows.Count; r++)
                    array.SetValue(Provider(c, rows[r]), r);
                insert.Parameters.Add(new NpgsqlParameter($"c{c}", array));
            }
            await insert.ExecuteNonQueryAsync(ct);
            SetKeys(rows, r => ids[r]);
        }

        // Rows go in 100 to a statement, with their ids given: the statement's own cost (and AUTOINCREMENT's update of
        // sqlite_sequence, once per statement) is paid once per hundred rows. The ids follow the largest the table ever
        // gave; the caller's transaction has written already, so no other writer can take them meanwhile (and the primary
        // key would refuse a clash rather than store it).
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Sqlite(SqliteConnection sqlite, IReadOnlyList<T> rows, CancellationToken ct)
        {
            var keyColumn = Quote(_key.GetColumnName(_table)!);
            // The first batch asks the table; later ones follow on, as this object is how the rows of its type go in.
            if (_next is not { } first)
            {
                using var max = sqlite.CreateCommand();
                max.Transaction = (SqliteTransaction?)_db.Database.CurrentTransaction?.GetDbTransaction();
                max.CommandText = $"SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = $t), 0), coalesce((SELECT max({keyColumn}) FROM {_target}), 0))";
                max.Parameters.AddWithValue("$t", _table.Name);
                first = Convert.ToInt64(max.ExecuteScalar(), CultureInfo.InvariantCulture) + 1;
            }
            _next = first + rows.Count;
            var tuple = "(" + string.Join(", ", Enumerable.Repeat("?", _columns.Count + 1)) + ")";
            string Sql(int count) => $"INSERT INTO {_target} ({keyColumn}, {_names}) VALUES " + string.Join(", ", Enumerable.Repeat(tuple, count));
            var bind = (Action<SqliteStatement, T>)Binders.GetOrAdd(_db.Model.FindEntityType(typeof(T))!, _ => Binder<T>(_columns));
            SqliteStatement? rest = null;
            try
            {
                for (var start = 0; start < rows.Count; start += PerStatement)
                {
                    ct.ThrowIfCancellationRequested();
                    var count = Math.Min(PerStatement, rows.Count - start);
                    var statement = count == PerStatement ? _full ??= new SqliteStatement(sqlite, Sql(count)) : rest ??= new SqliteStatement(sqlite, Sql(count));
                    for (var r = start; r < start + count; r++)
                    {
                        statement.Long(first + r);
                        bind(statement, rows[r]);
                    }
                    statement.Step();
                }
            }
            finally
            {
                rest?.Dispose();
            }
            SetKeys(rows, r => checked((int)(first + r)));
        }

        private void SetKeys(IReadOnlyList<T> rows, Func<int, int> id)
        {
            if (_setIntKey is { } set)
                for (var r = 0; r < rows.Count; r++)
                    set(rows[r], id(r));
            else
                for (var r = 0; r < rows.Count; r++)
                    _setKey.SetValue(rows[r], Convert.ChangeType(id(r), _setKey.PropertyType, CultureInfo.InvariantCulture));
        }

        public void Dispose()
        {
            _full?.Dispose();
        }
    }

    // Per entity type of a model (the SQLite one): the binder of its columns, in their order.
    private static readonly ConcurrentDictionary<IEntityType, object> Binders = new();

    /// <summary>
    /// Reads each column of a row and binds it to the next parameter with the bind of its provider type, in one delegate
    /// compiled once per entity type: EF Core's getter and value converter box every value, a third of a 100 000-action
    /// plan's insert. A type with no typed bind goes through <see cref="SqliteStatement.Value"/>.
    /// </summary>
    private static Action<SqliteStatement, T> Binder<T>(IReadOnlyList<IProperty> columns)
    {
        var row = Expression.Parameter(typeof(T), "row");
        var statement = Expression.Parameter(typeof(SqliteStatement), "statement");
        var calls = new List<Expression>(columns.Count);
        foreach (var property in columns)
        {
            Expression value = property.PropertyInfo is { } info ? Expression.Property(row, info) : Expression.Field(row, property.FieldInfo!);
            if (property.GetTypeMapping().Converter is { } converter)
                value = ToProvider(value, converter.GetType() is { IsGenericType: true } type && type.GetGenericTypeDefinition() == typeof(EnumToStringConverter<>)
                    ? EnumText(type.GetGenericArguments()[0])
                    : converter.ConvertToProviderExpression);
            var bind = typeof(SqliteStatement).GetMethod(nameof(SqliteStatement.Bind), [value.Type]);
            calls.Add(bind is not null
                ? Expression.Call(statement, bind, value)
                : Expression.Call(statement, nameof(SqliteStatement.Value), null, Expression.Convert(value, typeof(object))));
        }
        return Expression.Lambda<Action<SqliteStatement, T>>(Expression.Block(calls), statement, row).Compile();
    }

    // EF Core's enum-to-string conversion (Enum.ToString) as a look-up of the same names.
    private static LambdaExpression EnumText(Type enumType)
    {
        var value = Expression.Parameter(enumType, "value");
        return Expression.Lambda(Expression.Call(typeof(EnumNames<>).MakeGenericType(enumType), nameof(EnumNames<>.Of), null, value), value);
    }

    /// <summary>
    /// The text EF Core stores for each value of an enum, found instead of formatted: <see cref="Enum.ToString()"/> boxes the
    /// value and searches the names, on each of the million enum columns a 100 000-action import writes. A value without
    /// a name (never written by Pilote) is formatted as EF Core would.
    /// </summary>
    private static class EnumNames<TEnum> where TEnum : struct, Enum
    {
        private static readonly Dictionary<TEnum, string> Names = Enum.GetValues<TEnum>().Distinct().ToDictionary(v => v, v => v.ToString());

        public static string Of(TEnum value) => Names.TryGetValue(value, out var name) ? name : value.ToString();
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

    /// <summary>An entity's table and its name as SQL (schema first when there is one), for the plain statements here and in <see cref="EntityReads"/>.</summary>
    internal static (StoreObjectIdentifier Table, string Sql) TableOf(IEntityType entity)
    {
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        return (table, (table.Schema is { } schema ? Quote(schema) + "." : "") + Quote(table.Name));
    }

    /// <summary>An identifier quoted as both SQLite and PostgreSQL read it.</summary>
    internal static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
