using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Pilote.Actions;
using Pilote.Data;
using Pilote.Kpis;
using Pilote.Measurements;
using Pilote.Measurements.Readers;
using Pilote.Plans;
using Pilote.Testing;
using Sylvan.Data.Csv;

namespace Pilote.Benchmarks;

/// <summary>
/// One run, one generated file, every contender measured on it: the bare Sylvan scan (the floor), Pilote's
/// parse + match + aggregate on one thread, the full import into SQLite and into PostgreSQL, and DuckDB (npm package,
/// two threads) aggregating the same file by campaign and day. Ratios are computed within the run, so a busy
/// machine slows every contender alike.
/// </summary>
public static class Compare
{
    public static async Task<int> RunAsync(string[] args)
    {
        // --seed-db FILE.db|CONNECTION: migrates that database and adds the plan the imports here match against, for
        // timing the real `pilote measures import` on it (memory included) outside this process.
        if (Option(args, "--seed-db") is { } seed)
        {
            var target = seed.EndsWith(".db", StringComparison.OrdinalIgnoreCase) ? DatabaseTarget.Sqlite(seed) : DatabaseTarget.Postgres(seed);
            await target.MigrateAsync();
            Console.WriteLine($"plan {await SeedAsync(target)} in {target.Display}");
            return 0;
        }
        var rows = Option(args, "--rows") is { } r ? int.Parse(r, CultureInfo.InvariantCulture) : 5_000_000;
        var folder = Option(args, "--folder") ?? Directory.CreateTempSubdirectory("pilote-bench-").FullName;
        var duckdbFolder = Option(args, "--duckdb") ?? Environment.GetEnvironmentVariable("PILOTE_DUCKDB");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"ga4-{rows}.csv");
        if (!File.Exists(path))
        {
            var generate = Stopwatch.StartNew();
            Ga4File.Write(path, rows);
            Console.WriteLine($"generated {path}: {rows:N0} rows, {new FileInfo(path).Length / 1e6:N0} MB in {generate.Elapsed.TotalSeconds:N1} s");
        }
        var results = new List<(string Name, double Seconds, double Cpu, string Note)>();

        // Best of N (--repeat, default 3): the first pass also pays for JIT compilation and the page cache.
        var repeat = Option(args, "--repeat") is { } n ? int.Parse(n, CultureInfo.InvariantCulture) : 3;
        var floor = Enumerable.Range(0, repeat).Select(_ => Measure("sylvan scan (floor)", () => SylvanScan(path))).MinBy(x => x.Seconds);
        results.Add(floor);
        var pipeline = Enumerable.Range(0, repeat).Select(_ => Measure("pilote parse+match+aggregate", () => Pipeline(path))).MinBy(x => x.Seconds);
        results.Add(pipeline);
        if (args.Contains("--pipeline-only"))
        {
            Console.WriteLine($"floor {floor.Seconds:N2} s (cpu {floor.Cpu:N2} s), pipeline {pipeline.Seconds:N2} s (cpu {pipeline.Cpu:N2} s), "
                + $"{rows / pipeline.Seconds:N0} rows/s wall, {rows / pipeline.Cpu:N0} rows/s cpu; {pipeline.Note}");
            return 0;
        }
        var peakAfterPipeline = PeakMb();

        foreach (var provider in (Option(args, "--providers") ?? "sqlite,postgres").Split(','))
        {
            if (provider == "postgres" && !PostgresCluster.Available)
            {
                Console.WriteLine("postgres: Debian's PostgreSQL binaries not found, skipped");
                continue;
            }
            // Best of --repeat as well, each run into a fresh database: the first also pays for compiling EF Core's queries
            // and the JIT of the writer, as the pipeline's first run pays for its JIT. Every run's time is in the note.
            var runs = new List<(double Seconds, double Cpu, string Note)>();
            for (var run = 0; run < repeat; run++)
            {
                var db = await BenchDatabase.CreateAsync(provider, folder);
                var planId = await SeedAsync(db);
                GC.Collect();
                var allocated = GC.GetTotalAllocatedBytes(precise: false);
                var cpu = Cpu();
                var watch = Stopwatch.StartNew();
                await using var ctx = db.Open();
                var result = await new MeasurementImporter(ctx, TimeProvider.System, "bench").ImportAsync(path, new ImportOptions(PlanId: planId));
                watch.Stop();
                cpu = Cpu() - cpu;
                var stored = await ctx.Measurements.CountAsync();
                runs.Add((watch.Elapsed.TotalSeconds, cpu,
                    $"rows {result.Rows:N0}, matched {result.Matched:N0}, unmatched {result.Unmatched:N0}, measurements {stored:N0}, "
                    + $"allocated {(GC.GetTotalAllocatedBytes(false) - allocated) / 1e6:N0} MB; "
                    + string.Join(", ", result.Phases.Select(p => $"{p.Phase} {p.Seconds:N2} s (cpu {p.Cpu:N2})"))));
            }
            var best = runs.MinBy(r => r.Seconds);
            results.Add(($"import into {provider}", best.Seconds, best.Cpu,
                $"runs {string.Join(" / ", runs.Select(r => r.Seconds.ToString("N2", CultureInfo.InvariantCulture)))} s; best: {best.Note}"));
        }
        var peak = PeakMb();

