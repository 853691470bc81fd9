using System.Collections.Concurrent;
using System.Data.Common;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Pilote.Data;

/// <summary>
/// The rows of one entity type whose column equals a value, read with one plain SELECT on the context's connection and
/// materialized from EF Core's model (columns, conversions), untracked: the mirror of <see cref="EntityRows"/> for the
/// bulk paths. EF Core's first LINQ query in a process compiles its query pipeline; a 100 000-action import that only
/// needs its workspace and catalogs grew by 13,6 MiB at that first query (benchmarks/README.md, excel).
/// </summary>
public static class EntityReads
{
    /// <summary>Rows of <typeparamref name="T"/> where <paramref name="property"/> equals <paramref name="value"/>, by key.</summary>
    public static async Task<List<T>> WhereAsync<T>(PiloteDb db, string property, object value, CancellationToken ct) where T : class
    {
        var shape = (Shape<T>)Shapes.GetOrAdd((db.Model, typeof(T)), k => new Shape<T>(k.Model.FindEntityType(typeof(T))!));
        var column = shape.Column(property);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var cmd = db.Database.GetDbConnection().CreateCommand();
            cmd.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            cmd.CommandText = $"SELECT {shape.Names} FROM {shape.Table} WHERE {EntityRows.Quote(column.Name)} = @v ORDER BY {shape.Key}";
            var parameter = cmd.CreateParameter();
            parameter.ParameterName = "v";
            parameter.Value = column.Converter is { } converter ? converter.ConvertToProvider(value) : value;
            cmd.Parameters.Add(parameter);
            var rows = new List<T>();
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                rows.Add(shape.Read(reader));
            return rows;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static readonly ConcurrentDictionary<(IModel Model, Type Type), object> Shapes = new();

    private sealed record ColumnOf(string Name, IProperty Property, ValueConverter? Converter, Type ProviderType);

    private sealed class Shape<T> where T : class
    {
        private readonly ColumnOf[] _columns;

        public Shape(IEntityType entity)
        {
            (var table, Table) = EntityRows.TableOf(entity);
            Key = EntityRows.Quote(entity.FindPrimaryKey()!.Properties.Single().GetColumnName(table)!);
            _columns = [.. entity.GetProperties().Where(p => !p.IsShadowProperty()).Select(p =>
            {
                var converter = p.GetTypeMapping().Converter;
                var provider = converter?.ProviderClrType ?? p.ClrType;
                return new ColumnOf(p.GetColumnName(table)!, p, converter, Nullable.GetUnderlyingType(provider) ?? provider);
            })];
            Names = string.Join(", ", _columns.Select(c => EntityRows.Quote(c.Name)));
        }

        public string Table { get; }
        public string Key { get; }
        public string Names { get; }

        public ColumnOf Column(string property) => _columns.FirstOrDefault(c => c.Property.Name == property)
            ?? throw new InvalidOperationException($"{typeof(T).Name}.{property} is not a mapped property");

        public T Read(DbDataReader reader)
        {
            // Required members are a compile-time rule for code that makes entities; the row is filled from every column below.
            var row = Activator.CreateInstance<T>();
            for (var i = 0; i < _columns.Length; i++)
            {
                if (reader.IsDBNull(i))
                    continue;
                var c = _columns[i];
                var value = Value(reader, i, c.ProviderType);
                if (c.Converter is { } converter)
                    value = converter.ConvertFromProvider(value);
                if (c.Property.PropertyInfo is { } info)
                    info.SetValue(row, value);
                else
                    c.Property.FieldInfo!.SetValue(row, value);
            }
            return row;
        }
    }

    // The reader's typed getters: SQLite keeps decimals, dates and offsets as text, and its reader converts them back.
    private static object Value(DbDataReader reader, int i, Type type) =>
        type == typeof(int) ? reader.GetInt32(i)
        : type == typeof(long) ? reader.GetInt64(i)
        : type == typeof(string) ? reader.GetString(i)
        : type == typeof(bool) ? reader.GetBoolean(i)
        : type == typeof(decimal) ? reader.GetDecimal(i)
        : type == typeof(double) ? reader.GetDouble(i)
        : type == typeof(DateOnly) ? reader.GetFieldValue<DateOnly>(i)
        : type == typeof(DateTimeOffset) ? reader.GetFieldValue<DateTimeOffset>(i)
        : type == typeof(DateTime) ? reader.GetDateTime(i)
        : type == typeof(Guid) ? reader.GetGuid(i)
        : type == typeof(byte[]) ? reader.GetFieldValue<byte[]>(i)
        : throw new NotSupportedException($"column type {type.Name}");
}
