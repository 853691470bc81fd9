using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Pilote.Data;

namespace Pilote.Measurements;

/// <summary>
/// Writes many rows inside the caller's transaction: binary COPY on PostgreSQL, prepared multi-row INSERTs on SQLite.
/// EF's change tracker would cost more than the file's parsing.
/// </summary>
public static class BulkWriter
{
    /// <summary>Puts one row's values into a sink, in the order of the table's columns as listed for the writer.</summary>
    public delegate void Fill<T>(IRowSink sink, in T row);

    // SQLite: rows per INSERT. Each statement step has a fixed cost (the statement's journal, the AUTOINCREMENT
    // counter, the foreign-key bookkeeping): a hundred rows share it, and 100 × 9 parameters stay far under SQLite's limit.
    private const int RowsPerStatement = 100;

    private static readonly string[] MeasurementColumns = ["ActionId", "Metric", "PeriodStart", "PeriodEnd", "Value", "Source", "BatchId", "RecordedAt"];

    private static readonly string[] UnmatchedColumns = ["BatchId", "Row", "Rows", "Key", "ChannelGroup", "Metric", "PeriodStart", "PeriodEnd", "Value"];

    /// <summary>Measurements that share their source, batch and instant: an import's sums, a push's values.</summary>
    public static async Task WriteAsync(PiloteDb db, IReadOnlyList<MeasurementRow> rows, string source, int? batchId, DateTimeOffset at, CancellationToken ct)
    {
        if (rows.Count == 0)
            return;
        var pg = db.Database.GetDbConnection() as NpgsqlConnection;
        if (pg is not null)
            await CheckKeysAsync(db, pg, rows, batchId, ct);
        await InsertAsync(db, "measurements", MeasurementColumns, rows, (IRowSink s, in MeasurementRow m) =>
        {
            s.Int(m.ActionId);
            s.Text(m.Metric);
            s.Day(m.Start);
            s.Day(m.End);
            s.Decimal(m.Value);
            s.Text(source);
            s.Int(batchId);
            s.Instant(at);
        }, ct);
        // Back to checked for whatever the transaction inserts next (a failed COPY aborts the transaction, and the setting
        // goes with it).
        if (pg is not null)
            await SetKeysCheckedAsync(db, pg, false, ct);
    }

