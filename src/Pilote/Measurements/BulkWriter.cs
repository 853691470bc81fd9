using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Pilote.Data;

namespace Pilote.Measurements;

/// <summary>
/// Writes many rows inside the caller's transaction: binary COPY on PostgreSQL, one prepared INSERT stepped per row on SQLite.
/// EF's change tracker would cost more than the file's parsing.
/// </summary>
public static class BulkWriter
{
    private static readonly string[] MeasurementColumns = ["ActionId", "Metric", "PeriodStart", "PeriodEnd", "Value", "Source", "BatchId", "RecordedAt"];
    private static readonly NpgsqlDbType[] MeasurementTypes =
        [NpgsqlDbType.Integer, NpgsqlDbType.Varchar, NpgsqlDbType.Date, NpgsqlDbType.Date, NpgsqlDbType.Numeric, NpgsqlDbType.Varchar, NpgsqlDbType.Integer, NpgsqlDbType.TimestampTz];

    private static readonly string[] UnmatchedColumns = ["BatchId", "Row", "Rows", "Key", "ChannelGroup", "Metric", "PeriodStart", "PeriodEnd", "Value"];
    private static readonly NpgsqlDbType[] UnmatchedTypes =
        [NpgsqlDbType.Integer, NpgsqlDbType.Integer, NpgsqlDbType.Integer, NpgsqlDbType.Varchar, NpgsqlDbType.Varchar, NpgsqlDbType.Varchar, NpgsqlDbType.Date, NpgsqlDbType.Date, NpgsqlDbType.Numeric];

    /// <summary>Measurements that share their source, batch and instant: an import's sums, a push's values.</summary>
    public static Task WriteAsync(PiloteDb db, IReadOnlyList<MeasurementRow> rows, string source, int? batchId, DateTimeOffset at, CancellationToken ct) =>
        WriteAsync(db, "measurements", MeasurementColumns, MeasurementTypes, rows, (m, v) =>
        {
            v[0] = m.ActionId;
            v[1] = m.Metric;
            v[2] = m.Start;
            v[3] = m.End;
            v[4] = m.Value;
            v[5] = source;
            v[6] = batchId;
            v[7] = at;
        }, ct);

    private static readonly string[] TotalColumns = ["ActionId", "Metric", "PeriodStart", "PeriodEnd", "Micros", "Points"];
    private static readonly string[] MonthColumns = ["ActionId", "Month", "Metric", "Micros", "Points"];

    /// <summary>A new batch's rows added to the daily and period totals, one point each (an upsert: other batches may hold the same keys).</summary>
    public static Task AddTotalsAsync(PiloteDb db, IReadOnlyList<MeasurementRow> rows, CancellationToken ct) =>
        UpsertAsync(db, MeasurementTotals.Upsert, TotalColumns, rows, (r, v) =>
        {
            v[0] = r.ActionId;
            v[1] = r.Metric;
            v[2] = r.Start;
            v[3] = r.End;
            v[4] = MeasurementTotal.ToMicros(r.Value);
            v[5] = 1;
        }, ct);

    public static Task AddMonthsAsync(PiloteDb db, IReadOnlyList<(int Action, DateOnly Month, string Metric, long Micros, int Points)> rows, CancellationToken ct) =>
        UpsertAsync(db, MeasurementTotals.UpsertMonth, MonthColumns, rows, (r, v) =>
        {
            v[0] = r.Action;
            v[1] = r.Month;
            v[2] = r.Metric;
            v[3] = r.Micros;
            v[4] = r.Points;
        }, ct);

    /// <summary>
    /// An INSERT … ON CONFLICT of many rows: on PostgreSQL one statement over arrays (unnest), COPY having no upsert; on
    /// SQLite the prepared statement stepped per row. <paramref name="sql"/> has a {0} where the rows go.
    /// </summary>
    private static async Task UpsertAsync<T>(PiloteDb db, string sql, string[] columns, IReadOnlyList<T> rows, Action<T, object?[]> fill, CancellationToken ct)
    {
        if (rows.Count == 0)
            return;
        var connection = db.Database.GetDbConnection();
        var values = new object?[columns.Length];
        if (connection is NpgsqlConnection pg)
        {
            // Column arrays, typed by the first row's values (ints, texts, days, longs: what totals hold).
            var arrays = new Array[columns.Length];
            fill(rows[0], values);
            for (var c = 0; c < columns.Length; c++)
                arrays[c] = Array.CreateInstance(values[c]!.GetType(), rows.Count);
            for (var r = 0; r < rows.Count; r++)
            {
                fill(rows[r], values);
                for (var c = 0; c < columns.Length; c++)
                    arrays[c].SetValue(values[c], r);
            }
            await using var command = pg.CreateCommand();
            command.Transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = string.Format(CultureInfo.InvariantCulture, sql,
                $"SELECT * FROM unnest({string.Join(", ", columns.Select((_, c) => $"@c{c}"))})");
            for (var c = 0; c < columns.Length; c++)
                command.Parameters.Add(new NpgsqlParameter($"c{c}", arrays[c]));
            command.CommandTimeout = 0;
            await command.ExecuteNonQueryAsync(ct);
            return;
        }
        StepEach(connection, string.Format(CultureInfo.InvariantCulture, sql, $"VALUES ({Placeholders(columns.Length)})"), rows, values, fill, ct);
    }

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
        // A bigger page cache for the bulk write (8 MB; SQLite's default is 2 MB): the indexes' pages stay in memory.
        await using (var pragma = connection.CreateCommand())
        {
            pragma.Transaction = transaction;
            pragma.CommandText = "PRAGMA cache_size = -8192";
            await pragma.ExecuteNonQueryAsync(ct);
        }
        StepEach(connection, $"INSERT INTO {table} ({names}) VALUES ({Placeholders(columns.Length)})", rows, values, fill, ct);
    }

    private static string Placeholders(int width) => string.Join(", ", Enumerable.Range(1, width).Select(i => $"?{i}"));

    /// <summary>SQLite: one prepared statement, its values bound by position and stepped once per row.</summary>
    private static void StepEach<T>(DbConnection connection, string sql, IReadOnlyList<T> rows, object?[] values, Action<T, object?[]> fill,
        CancellationToken ct)
    {
        using var statement = new SqliteStatement((Microsoft.Data.Sqlite.SqliteConnection)connection, sql);
        for (var r = 0; r < rows.Count; r++)
        {
            if ((r & 0xFFFF) == 0)
                ct.ThrowIfCancellationRequested();
            fill(rows[r], values);
            for (var c = 0; c < values.Length; c++)
                statement.Bind(c + 1, values[c]);
            statement.Step();
        }
    }
}
