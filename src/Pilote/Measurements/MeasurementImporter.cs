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
    int? AlreadyImportedAs, bool Empty, IReadOnlyList<string> Warnings, IReadOnlyList<UnmatchedKey> UnmatchedKeys)
{
    /// <summary><see cref="Warnings"/> in French, line for line: for the CLI and the web page, not the API's JSON (English).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<string> FrenchWarnings { get; init; } = [];

    public IReadOnlyList<string> WarningsIn(bool french) => french ? FrenchWarnings : Warnings;

    /// <summary>The plan the same file was already imported into (null: into every plan); with <see cref="AlreadyImportedAs"/>.</summary>
    public string? AlreadyImportedInto { get; init; }

    /// <summary>Why nothing was stored, when the file was already imported: its batch and its plan, for the CLI and the web page.</summary>
    public string? AlreadyImportedNote(bool french) => AlreadyImportedAs is not { } batch ? null
        : french ? $"déjà importé {(AlreadyImportedInto is { } p ? $"dans le plan « {p} »" : "pour tous les plans")} (lot #{batch}), rien n'est compté deux fois"
        : $"already imported {(AlreadyImportedInto is { } q ? $"into the plan '{q}'" : "for every plan")} (batch #{batch}), nothing counted twice";

    /// <summary>
    /// The currency money totals are shown in: the one the file states, else the plan's (null when neither says, shown
    /// then as plain numbers). For the CLI and the web page; the API's JSON keeps its numbers bare.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? Currency { get; init; }

    /// <summary>The plan's culture (null when the plans matched differ): what the CLI shows the totals in, as <c>plan show</c>
    /// (<see cref="Formats.ForReader"/>); the web page uses the person's, as every page does.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? Culture { get; init; }

    /// <summary>Each metric's unit in the workspace's catalog: which totals are money.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyDictionary<string, Kpis.KpiUnit> Units { get; init; } = new Dictionary<string, Kpis.KpiUnit>();

    /// <summary>A total as a person reads it: money in the currency (3,50 €, €3.50), anything else a grouped number (5 000).</summary>
    public string Shown(string metric, decimal value, System.Globalization.CultureInfo culture) =>
        Units.GetValueOrDefault(metric) == Kpis.KpiUnit.Currency && Currency is { } currency
            ? Formats.Money(value, currency, culture)
            : Formats.Measure(value, culture);

    /// <summary>Wall and process CPU seconds per phase (hash, read, write…): what the benchmarks report, never part of the JSON
    /// (the serializer skips a tuple's fields, so the API printed it as a list of empty objects).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<(string Phase, double Seconds, double Cpu)> Phases { get; init; } = [];
}

/// <summary>
/// Imports one export file as one batch: read (streaming, into <see cref="ImportAggregator"/>'s sums), match each distinct
/// key to an action, then write the sums in one transaction (nothing is left of a file that fails at row N). The same
/// file again is recognised by its hash and not counted twice. Workbooks are read through <paramref name="workbooks"/>
/// (Pilote.Office), CSV through Sylvan.
/// </summary>
public sealed class MeasurementImporter(PiloteDb db, TimeProvider clock, string? who, IWorkbookRows? workbooks = null)
{
    private static readonly System.Globalization.CultureInfo French = System.Globalization.CultureInfo.GetCultureInfo("fr-FR");