        if (duckdbFolder is not null)
            results.Add(DuckDb(path, duckdbFolder));
        else
            Console.WriteLine("duckdb: no --duckdb FOLDER (npm install @duckdb/node-api there), skipped");

        Console.WriteLine();
        Console.WriteLine($"file: {rows:N0} rows, {new FileInfo(path).Length / 1e6:N0} MB; {Environment.ProcessorCount} cores; .NET {Environment.Version}");
        Console.WriteLine("wall = elapsed seconds; cpu = this process's CPU seconds (DuckDB: node's, both threads), which a loaded machine inflates less");
        Console.WriteLine($"{"contender",-30} {"wall s",7} {"cpu s",7} {"rows/s wall",12} {"rows/s cpu",12} {"×floor",7} {"×duck wall",10} {"×duck cpu",9}  note");
        var duck = results.FirstOrDefault(x => x.Name.StartsWith("duckdb", StringComparison.Ordinal));
        foreach (var (name, seconds, cpuSeconds, note) in results)
            Console.WriteLine($"{name,-30} {seconds,7:N2} {cpuSeconds,7:N2} {rows / seconds,12:N0} {rows / cpuSeconds,12:N0} {seconds / floor.Seconds,7:N2} "
                + $"{(duck.Seconds > 0 ? (seconds / duck.Seconds).ToString("N2", CultureInfo.InvariantCulture) : "-"),10} "
                + $"{(duck.Cpu > 0 ? (cpuSeconds / duck.Cpu).ToString("N2", CultureInfo.InvariantCulture) : "-"),9}  {note}");
        if (results.FirstOrDefault(x => x.Name == "import into sqlite") is { Seconds: > 0 } sqlite)
            Console.WriteLine($"storage over parsing, sqlite: {sqlite.Seconds - pipeline.Seconds:N2} s wall ({(sqlite.Seconds - pipeline.Seconds) / pipeline.Seconds:P0} of the pipeline)");
        if (results.FirstOrDefault(x => x.Name == "import into postgres") is { Seconds: > 0 } postgres)
            Console.WriteLine($"storage over parsing, postgres: {postgres.Seconds - pipeline.Seconds:N2} s wall ({(postgres.Seconds - pipeline.Seconds) / pipeline.Seconds:P0} of the pipeline)");
        Console.WriteLine($"peak working set: {peakAfterPipeline:N0} MB after the pipeline, {peak:N0} MB after both imports "
            + "(the whole process: runtime, EF Core model, Npgsql and SQLite included)");
        return 0;
    }

    private static (string Name, double Seconds, double Cpu, string Note) Measure(string name, Func<string> run)
    {
        GC.Collect();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var cpu = Cpu();
        var watch = Stopwatch.StartNew();
        var note = run();
        watch.Stop();
        return (name, watch.Elapsed.TotalSeconds, Cpu() - cpu, $"{note}, allocated {(GC.GetTotalAllocatedBytes(true) - allocated) / 1e6:N0} MB");
    }

    private static double Cpu()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime.TotalSeconds;
    }

    /// <summary>The floor: Sylvan reading every field as a span, nothing else.</summary>
    private static string SylvanScan(string path)
    {
        using var text = new StreamReader(path, System.Text.Encoding.UTF8, false, 1 << 16);
        using var csv = CsvDataReader.Create(text, new CsvDataReaderOptions { HasHeaders = false, Comment = '#' });
        long fields = 0, chars = 0;
        while (csv.Read())
            for (var i = 0; i < csv.RowFieldCount; i++)
            {
                chars += csv.GetFieldSpan(i).Length;
                fields++;
            }
        return $"{fields:N0} fields";
    }

    /// <summary>What <see cref="MeasurementImporter"/> does before it writes: read, aggregate per key and day, match each key.</summary>
    private static string Pipeline(string path)
    {
        var matcher = new ActionMatcher(Actions());
        var info = new ExportInfo(Path.GetFileName(path), "ga4");
        var sums = new ImportAggregator();
        ExportSources.Reader("ga4", _ => null).Read(ExportFile.Open(path), info, sums);
        var outcome = sums.Resolve(matcher.Match);
        return $"{info.RowsRead:N0} rows, {outcome.Matched.Length:N0} sums matched, {outcome.Unmatched.Count:N0} unmatched";
    }

    private static List<PlanAction> Actions() =>
        Enumerable.Range(0, Ga4File.Campaigns).Select(k => new PlanAction
        {
            Id = k + 1, Title = $"Action {k}",
            TrackingCodes = [new TrackingCode { Kind = TrackingKind.UtmCampaign, Value = Ga4File.CampaignName(k), Normalized = TrackingCodes.Normalize(Ga4File.CampaignName(k)) }],
        }).ToList();

    /// <summary>A plan whose actions carry the file's campaigns as UTM codes.</summary>
    private static async Task<int> SeedAsync(DatabaseTarget db)
    {
        await using var ctx = db.Open();
        var workspace = await WorkspaceService.ResolveAsync(ctx, TimeProvider.System, null);
        var plan = await new PlanService(ctx, TimeProvider.System).CreateAsync(workspace.Id, new PlanFields("Bench", Start: "2026-01-01", End: "2026-12-31"));
        var sea = await ctx.Channels.FirstAsync(c => c.WorkspaceId == workspace.Id && c.Key == "sea");
        for (var k = 0; k < Ga4File.Campaigns; k++)
        {
            var name = Ga4File.CampaignName(k);
            ctx.Actions.Add(new PlanAction
            {
                PlanId = plan.Id, Title = $"Action {k}", ChannelId = sea.Id, Position = k,
                TrackingCodes = [new TrackingCode { Kind = TrackingKind.UtmCampaign, Value = name, Normalized = TrackingCodes.Normalize(name) }],
            });
        }
        await ctx.SaveChangesAsync();
        return plan.Id;
    }

    /// <summary>DuckDB (npm package @duckdb/node-api) on two threads: read the same file, sum the metrics by campaign and day.</summary>
    private static (string Name, double Seconds, double Cpu, string Note) DuckDb(string path, string folder)
    {
        var script = Path.Combine(folder, "pilote-bench.js");
        File.WriteAllText(script, """
            // @duckdb/node-api: its native binding ships as an npm package (the older `duckdb` package downloads
            // a prebuilt binary from outside the registry and otherwise compiles DuckDB from source).
            const api = require('@duckdb/node-api');
            (async () => {
              const file = process.argv[2];
              const instance = await api.DuckDBInstance.create(':memory:', { threads: '2' });
              const conn = await instance.connect();
              const t0 = process.hrtime.bigint();
              const c0 = process.cpuUsage();
              const reader = await conn.runAndReadAll(`SELECT "Session campaign" AS campaign, "Date" AS day, sum("Sessions") AS sessions,
                  sum("Key events") AS key_events, sum("Total revenue") AS revenue, count(*) AS n
                FROM read_csv('${file}', skip = 6, header = true, delim = ',', quote = '"') GROUP BY ALL`);
              const res = reader.getRowObjects();
              const ms = Number(process.hrtime.bigint() - t0) / 1e6;
              const c1 = process.cpuUsage(c0);
              const cpuMs = (c1.user + c1.system) / 1000;
              const rows = res.reduce((s, r) => s + Number(r.n), 0);
              console.log(JSON.stringify({ ms, cpuMs, groups: res.length, rows, version: api.version() }));
            })().catch(e => { console.error(e.message); process.exit(1); });
            """);
        var psi = new ProcessStartInfo("node", [script, path]) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(psi)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        watch.Stop();
        if (process.ExitCode != 0)
            return ("duckdb (failed)", 0, 0, error.Trim());
        using var json = System.Text.Json.JsonDocument.Parse(output);
        var ms = json.RootElement.GetProperty("ms").GetDouble();
        return ("duckdb 2 threads (query)", ms / 1000, json.RootElement.GetProperty("cpuMs").GetDouble() / 1000, $"{json.RootElement.GetProperty("groups")} groups, {json.RootElement.GetProperty("rows")} rows, "
            + $"duckdb {json.RootElement.GetProperty("version")}, {watch.Elapsed.TotalSeconds:N2} s with node start");
    }

    private static double PeakMb()
    {
        using var self = Process.GetCurrentProcess();
        return self.PeakWorkingSet64 / 1e6;
    }

    private static string? Option(string[] args, string name) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
