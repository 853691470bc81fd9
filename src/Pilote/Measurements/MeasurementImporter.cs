using Microsoft.EntityFrameworkCore;
using Pilote.Actions;
using Pilote.Common;
using Pilote.Data;
using Pilote.Measurements.Readers;
using Pilote.Plans;

namespace Pilote.Measurements;

public sealed record ImportOptions(string? Source = null, int? PlanId = null, int? ActionId = null, bool Replace = false,
    DateOnly? Start = null, DateOnly? End = null);

/// <summary>A metric's sum over the file's rows against the file's own total; Match is null when the file has none.</summary>
public sealed record TotalCheck(decimal Rows, decimal? File, bool? Match);

/// <summary>A key no action matched, with the ids to pass to <c>measures assign</c>.</summary>
public sealed record UnmatchedKey(string? Key, string? ChannelGroup, int Rows, IReadOnlyList<long> Ids);

public sealed record ImportResult(
    string File, int? Batch, string Source, int Rows, int Stored, int Matched, int Unmatched,
    IReadOnlyDictionary<string, TotalCheck> Totals, DateOnly? Start, DateOnly? End,
    int? AlreadyImportedAs, bool Empty, IReadOnlyList<string> Warnings, IReadOnlyList<UnmatchedKey> UnmatchedKeys);

