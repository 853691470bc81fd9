using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Pilote.Common;
using Pilote.Data;
using Pilote.Kpis;

namespace Pilote.Measurements;

/// <summary>One pushed value as a client sends it: texts and numbers are read like everything people type.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record PushedValue(int Action, string? Metric, string? Date, string? End, string? Value);

/// <summary>What a push stored: one batch (undoable like a file import) and how many values it holds.</summary>
public sealed record PushResult(int Batch, int Stored, DateOnly Start, DateOnly End)
{
    /// <summary>What an import would say of the same values (days outside an action's period), in English as the API speaks.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

/// <summary>
/// Values pushed by a tool (Zapier, n8n, a data team's script) through the API: every row is checked first and every
/// problem named (<c>measurements[3].metric</c>), then all are stored as one batch, in the caller's transaction if any.
/// </summary>
public sealed class MeasurementPush(PiloteDb db, TimeProvider clock)
{
    public const int MaxRows = 10_000;

    /// <summary>The workspace of each action named in the push (absent ids are left out: the caller reports them).</summary>
    public async Task<Dictionary<int, int>> WorkspacesAsync(IEnumerable<int> actionIds, CancellationToken ct = default)
    {
        var ids = actionIds.Distinct().ToList();
        return await db.Actions.AsNoTracking().Where(a => ids.Contains(a.Id))
            .Select(a => new { a.Id, a.Plan!.WorkspaceId }).ToDictionaryAsync(a => a.Id, a => a.WorkspaceId, ct);
    }

    /// <param name="visible">The workspaces the caller may write to; an action elsewhere is reported exactly like one that does not exist.</param>
    public async Task<PushResult> PushAsync(IReadOnlyList<PushedValue> values, string? who, IReadOnlySet<int>? visible = null, CancellationToken ct = default)
    {
        if (values.Count == 0)
            throw new PiloteInputException("measurements: the push holds no value");
        if (values.Count > MaxRows)
            throw new PiloteInputException($"measurements: at most {MaxRows} values per push, not {values.Count}");
        var workspaces = await WorkspacesAsync(values.Select(v => v.Action), ct);
        if (visible is not null)
            workspaces = workspaces.Where(w => visible.Contains(w.Value)).ToDictionary();
        // An action that does not exist and one in a workspace the caller cannot write to read the same: 404.
        var missing = Enumerable.Range(0, values.Count).Where(i => !workspaces.ContainsKey(values[i].Action)).ToList();
        if (missing.Count > 0)
            throw new NotFoundException(string.Join("\n", missing.Take(20).Select(i => $"measurements[{i}].action: action #{values[i].Action} not found")));
        var problems = new List<string>();
        var workspaceIds = workspaces.Values.Distinct().ToList();
        if (workspaceIds.Count > 1)
            throw new PiloteInputException("measurements: one push feeds one workspace; these actions belong to several");
        var metrics = workspaceIds.Count == 0
            ? []
            : await db.MetricDefinitions.AsNoTracking().Where(m => m.WorkspaceId == workspaceIds[0]).ToListAsync(ct);
        var rows = new List<MeasurementRow>(values.Count);
        var now = clock.GetUtcNow();
        for (var i = 0; i < values.Count; i++)
        {
            var v = values[i];
            var at = $"measurements[{i}]";
            try
            {
                if (string.IsNullOrWhiteSpace(v.Metric))
                    throw new PiloteInputException($"{at}.metric: a value needs its metric (sessions, leads, spend…)");
                var metric = CatalogLookup.PickMetric(metrics, v.Metric, $"{at}.metric");
                var start = Inputs.ParseDate(v.Date ?? "", $"{at}.date");
                var end = v.End is null ? start : Inputs.ParseDate(v.End, $"{at}.end");
                if (end < start)
                    throw new PiloteInputException($"{at}.end: {end:yyyy-MM-dd} is before the date {start:yyyy-MM-dd}");
                var amount = Inputs.ParseAmount(v.Value ?? "", $"{at}.value");
                rows.Add(new MeasurementRow(v.Action, metric.Key, start, end, amount));
            }
            catch (PiloteInputException ex)
            {
                problems.Add(ex.Message);
            }
        }
        if (problems.Count > 0)
            throw new PiloteInputException(string.Join("\n", problems));

        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var batch = new ImportBatch
        {
            WorkspaceId = workspaceIds[0], Source = "api", FileName = null, PeriodStart = rows.Min(r => r.Start),
            PeriodEnd = rows.Max(r => r.End), RowsRead = values.Count, RowsStored = rows.Count, RowsMatched = values.Count,
            ImportedBy = who, ImportedAt = now,
        };
        db.ImportBatches.Add(batch);
        await db.SaveChangesAsync(ct);
        await BulkWriter.WriteAsync(db, rows, "api", batch.Id, now, ct);
        // The bulk write bypasses SaveChanges, so the daily totals and spent amounts the KPIs read move here, as for a file.
        await MeasurementTotals.ApplyBatchAsync(db, batch.Id, 1, ct);
        if (tx is not null)
            await tx.CommitAsync(ct);
        var ids = rows.Select(r => r.ActionId).Distinct().ToList();
        var actions = await db.Actions.AsNoTracking().Include(a => a.Plan).Include(a => a.Kpis).Where(a => ids.Contains(a.Id)).ToListAsync(ct);
        return new PushResult(batch.Id, rows.Count, batch.PeriodStart!.Value, batch.PeriodEnd!.Value)
        {
            Warnings = [.. MeasuredPeriod.Outside(rows, actions).Select(w => w.English)],
        };
    }
}
