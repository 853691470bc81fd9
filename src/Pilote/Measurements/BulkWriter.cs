using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Pilote.Data;

namespace Pilote.Measurements;

/// <summary>
/// Writes many rows inside the caller's transaction: binary COPY on PostgreSQL, a prepared multi-row INSERT on SQLite.
/// EF's change tracker would cost more than the file's parsing.
/// </summary>
public static class BulkWriter
{
    // Microsoft.Data.Sqlite binds parameters by name, and SQLite finds a name by walking the statement's list: a
    // statement of n parameters costs n² to bind. Sixteen rows (128 parameters) keep that small and the round trips few.
    private const int RowsPerInsert = 16;

    private static readonly string[] MeasurementColumns = ["ActionId", "Metric", "PeriodStart", "PeriodEnd", "Value", "Source", "BatchId", "RecordedAt"];
    private static readonly NpgsqlDbType[] MeasurementTypes =
        [NpgsqlDbType.Integer, NpgsqlDbType.Varchar, NpgsqlDbType.Date, NpgsqlDbType.Date, NpgsqlDbType.Numeric, NpgsqlDbType.Varchar, NpgsqlDbType.Integer, NpgsqlDbType.TimestampTz];

    private static readonly string[] UnmatchedColumns = ["BatchId", "Row", "Rows", "Key", "ChannelGroup", "Metric", "PeriodStart", "PeriodEnd", "Value"];
    private static readonly NpgsqlDbType[] UnmatchedTypes =
        [NpgsqlDbType.Integer, NpgsqlDbType.Integer, NpgsqlDbType.Integer, NpgsqlDbType.Varchar, NpgsqlDbType.Varchar, NpgsqlDbType.Varchar, NpgsqlDbType.Date, NpgsqlDbType.Date, NpgsqlDbType.Numeric];

    public static Task WriteAsync(PiloteDb db, IReadOnlyList<Measurement> rows, CancellationToken ct) =>
        WriteAsync(db, "measurements", MeasurementColumns, MeasurementTypes, rows, (m, v) =>
        {
            v[0] = m.ActionId;
            v[1] = m.Metric;
            v[2] = m.PeriodStart;
            v[3] = m.PeriodEnd;
            v[4] = m.Value;
            v[5] = m.Source;
            v[6] = m.BatchId;
            v[7] = m.RecordedAt;
        }, ct);

    /// <summary>The sums no action took, kept for <c>measures assign</c>.</summary>
    public static Task WriteUnmatchedAsync(PiloteDb db, int batchId, IReadOnlyList<ImportAggregator.Pending> rows, CancellationToken ct) =>
        WriteAsync(db, "unmatched_measurements", UnmatchedColumns, UnmatchedTypes, rows, (u, v) =>
        {
            v[0] = batchId;
            v[1] = u.Row;
            v[2] = u.Rows;
            v[3] = u.Key;
            v[4] = u.ChannelGroup;
            v[5] = u.Metric;
            v[6] = u.Start;
            v[7] = u.End;
            v[8] = u.Value;
        }, ct);

    private static async Task WriteAsync<T>(PiloteDb db, string table, string[] columns, NpgsqlDbType[] types, IReadOnlyList<T> rows,
        Action<T, object?[]> fill, CancellationToken ct)
    {
        if (rows.Count == 0)
            return;
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var names = string.Join(", ", columns.Select(c => $"\"{c}\""));
        var values = new object?[columns.Length];
        if (connection is NpgsqlConnection pg)
        {
            await using var copy = await pg.BeginBinaryImportAsync($"COPY {table} ({names}) FROM STDIN (FORMAT BINARY)", ct);
            foreach (var row in rows)
            {
                fill(row, values);
                await copy.StartRowAsync(ct);
                for (var c = 0; c < values.Length; c++)
                    await (values[c] switch
                    {
                        null => copy.WriteNullAsync(ct),
                        int i => copy.WriteAsync(i, types[c], ct),
                        string t => copy.WriteAsync(t, types[c], ct),
                        decimal d => copy.WriteAsync(d, types[c], ct),
                        DateOnly d => copy.WriteAsync(d, types[c], ct),
                        DateTimeOffset t => copy.WriteAsync(t, types[c], ct),
                        var other => throw new InvalidOperationException($"no COPY for {other.GetType().Name}"),
                    });
            }
            await copy.CompleteAsync(ct);
            return;
        }
        // A bigger page cache for the bulk write (32 MB; SQLite's default is 2 MB): the indexes' pages stay in memory.
        await using (var pragma = connection.CreateCommand())
        {
            pragma.Transaction = transaction;
            pragma.CommandText = "PRAGMA cache_size = -32768";
            await pragma.ExecuteNonQueryAsync(ct);
        }
        DbCommand? full = null;
        var texts = new Dictionary<object, string>();
        try
        {
            for (var offset = 0; offset < rows.Count; offset += RowsPerInsert)
            {
                var count = Math.Min(RowsPerInsert, rows.Count - offset);
                var command = count == RowsPerInsert
                    ? full ??= await PrepareAsync(connection, transaction, table, names, columns.Length, count, ct)
                    : await PrepareAsync(connection, transaction, table, names, columns.Length, count, ct);
                for (var i = 0; i < count; i++)
                {
                    fill(rows[offset + i], values);
                    var b = i * columns.Length;
                    for (var c = 0; c < values.Length; c++)
                        command.Parameters[b + c].Value = Sqlite(values[c], texts);
                }
                await command.ExecuteNonQueryAsync(ct);
                if (!ReferenceEquals(command, full))
                    await command.DisposeAsync();
            }
        }
        finally
        {
            if (full is not null)
                await full.DisposeAsync();
        }
    }

    // As EF's SQLite provider stores them: decimals as invariant TEXT, days as yyyy-MM-dd, instants with their offset.
    // An import's rows share one instant and a few hundred days: their text is made once.
    private static object Sqlite(object? value, Dictionary<object, string> texts) => value switch
    {
        null => DBNull.Value,
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        DateOnly d => texts.TryGetValue(d, out var day) ? day : texts[d] = d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset t => texts.TryGetValue(t, out var at) ? at : texts[t] = t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture),
        _ => value,
    };

    private static async Task<DbCommand> PrepareAsync(DbConnection connection, DbTransaction? transaction, string table, string names, int width, int count,
        CancellationToken ct)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var rows = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var parameters = Enumerable.Range(i * width, width).Select(n => $"$p{n}").ToArray();
            rows.Add($"({string.Join(", ", parameters)})");
            foreach (var name in parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                command.Parameters.Add(parameter);
            }
        }
        command.CommandText = $"INSERT INTO {table} ({names}) VALUES {string.Join(", ", rows)}";
        await command.PrepareAsync(ct);
        return command;
    }
}