    public async Task<ImportResult> ImportAsync(string path, ImportOptions options, CancellationToken ct = default, IProgress<double>? progress = null)
    {
        if (options.Start is { } s && options.End is { } e && e < s)
            throw new PiloteInputException($"--end : {e:dd/MM/yyyy} précède --start {s:dd/MM/yyyy}", $"--end: {e:yyyy-MM-dd} is before --start {s:yyyy-MM-dd}");
        var phases = new Phases();
        var file = ExportFile.Open(path, workbooks);
        var name = file.Name;
        var source = ExportSources.Resolve(file, options.Source);
        // The file's fingerprint (a whole pass over it) is taken on another core while this one reads the rows.
        var hashing = Task.Run(() => ExportText.Hash(path), ct);

        List<PlanAction>? actions = null;
        int workspaceId;
        if (options.PlanId is { } planId)
            workspaceId = (await db.Plans.AsNoTracking().FirstAsync(x => x.Id == planId, ct)).WorkspaceId;
        else
        {
            actions = await ActionsQuery(null).ToListAsync(ct);
            workspaceId = actions.FirstOrDefault()?.Plan?.WorkspaceId ?? (await WorkspaceService.ResolveAsync(db, clock, null, ct)).Id;
        }
        if (options.ActionId is { } forced && !await db.Actions.AnyAsync(a => a.Id == forced && (options.PlanId == null || a.PlanId == options.PlanId), ct))
            throw new PiloteInputException($"--action : l'action n°{forced} n'est pas dans le plan", $"--action: action #{forced} is not in the plan");

        var metrics = await db.MetricDefinitions.AsNoTracking().Where(m => m.WorkspaceId == workspaceId).ToListAsync(ct);
        var metricNames = new Dictionary<string, string>();
        foreach (var m in metrics)
            foreach (var n in new[] { m.Key, m.Name, m.NameEn })
                if (n is not null)
                    metricNames.TryAdd(ColumnMap.Normalize(n), m.Key);
        // The plan's actions load on another thread while this one reads (the context is not touched here meanwhile):
        // matching needs them only once every row is summed.
        var loading = actions is null ? Task.Run(() => ActionsQuery(options.PlanId).ToListAsync(ct), ct) : Task.FromResult(actions);
        phases.Mark("load metrics");

        var info = new ExportInfo(name, source) { Start = options.Start, End = options.End };
        // Said first, as the plan import says it: the accents of campaign names are what such a reading can get wrong.
        if (file.ReadAsWindows1252)
            info.Warn(ExportText.Windows1252Note.French, ExportText.Windows1252Note.English);
        var reader = ExportSources.Reader(source, h => metricNames.GetValueOrDefault(h));
        var sums = new ImportAggregator(progress is null ? null : new RowProgress(progress, ExpectedRows(file)));
        try
        {
            reader.Read(file, info, sums);
        }
        finally
        {
            // Never leave the context in use by the loader when a bad row ends the import.
            await Task.WhenAll(loading, hashing).ContinueWith(_ => { }, TaskScheduler.Default);
        }
        phases.Mark("read+aggregate");
        actions = await loading;
        var hash = await hashing;
        phases.Mark("actions+hash (rest)");
        // The same file again is recognised once read (its hash came along meanwhile) and not counted twice. One export
        // can feed two plans (a Google Ads account running both plans' campaigns): imported into another plan, its rows
        // meet other actions, so only an earlier batch that could have matched the same ones (the same plan, or either
        // import into every plan) is the same import.
        var earlier = await db.ImportBatches.AsNoTracking()
            .Where(b => b.WorkspaceId == workspaceId && b.Hash == hash && b.UndoneAt == null
                && (options.PlanId == null || b.PlanId == null || b.PlanId == options.PlanId))
            .OrderBy(b => b.Id).ToListAsync(ct);
        var previous = earlier.FirstOrDefault();
        if (previous is not null && !options.Replace)
            return new ImportResult(name, previous.Id, previous.Source, previous.RowsRead, 0, previous.RowsMatched, previous.RowsUnmatched,
                new Dictionary<string, TotalCheck>(), previous.PeriodStart, previous.PeriodEnd, previous.Id, false, [], [])
            {
                AlreadyImportedInto = previous.PlanId is { } into ? (await db.Plans.AsNoTracking().FirstAsync(x => x.Id == into, ct)).Name : null,
            };

        var matcher = new ActionMatcher(actions);
        var outcome = sums.Resolve((key, channel) => options.ActionId ?? matcher.Match(key, channel));
        var rows = outcome.Matched;
        phases.Mark("match");
        var (first, last) = (sums.First, sums.Last);
        var totals = Totals(sums.MetricSums(), info, metrics.ToDictionary(m => m.Key, m => m.Aggregation));
        var units = metrics.ToDictionary(m => m.Key, m => m.Unit);
        // The plan's currency when the file states none, and its culture (« £841.23 » in an en-GB plan, as plan show
        // writes it): the named plan's, else every plan's when they share one.
        var named = options.PlanId is { } p ? await db.Plans.AsNoTracking().FirstAsync(x => x.Id == p, ct) : null;
        string? Shared(Func<Plan, string> of) => named is not null ? of(named)
            : actions.Select(a => of(a.Plan!)).Distinct().ToList() is [var only] ? only : null;
        var planCurrency = Shared(x => x.Currency);
        var currency = info.Currency ?? planCurrency;
        // Amounts go in as the file states them: a report in dollars read into a plan in euros is said, not converted.
        if (info.Currency is { } stated && planCurrency is { } planned && !string.Equals(stated, planned, StringComparison.OrdinalIgnoreCase)
            && totals.Keys.Any(m => units.GetValueOrDefault(m) == Kpis.KpiUnit.Currency))
            info.Warn($"les montants du fichier sont en {stated} et le plan en {planned} : ils sont enregistrés tels quels, sans conversion (exportez le rapport dans la devise du plan)",
                $"the file's amounts are in {stated} and the plan's in {planned}: they are stored as they are, not converted (export the report in the plan's currency)");
        var additive = metrics.Where(m => m.Aggregation == Kpis.Aggregation.Sum).Select(m => m.Key).ToHashSet();
        foreach (var (french, english) in MeasuredPeriod.Outside(rows, actions)
            .Concat(await Overlaps.FindAsync(db, rows, actions, additive, [.. earlier.Select(b => b.Id)], ct)))
            info.Warn(french, english);
        if (rows.Length == 0 && outcome.Unmatched.Count == 0)
            return new ImportResult(name, null, source, info.RowsRead, 0, 0, 0, totals, info.Start ?? first, info.End ?? last, null, true, info.Warnings, [])
            {
                FrenchWarnings = info.FrenchWarnings, Currency = currency, Culture = Shared(x => x.Culture), Units = units,
            };

        var now = clock.GetUtcNow();
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            // Joins a transaction the caller holds: the web app previews an import by rolling it back.
            await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
            // --replace without a plan replaces the file's imports into each plan: kept, they would count twice.
            foreach (var replaced in earlier)
            {
                await MeasurementTotals.ApplyBatchAsync(db, replaced.Id, -1, ct);
                await db.ImportBatches.Where(b => b.Id == replaced.Id).ExecuteDeleteAsync(ct);
            }
            var batch = new ImportBatch
            {
                WorkspaceId = workspaceId, Source = source, FileName = name, Hash = hash, PlanId = options.PlanId,
                PeriodStart = first, PeriodEnd = last, RowsRead = info.RowsRead, RowsStored = rows.Length,
                RowsMatched = outcome.MatchedRows, RowsUnmatched = outcome.UnmatchedRows, ImportedBy = who, ImportedAt = now,
            };
            db.ImportBatches.Add(batch);
            await db.SaveChangesAsync(ct);
            phases.Mark("batch");
            await BulkWriter.WriteAsync(db, rows, source, batch.Id, now, ct);
            phases.Mark("write measurements");
            await MeasurementTotals.AddBatchAsync(db, rows, ct);
            phases.Mark("totals+spent");
            await BulkWriter.WriteUnmatchedAsync(db, batch.Id, outcome.Unmatched, ct);
            phases.Mark("write unmatched");
            if (transaction is not null)
                await transaction.CommitAsync(ct);
            phases.Mark("commit");
            db.ChangeTracker.Clear();
            var pending = await db.UnmatchedMeasurements.AsNoTracking().Where(u => u.BatchId == batch.Id)
                .Select(u => new { u.Id, u.Key, u.ChannelGroup, u.Row }).ToListAsync(ct);
            var keys = pending.GroupBy(u => (u.Key, u.ChannelGroup))
                .Select(g => new UnmatchedKey(g.Key.Key, g.Key.ChannelGroup, g.Select(x => x.Row).Distinct().Count(), g.Select(x => x.Id).Order().ToList()))
                .OrderBy(k => k.Ids[0]).ToList();
            phases.Mark("unmatched keys");
            return new ImportResult(name, batch.Id, source, info.RowsRead, batch.RowsStored, outcome.MatchedRows, outcome.UnmatchedRows, totals,
                first, last, null, false, info.Warnings, keys)
            { Phases = phases.List, FrenchWarnings = info.FrenchWarnings, Currency = currency, Culture = Shared(x => x.Culture), Units = units };
        });
    }

    private IQueryable<PlanAction> ActionsQuery(int? planId)
    {
        var query = db.Actions.AsNoTracking().Include(a => a.TrackingCodes).Include(a => a.Channel).Include(a => a.Plan)
            .Include(a => a.Kpis).AsSplitQuery().AsQueryable();
        return planId is { } id ? query.Where(a => a.PlanId == id) : query;
    }

    private sealed class Phases
    {
        private readonly System.Diagnostics.Stopwatch _watch = System.Diagnostics.Stopwatch.StartNew();
        private TimeSpan _cpu = Environment.CpuUsage.TotalTime;
        public List<(string, double, double)> List { get; } = [];

        // The process's CPU time too: on a loaded machine the wall clock also counts the waits for a core.
        public void Mark(string phase)
        {
            var cpu = Environment.CpuUsage.TotalTime;
            List.Add((phase, _watch.Elapsed.TotalSeconds, (cpu - _cpu).TotalSeconds));
            _cpu = cpu;
            _watch.Restart();
        }
    }

    // The file's length over its first lines' average length (in bytes: UTF-16 files have two per character).
    private static double ExpectedRows(ExportFile file)
    {
        var lines = Math.Max(1, file.Head.Count(c => c == '\n'));
        var bytesPerChar = ExportText.Detect(file.Path) is System.Text.UnicodeEncoding ? 2 : 1;
        return new FileInfo(file.Path).Length / Math.Max(1.0, (double)file.Head.Length * bytesPerChar / lines);
    }

    // Row numbers to a share of the file.
    private sealed class RowProgress(IProgress<double> progress, double expectedRows) : IProgress<int>
    {
        public void Report(int row) => progress.Report(Math.Min(0.99, row / Math.Max(1, expectedRows)));
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
                info.Warn($"{metric} : les lignes totalisent {rows.ToString("#,##0.##", French)} mais le total du fichier dit {file.ToString("#,##0.##", French)}",
                    $"{metric}: the rows add up to {rows} but the file's total says {file}");
            result[metric] = new TotalCheck(rows, file, match);
        }
        return result;
    }
}