/// <summary>
/// Imports one export file as one batch: read (streaming), match each row to an action, aggregate per action, metric and
/// period, then write everything in one transaction (nothing is left of a file that fails at row N). The same file
/// again is recognised by its hash and not counted twice.
/// </summary>
public sealed class MeasurementImporter(PiloteDb db, TimeProvider clock, string? who)
{
    public async Task<ImportResult> ImportAsync(string path, ImportOptions options, CancellationToken ct = default, IProgress<double>? progress = null)
    {
        var name = Path.GetFileName(path);
        if (!File.Exists(path))
            throw new PiloteInputException($"{name}: file not found ({path})");
        if (options.Start is { } s && options.End is { } e && e < s)
            throw new PiloteInputException($"--end: {e:yyyy-MM-dd} is before --start {s:yyyy-MM-dd}");
        var source = ExportSources.Resolve(path, options.Source);
        var hash = ExportText.Hash(path);

        var actionsQuery = db.Actions.AsNoTracking().Include(a => a.TrackingCodes).Include(a => a.Channel).Include(a => a.Plan).AsQueryable();
        if (options.PlanId is { } planId)
            actionsQuery = actionsQuery.Where(a => a.PlanId == planId);
        var actions = await actionsQuery.ToListAsync(ct);
        var workspaceId = options.PlanId is { } p
            ? (await db.Plans.AsNoTracking().FirstAsync(x => x.Id == p, ct)).WorkspaceId
            : actions.FirstOrDefault()?.Plan?.WorkspaceId ?? (await WorkspaceService.ResolveAsync(db, clock, null, ct)).Id;
        if (options.ActionId is { } forced && actions.All(a => a.Id != forced))
            throw new PiloteInputException($"--action: action #{forced} is not in the plan");

        var metrics = await db.MetricDefinitions.AsNoTracking().Where(m => m.WorkspaceId == workspaceId).ToListAsync(ct);
        var metricNames = new Dictionary<string, string>();
        foreach (var m in metrics)
            foreach (var n in new[] { m.Key, m.Name, m.NameEn })
                if (n is not null)
                    metricNames.TryAdd(ColumnMap.Normalize(n), m.Key);

        var previous = await db.ImportBatches.AsNoTracking()
            .Where(b => b.WorkspaceId == workspaceId && b.Hash == hash && b.UndoneAt == null)
            .OrderBy(b => b.Id).FirstOrDefaultAsync(ct);
        if (previous is not null && !options.Replace)
            return new ImportResult(name, previous.Id, previous.Source, previous.RowsRead, 0, previous.RowsMatched, previous.RowsUnmatched,
                new Dictionary<string, TotalCheck>(), previous.PeriodStart, previous.PeriodEnd, previous.Id, false, [], []);

        var matcher = new ActionMatcher(actions);
        var info = new ExportInfo(name, source) { Start = options.Start, End = options.End };
        var reader = ExportSources.Reader(source, h => metricNames.GetValueOrDefault(h));
        var matched = new Dictionary<(int Action, string Metric, DateOnly Start, DateOnly End), decimal>();
        var unmatched = new Dictionary<(string? Key, string? Channel, string Metric, DateOnly Start, DateOnly End), (int Row, decimal Value)>();
        var rowSums = new Dictionary<string, decimal>();
        int matchedRows = 0, unmatchedRows = 0;
        DateOnly? first = null, last = null;
        var fileLength = new FileInfo(path).Length;
        foreach (var row in reader.Read(path, info))
        {
            var actionId = options.ActionId ?? matcher.Match(row.Key, row.ChannelGroup);
            if (actionId is { } id)
                matchedRows++;
            else
                unmatchedRows++;
            foreach (var v in row.Values)
            {
                rowSums[v.Metric] = rowSums.GetValueOrDefault(v.Metric) + v.Value;
                if (actionId is { } a)
                {
                    var k = (a, v.Metric, row.Start, row.End);
                    matched[k] = matched.GetValueOrDefault(k) + v.Value;
                }
                else
                {
                    var k = (row.Key, row.ChannelGroup, v.Metric, row.Start, row.End);
                    unmatched[k] = unmatched.TryGetValue(k, out var prior) ? (prior.Row, prior.Value + v.Value) : (row.Row, v.Value);
                }
            }
            first = first is null || row.Start < first ? row.Start : first;
            last = last is null || row.End > last ? row.End : last;
            if (progress is not null && (matchedRows + unmatchedRows) % 50_000 == 0)
                progress.Report(Math.Min(1.0, row.Row * 1.0 / Math.Max(1, fileLength / 40)));
        }
        var totals = Totals(rowSums, info, metrics.ToDictionary(m => m.Key, m => m.Aggregation));
        if (matched.Count == 0 && unmatched.Count == 0)
            return new ImportResult(name, null, source, info.RowsRead, 0, 0, 0, totals, info.Start ?? first, info.End ?? last, null, true, info.Warnings, []);

        var now = clock.GetUtcNow();
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            // Joins a transaction the caller holds: the web app previews an import by rolling it back.
            await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
            if (previous is not null)
                await db.ImportBatches.Where(b => b.Id == previous.Id).ExecuteDeleteAsync(ct);
            var batch = new ImportBatch
            {
                WorkspaceId = workspaceId, Source = source, FileName = name, Hash = hash, PlanId = options.PlanId,
                PeriodStart = first, PeriodEnd = last, RowsRead = info.RowsRead, RowsStored = matched.Count,
                RowsMatched = matchedRows, RowsUnmatched = unmatchedRows, ImportedBy = who, ImportedAt = now,
            };
            db.ImportBatches.Add(batch);
            await db.SaveChangesAsync(ct);
            var rows = matched.Select(m => new Measurement
            {
                ActionId = m.Key.Action, Metric = m.Key.Metric, PeriodStart = m.Key.Start, PeriodEnd = m.Key.End,
                Value = m.Value, Source = source, BatchId = batch.Id, RecordedAt = now,
            }).ToList();
            await BulkWriter.WriteAsync(db, rows, ct);
            var pending = unmatched.Select(u => new UnmatchedMeasurement
            {
                BatchId = batch.Id, Row = u.Value.Row, Key = u.Key.Key, ChannelGroup = u.Key.Channel, Metric = u.Key.Metric,
                PeriodStart = u.Key.Start, PeriodEnd = u.Key.End, Value = u.Value.Value,
            }).ToList();
            db.UnmatchedMeasurements.AddRange(pending);
            await db.SaveChangesAsync(ct);
            if (transaction is not null)
                await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
            var keys = pending.GroupBy(u => (u.Key, u.ChannelGroup))
                .Select(g => new UnmatchedKey(g.Key.Key, g.Key.ChannelGroup, g.Select(x => x.Row).Distinct().Count(), g.Select(x => x.Id).Order().ToList()))
                .OrderBy(k => k.Ids[0]).ToList();
            return new ImportResult(name, batch.Id, source, info.RowsRead, rows.Count, matchedRows, unmatchedRows, totals,
                first, last, null, false, info.Warnings, keys);
        });
    }

    /// <summary>
    /// Per metric, the rows' sum against the file's total. Distinct counts (reach, users) are not additive across rows,
    /// so their totals are shown but not judged. Rounding: the file prints each row rounded, hence a cent per row.
    /// </summary>
    private static Dictionary<string, TotalCheck> Totals(Dictionary<string, decimal> sums, ExportInfo info, Dictionary<string, Kpis.Aggregation> aggregation)
    {
        var result = new Dictionary<string, TotalCheck>();
        foreach (var metric in sums.Keys.Union(info.Totals.Keys).Order())
        {
            var rows = sums.GetValueOrDefault(metric);
            if (!info.Totals.TryGetValue(metric, out var file))
            {
                result[metric] = new TotalCheck(rows, null, null);
                continue;
            }
            bool? match = aggregation.GetValueOrDefault(metric) == Kpis.Aggregation.Distinct
                ? null
                : Math.Abs(rows - file) <= Math.Max(0.01m, Math.Abs(file) * 0.0001m);
            if (match == false)
                info.Warnings.Add($"{metric}: the rows add up to {rows} but the file's total says {file}");
            result[metric] = new TotalCheck(rows, file, match);
        }
        return result;
    }
}
