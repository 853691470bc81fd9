using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Pilote.Data;

namespace Pilote.Measurements;

/// <summary>
/// Writes many measurements inside the caller's transaction: binary COPY on PostgreSQL, a prepared multi-row INSERT
/// on SQLite. EF's change tracker would cost more than the file's parsing.
/// </summary>
public static class BulkWriter
{
    private const int RowsPerInsert = 100;

    public static async Task WriteAsync(PiloteDb db, IReadOnlyList<Measurement> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
            return;
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        if (connection is NpgsqlConnection pg)
        {
            await using var copy = await pg.BeginBinaryImportAsync(
                "COPY measurements (\"ActionId\", \"Metric\", \"PeriodStart\", \"PeriodEnd\", \"Value\", \"Source\", \"BatchId\", \"RecordedAt\") FROM STDIN (FORMAT BINARY)", ct);
            foreach (var m in rows)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(m.ActionId, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(m.Metric, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(m.PeriodStart, NpgsqlDbType.Date, ct);
                await copy.WriteAsync(m.PeriodEnd, NpgsqlDbType.Date, ct);
                await copy.WriteAsync(m.Value, NpgsqlDbType.Numeric, ct);
                await copy.WriteAsync(m.Source, NpgsqlDbType.Varchar, ct);
                if (m.BatchId is { } batch)
                    await copy.WriteAsync(batch, NpgsqlDbType.Integer, ct);
                else
                    await copy.WriteNullAsync(ct);
                await copy.WriteAsync(m.RecordedAt, NpgsqlDbType.TimestampTz, ct);
            }
            await copy.CompleteAsync(ct);
            return;
        }
        DbCommand? full = null;
        try
        {
            for (var offset = 0; offset < rows.Count; offset += RowsPerInsert)
            {
                var count = Math.Min(RowsPerInsert, rows.Count - offset);
                var command = count == RowsPerInsert ? full ??= await PrepareAsync(connection, transaction, count, ct) : await PrepareAsync(connection, transaction, count, ct);
                for (var i = 0; i < count; i++)
                {
                    var m = rows[offset + i];
                    var p = command.Parameters;
                    var b = i * 8;
                    p[b].Value = m.ActionId;
                    p[b + 1].Value = m.Metric;
                    p[b + 2].Value = m.PeriodStart.ToString("yyyy-MM-dd");
                    p[b + 3].Value = m.PeriodEnd.ToString("yyyy-MM-dd");
                    // EF's SQLite provider stores decimals as TEXT in invariant culture.
                    p[b + 4].Value = m.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    p[b + 5].Value = m.Source;
                    p[b + 6].Value = (object?)m.BatchId ?? DBNull.Value;
                    p[b + 7].Value = m.RecordedAt.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", System.Globalization.CultureInfo.InvariantCulture);
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

    private static async Task<DbCommand> PrepareAsync(DbConnection connection, DbTransaction? transaction, int count, CancellationToken ct)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var values = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var names = Enumerable.Range(i * 8, 8).Select(n => $"$p{n}").ToArray();
            values.Add($"({string.Join(", ", names)})");
            foreach (var name in names)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                command.Parameters.Add(parameter);
            }
        }
        command.CommandText = "INSERT INTO measurements (\"ActionId\", \"Metric\", \"PeriodStart\", \"PeriodEnd\", \"Value\", \"Source\", \"BatchId\", \"RecordedAt\") VALUES "
            + string.Join(", ", values);
        await command.PrepareAsync(ct);
        return command;
    }
}
