using Microsoft.EntityFrameworkCore;
using Pilote.Actions;
using Pilote.Common;
using Pilote.Data;

namespace Pilote.Measurements;

/// <summary>Lists, undoes and completes import batches (assigning what matching left aside).</summary>
public sealed class ImportBatchService(PiloteDb db, TimeProvider clock)
{
    public Task<List<ImportBatch>> ListAsync(CancellationToken ct = default) =>
        db.ImportBatches.AsNoTracking().OrderBy(b => b.Id).ToListAsync(ct);

    public Task<List<UnmatchedMeasurement>> UnmatchedAsync(int? batchId, CancellationToken ct = default) =>
        db.UnmatchedMeasurements.AsNoTracking().Where(u => batchId == null || u.BatchId == batchId).OrderBy(u => u.Id).ToListAsync(ct);

    /// <summary>Removes a batch's measurements and pending rows; the batch stays listed as undone.</summary>
    public async Task<ImportBatch> UndoAsync(int batchId, int? expectedVersion = null, CancellationToken ct = default)
    {
        var batch = await db.ImportBatches.FirstOrDefaultAsync(b => b.Id == batchId, ct)
            ?? throw new NotFoundException($"batch #{batchId} not found (pilote measures batches)") { French = $"import n°{batchId} introuvable (pilote measures batches)" };
        Versions.Expect(db, batch, expectedVersion, $"import #{batchId}", $"l'import n°{batchId}");
        if (batch.UndoneAt is not null)
            throw new PiloteInputException($"l'import n°{batchId} a déjà été annulé", $"batch #{batchId} was already undone");
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await MeasurementTotals.ApplyBatchAsync(db, batchId, -1, ct);
        await db.Measurements.Where(m => m.BatchId == batchId).ExecuteDeleteAsync(ct);
        await db.UnmatchedMeasurements.Where(u => u.BatchId == batchId).ExecuteDeleteAsync(ct);
        batch.UndoneAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return batch;
    }

    /// <summary>
    /// Gives pending rows to an action: they become measurements of their batch, and each key becomes an alias of the
    /// action so that the next export matches by itself. ROWS: "12", "12,13", "12-20".
    /// </summary>
    public async Task<(int Assigned, List<string> Aliases)> AssignAsync(string rows, int actionId, CancellationToken ct = default)
    {
        var ids = ParseIds(rows);
        var pending = await db.UnmatchedMeasurements.Where(u => ids.Contains(u.Id)).ToListAsync(ct);
        var missing = ids.Except(pending.Select(p => p.Id)).ToList();
        if (missing.Count > 0)
            throw new NotFoundException($"ROWS: unmatched row {string.Join(", ", missing.Take(5))} not found (pilote measures unmatched)")
            {
                French = $"ROWS : ligne non rattachée {string.Join(", ", missing.Take(5))} introuvable (pilote measures unmatched)",
            };
        var action = await db.Actions.Include(a => a.TrackingCodes).FirstOrDefaultAsync(a => a.Id == actionId, ct)
            ?? throw new NotFoundException($"action #{actionId} not found") { French = $"action n°{actionId} introuvable" };
        var now = clock.GetUtcNow();
        var aliases = new List<string>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var batchIds = pending.Select(p => p.BatchId).Distinct().ToList();
        var batches = await db.ImportBatches.Where(b => batchIds.Contains(b.Id)).ToDictionaryAsync(b => b.Id, ct);
        var unmatchedBefore = await UnmatchedRowsAsync(batchIds, ct);
        foreach (var p in pending)
        {
            var batch = batches[p.BatchId];
            db.Measurements.Add(new Measurement
            {
                ActionId = actionId, Metric = p.Metric, PeriodStart = p.PeriodStart, PeriodEnd = p.PeriodEnd, Value = p.Value,
                Source = batch.Source, BatchId = batch.Id, RecordedAt = now,
            });
            batch.RowsStored++;
            if (p.Key is { Length: > 0 } key)
            {
                var normalized = TrackingCodes.Normalize(key);
                if (normalized.Length > 0 && action.TrackingCodes.All(c => c.Normalized != normalized))
                {
                    action.TrackingCodes.Add(new TrackingCode { Kind = TrackingKind.Alias, Value = key.Trim(), Normalized = normalized });
                    aliases.Add(key.Trim());
                }
            }
            db.UnmatchedMeasurements.Remove(p);
        }
        await db.SaveChangesAsync(ct);
        // The file rows behind a key count as matched once every value they gave is assigned.
        var unmatchedAfter = await UnmatchedRowsAsync(batchIds, ct);
        foreach (var batch in batches.Values)
        {
            var moved = unmatchedBefore.GetValueOrDefault(batch.Id) - unmatchedAfter.GetValueOrDefault(batch.Id);
            batch.RowsUnmatched -= moved;
            batch.RowsMatched += moved;
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (pending.Count, aliases);
    }

    // Per batch, the file rows still unmatched: each (key, channel group, period) once, whatever its metrics.
    private async Task<Dictionary<int, int>> UnmatchedRowsAsync(List<int> batchIds, CancellationToken ct)
    {
        var rows = await db.UnmatchedMeasurements.AsNoTracking().Where(u => batchIds.Contains(u.BatchId))
            .Select(u => new { u.BatchId, u.Key, u.ChannelGroup, u.PeriodStart, u.PeriodEnd, u.Rows }).ToListAsync(ct);
        return rows.GroupBy(u => u.BatchId).ToDictionary(
            b => b.Key, b => b.GroupBy(u => (u.Key, u.ChannelGroup, u.PeriodStart, u.PeriodEnd)).Sum(g => g.Max(u => u.Rows)));
    }

    private static List<long> ParseIds(string text)
    {
        var ids = new List<long>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var dash = part.IndexOf('-', 1);
            if (dash > 0 && long.TryParse(part[..dash], out var from) && long.TryParse(part[(dash + 1)..], out var to) && to >= from && to - from < 100_000)
                for (var i = from; i <= to; i++)
                    ids.Add(i);
            else if (long.TryParse(part.TrimStart('#'), out var id))
                ids.Add(id);
            else
                throw new PiloteInputException($"ROWS : « {part} » n'est ni un numéro de ligne ni une plage (12, 12,13, 12-20)", $"ROWS: '{part}' is not a row id or a range (12, 12,13, 12-20)");
        }
        if (ids.Count == 0)
            throw new PiloteInputException("ROWS : aucune ligne donnée", "ROWS: no row given");
        return ids.Distinct().ToList();
    }
}