    /// <summary>
    /// PostgreSQL: what the measurements' key trigger does for a statement, done once for the whole write from the ids it
    /// names (a few hundred actions) instead of over the 300 000 rows of its transition table: the actions and the batch
    /// are locked FOR KEY SHARE, as a foreign key check locks them, so that a concurrent delete waits for this transaction;
    /// a missing one refuses the write; then the trigger is told to skip this transaction's next statement.
    /// </summary>
    private static async Task CheckKeysAsync(PiloteDb db, NpgsqlConnection pg, IReadOnlyList<MeasurementRow> rows, int? batchId, CancellationToken ct)
    {
        var actions = rows.Select(r => r.ActionId).Distinct().Order().ToArray();
        await using var command = pg.CreateCommand();
        command.Transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = """
            SELECT array(SELECT a."Id" FROM actions a WHERE a."Id" = ANY(@actions) ORDER BY a."Id" FOR KEY SHARE),
                   (SELECT count(*) FROM (SELECT 1 FROM import_batches b WHERE b."Id" = @batch FOR KEY SHARE) x)
            """;
        command.Parameters.AddWithValue("actions", actions);
        command.Parameters.Add(new NpgsqlParameter("batch", NpgsqlDbType.Integer) { Value = (object?)batchId ?? DBNull.Value });
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            await reader.ReadAsync(ct);
            var found = reader.GetFieldValue<int[]>(0);
            if (found.Length != actions.Length)
                throw new InvalidOperationException(
                    $"measurements name action(s) that do not exist (deleted meanwhile?): {string.Join(", ", actions.Except(found).Take(10))}");
            if (batchId is not null && reader.GetInt64(1) == 0)
                throw new InvalidOperationException($"measurements name import batch {batchId}, which does not exist");
        }
        await SetKeysCheckedAsync(db, pg, true, ct);
    }

    private static async Task SetKeysCheckedAsync(PiloteDb db, NpgsqlConnection pg, bool on, CancellationToken ct)
    {
        await using var command = pg.CreateCommand();
        command.Transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = $"SELECT set_config('pilote.keys_checked', '{(on ? "on" : "off")}', true)";
        await command.ExecuteScalarAsync(ct);
    }

    private static readonly string[] TotalColumns = ["ActionId", "Metric", "PeriodStart", "PeriodEnd", "Micros", "Points"];
    private static readonly string[] MonthColumns = ["ActionId", "Month", "Metric", "Micros", "Points"];

    /// <summary>A new batch's rows added to the daily and period totals, one point each (an upsert: other batches may hold the same keys).</summary>
    public static Task AddTotalsAsync(PiloteDb db, IReadOnlyList<MeasurementRow> rows, CancellationToken ct) =>
        UpsertAsync(db, MeasurementTotals.Upsert, TotalColumns, rows, (IRowSink s, in MeasurementRow r) =>
        {
            s.Int(r.ActionId);
            s.Text(r.Metric);
            s.Day(r.Start);
            s.Day(r.End);
            s.Long(MeasurementTotal.ToMicros(r.Value));
            s.Int(1);
        }, ct);

    public static Task AddMonthsAsync(PiloteDb db, IReadOnlyList<(int Action, DateOnly Month, string Metric, long Micros, int Points)> rows, CancellationToken ct) =>
        UpsertAsync(db, MeasurementTotals.UpsertMonth, MonthColumns, rows, (IRowSink s, in (int Action, DateOnly Month, string Metric, long Micros, int Points) r) =>
        {
            s.Int(r.Action);
            s.Day(r.Month);
            s.Text(r.Metric);
            s.Long(r.Micros);
            s.Int(r.Points);
        }, ct);

    /// <summary>The sums no action took, kept for <c>measures assign</c>.</summary>
    public static Task WriteUnmatchedAsync(PiloteDb db, int batchId, IReadOnlyList<ImportAggregator.Pending> rows, CancellationToken ct) =>
        InsertAsync(db, "unmatched_measurements", UnmatchedColumns, rows, (IRowSink s, in ImportAggregator.Pending u) =>
        {
            s.Int(batchId);
            s.Int(u.Row);
            s.Int(u.Rows);
            s.Text(u.Key);
            s.Text(u.ChannelGroup);
            s.Text(u.Metric);
            s.Day(u.Start);
            s.Day(u.End);
            s.Decimal(u.Value);
        }, ct);

    /// <summary>
    /// An INSERT … ON CONFLICT of many rows: on PostgreSQL one statement over arrays (unnest), COPY having no upsert; on
    /// SQLite prepared multi-row statements. <paramref name="sql"/> has a {0} where the rows go.
    /// </summary>
    private static async Task UpsertAsync<T>(PiloteDb db, string sql, string[] columns, IReadOnlyList<T> rows, Fill<T> fill, CancellationToken ct)
    {
        if (rows.Count == 0)
            return;
        var connection = db.Database.GetDbConnection();
        if (connection is NpgsqlConnection pg)
        {
            var arrays = new ColumnArrays(rows.Count, columns.Length);
            for (var r = 0; r < rows.Count; r++)
            {
                var row = rows[r];
                arrays.StartRow();
                fill(arrays, row);
            }
            await using var command = pg.CreateCommand();
            command.Transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = string.Format(CultureInfo.InvariantCulture, sql,
                $"SELECT * FROM unnest({string.Join(", ", columns.Select((_, c) => $"@c{c}"))})");
            for (var c = 0; c < columns.Length; c++)
                command.Parameters.Add(new NpgsqlParameter($"c{c}", arrays.Arrays[c]));
            command.CommandTimeout = 0;
            await command.ExecuteNonQueryAsync(ct);
            return;
        }
        StepChunks((SqliteConnection)connection, values => string.Format(CultureInfo.InvariantCulture, sql, values), columns.Length, rows, fill, ct);
    }

    private static async Task InsertAsync<T>(PiloteDb db, string table, string[] columns, IReadOnlyList<T> rows,
        Fill<T> fill, CancellationToken ct)
    {
        if (rows.Count == 0)
            return;
        var connection = db.Database.GetDbConnection();
        var names = string.Join(", ", columns.Select(c => $"\"{c}\""));
        if (connection is NpgsqlConnection pg)
        {
            await using var stream = await pg.BeginRawBinaryCopyAsync($"COPY {table} ({names}) FROM STDIN (FORMAT BINARY)", ct);
            var sink = new RawCopySink(stream, columns.Length);
            try
            {
                for (var r = 0; r < rows.Count; r++)
                {
                    if ((r & 0xFFFF) == 0)
                        ct.ThrowIfCancellationRequested();
                    var row = rows[r];
                    sink.StartRow();
                    fill(sink, row);
                    await sink.FlushAsync(ct);
                }
                await sink.CompleteAsync(ct);
            }
            catch
            {
                // Disposing the stream would end the COPY as if complete: cancel it, and the caller's transaction fails.
                await stream.CancelAsync();
                throw;
            }
            return;
        }
        // A bigger page cache for the bulk write (8 MB; SQLite's default is 2 MB): the indexes' pages stay in memory.
        await using (var pragma = connection.CreateCommand())
        {
            pragma.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            pragma.CommandText = "PRAGMA cache_size = -8192";
            await pragma.ExecuteNonQueryAsync(ct);
        }
        StepChunks((SqliteConnection)connection, values => $"INSERT INTO {table} ({names}) {values}", columns.Length, rows, fill, ct);
    }

    /// <summary>SQLite: the rows bound into prepared statements of <see cref="RowsPerStatement"/> rows each (the rest in one more).</summary>
    private static void StepChunks<T>(SqliteConnection connection, Func<string, string> sql, int width, IReadOnlyList<T> rows, Fill<T> fill,
        CancellationToken ct)
    {
        SqliteStatement? full = null;
        try
        {
            for (var start = 0; start < rows.Count; start += RowsPerStatement)
            {
                // Every 64 statements (6 400 rows): start moves by 100, so a bit mask on it would almost never match.
                if (start % (RowsPerStatement * 64) == 0)
                    ct.ThrowIfCancellationRequested();
                var count = Math.Min(RowsPerStatement, rows.Count - start);
                using var rest = count < RowsPerStatement ? new SqliteStatement(connection, sql(Values(width, count))) : null;
                var statement = rest ?? (full ??= new SqliteStatement(connection, sql(Values(width, count))));
                for (var r = start; r < start + count; r++)
                {
                    var row = rows[r];
                    fill(statement, row);
                }
                statement.Step();
            }
        }
        finally
        {
            full?.Dispose();
        }
    }

    /// <summary><c>VALUES (?, ?), (?, ?)</c>: SQLite numbers the bare placeholders in order.</summary>
    private static string Values(int width, int rows)
    {
        var row = "(" + string.Join(", ", Enumerable.Repeat("?", width)) + ")";
        var text = new StringBuilder("VALUES ", 8 + (rows * (row.Length + 2)));
        for (var r = 0; r < rows; r++)
            text.Append(r == 0 ? "" : ", ").Append(row);
        return text.ToString();
    }
}
