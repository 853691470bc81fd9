using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Pilote.Actions;
using Pilote.Data;
using Pilote.Measurements;
using Pilote.Plans;
using Pilote.Testing;

namespace Pilote.Benchmarks;

/// <summary>
/// The dashboard query: every KPI of a 1,000-action plan over a quarter (<see cref="WindowKpis"/>), with 5,000,000
/// measurements stored (1,000 actions × 4 metrics × 1,250 days, from 2023), on SQLite and PostgreSQL. Goal: under 50 ms.
/// </summary>
public static class Dashboard
{
    private const int Actions = 1_000;
    private const int Days = 1_250;
    private static readonly string[] Metrics = ["spend", "clicks", "impressions", "leads"];
    private static readonly DateOnly First = new(2023, 1, 1);

    public static async Task<int> RunAsync(string[] args)
    {
        var folder = Directory.CreateTempSubdirectory("pilote-dashboard-").FullName;
        var providers = args.Contains("--sqlite-only") ? ["sqlite"] : args.Contains("--postgres-only") ? ["postgres"] : new[] { "sqlite", "postgres" };
        foreach (var provider in providers)
        {
            if (provider == "postgres" && !PostgresCluster.Available)
            {
                Console.WriteLine("postgres: Debian's PostgreSQL binaries not found, skipped");
                continue;
            }
            // --sqlite-db FILE: a database an earlier run seeded (seeding 5 million rows takes minutes on a busy machine).
            var kept = provider == "sqlite" && Option(args, "--sqlite-db") is { } file && File.Exists(file) ? file : null;
            var db = kept is not null ? DatabaseTarget.Sqlite(kept) : await BenchDatabase.CreateAsync(provider, folder);
            var load = Stopwatch.StartNew();
            int planId;
            if (kept is not null)
            {
                await using var ctx = db.Open();
                planId = await ctx.Plans.Where(p => p.Name == "Dashboard").Select(p => p.Id).FirstAsync();
            }
            else
                planId = await SeedAsync(db);
            await using (var ctx = db.Open())
                Console.WriteLine($"{provider}: {await ctx.Measurements.CountAsync():N0} measurements and {await ctx.MeasurementMonths.CountAsync():N0} monthly sums "
                    + $"({(kept is null ? "stored and summed" : "counted")} in {load.Elapsed.TotalSeconds:N0} s) in {db.Display}");
            // A quarter near the end of the data: Q1 2026 (whole months); then 91 days that start and end mid-month, whose
            // edge days are summed from the measurements.
            foreach (var (from, to) in new[] { (new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31)), (new DateOnly(2026, 1, 15), new DateOnly(2026, 4, 15)) })
                await WindowAsync(db, provider, planId, from, to, args);
        }
        return 0;
    }

    private static async Task WindowAsync(DatabaseTarget db, string provider, int planId, DateOnly from, DateOnly to, string[] args)
    {
        var times = new List<double>();
        var cpu = new List<double>();
        List<WindowKpi> kpis = [];
        for (var run = 0; run < 15; run++)
        {
            await using var ctx = db.Open();
            var c0 = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            kpis = await WindowKpis.ComputeAsync(ctx, planId, from, to);
            times.Add(watch.Elapsed.TotalMilliseconds);
            cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - c0).TotalMilliseconds);
        }
        var firstRun = times[0];
        if (args.Contains("--log"))
        {
            // One more run with EF's command log: how long each SQL statement took inside the database driver.
            var options = new DbContextOptionsBuilder<PiloteDb>(db.Options())
                .LogTo(Console.WriteLine, [Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.CommandExecuted]).Options;
            await using var logged = new PiloteDb(options);
            var watch = Stopwatch.StartNew();
            await WindowKpis.ComputeAsync(logged, planId, from, to);
            Console.WriteLine($"logged run: {watch.Elapsed.TotalMilliseconds:N1} ms");
        }
        if (args.Contains("--explain") && provider == "postgres")
            await ExplainAsync(db, planId, from, to);
        times.Sort();
        cpu.Sort();
        var sample = kpis.First(k => k.Kpi == "cpc");
        Console.WriteLine($"{provider}: every KPI of the plan over {from:yyyy-MM-dd}..{to:yyyy-MM-dd}: {kpis.Count:N0} KPI values; "
            + $"first run {firstRun:N1} ms (compiles the query), then wall median {times[times.Count / 2]:N1} ms, best {times[0]:N1} ms; "
            + $"this process's CPU median {cpu[cpu.Count / 2]:N1} ms, best {cpu[0]:N1} ms (PostgreSQL's own work is not in it) "
            + $"(goal < 50 ms); action {sample.ActionId} cpc = {sample.Actual:N4}");
    }

    /// <summary>PostgreSQL's plan of the window query, with its timings: where the time goes when the goal is missed.</summary>
    private static async Task ExplainAsync(DatabaseTarget db, int planId, DateOnly from, DateOnly to)
    {
        await using var ctx = db.Open();
        var connection = (Npgsql.NpgsqlConnection)ctx.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            EXPLAIN (ANALYZE, BUFFERS)
            SELECT u."ActionId", u."Metric", sum(u."Micros") FROM (
              SELECT m."ActionId", m."Metric", m."Micros" FROM actions a JOIN measurement_totals m ON a."Id" = m."ActionId"
              WHERE a."PlanId" = @plan AND m."PeriodStart" <> m."PeriodEnd" AND m."PeriodStart" >= @first AND m."PeriodStart" <= @last AND m."PeriodEnd" <= @last
              UNION ALL
              SELECT m0."ActionId", m0."Metric", m0."Micros" FROM actions a0 JOIN measurement_months m0 ON a0."Id" = m0."ActionId"
              WHERE a0."PlanId" = @plan AND m0."Month" >= @first AND m0."Month" <= @lastMonth) u
            GROUP BY u."ActionId", u."Metric"
            """;
        command.Parameters.AddWithValue("plan", planId);
        command.Parameters.AddWithValue("first", from);
        command.Parameters.AddWithValue("last", to);
        command.Parameters.AddWithValue("lastMonth", new DateOnly(to.Year, to.Month, 1));
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            Console.WriteLine(reader.GetString(0));
    }

    private static string? Option(string[] args, string name) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

    /// <summary>The plan, its actions with two KPIs each, and their daily measurements, written in bulk and summed once.</summary>
    private static async Task<int> SeedAsync(DatabaseTarget db)
    {
        await using var ctx = db.Open();
        var workspace = await WorkspaceService.ResolveAsync(ctx, TimeProvider.System, null);
        var plan = await new PlanService(ctx, TimeProvider.System).CreateAsync(workspace.Id, new PlanFields("Dashboard", Start: "2026-01-01", End: "2026-12-31"));
        var sea = await ctx.Channels.FirstAsync(c => c.WorkspaceId == workspace.Id && c.Key == "sea");
        var kpis = await ctx.KpiDefinitions.Where(k => k.WorkspaceId == workspace.Id && (k.Key == "cpc" || k.Key == "ctr")).ToListAsync();
        for (var a = 0; a < Actions; a++)
            ctx.Actions.Add(new PlanAction
            {
                PlanId = plan.Id, Title = $"Action {a}", ChannelId = sea.Id, Position = a,
                Kpis = [.. kpis.Select(k => new ActionKpi { KpiId = k.Id })],
            });
        await ctx.SaveChangesAsync();
        var ids = await ctx.Actions.Where(a => a.PlanId == plan.Id).Select(a => a.Id).ToListAsync();
        var random = new Random(7);
        var now = DateTimeOffset.UtcNow;
        await using (var tx = await ctx.Database.BeginTransactionAsync())
        {
            foreach (var chunk in ids.Chunk(50))
            {
                var rows = new List<MeasurementRow>(chunk.Length * Days * Metrics.Length);
                foreach (var id in chunk)
                    for (var d = 0; d < Days; d++)
                        foreach (var metric in Metrics)
                            rows.Add(new MeasurementRow(id, metric, First.AddDays(d), First.AddDays(d),
                                metric == "spend" ? random.Next(100, 100_000) / 100m : random.Next(0, 5_000)));
                await BulkWriter.WriteAsync(ctx, rows, "bench", null, now, default);
            }
            await tx.CommitAsync();
        }
        // The months as the migration builds them from measurements already stored (daily rows have no total of their own).
        var micros = db.Provider == DatabaseProvider.Postgres
            ? "ROUND(\"Value\" * 1000000)::bigint"
            : "CAST(ROUND(CAST(\"Value\" AS REAL) * 1000000) AS INTEGER)";
        ctx.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
#pragma warning disable EF1002 // our own constant SQL
        var month = db.Provider == DatabaseProvider.Postgres ? "date_trunc('month', \"PeriodStart\")::date" : "substr(\"PeriodStart\", 1, 8) || '01'";
        await ctx.Database.ExecuteSqlRawAsync($"""
            INSERT INTO measurement_months ("ActionId", "Month", "Metric", "Micros", "Points")
            SELECT "ActionId", {month}, "Metric", SUM({micros}), COUNT(*)
            FROM measurements WHERE "PeriodStart" = "PeriodEnd" GROUP BY "ActionId", {month}, "Metric"
            """);
#pragma warning restore EF1002
        // What autovacuum and SQLite's optimizer statistics would have done by the time someone opens the dashboard.
        // (one statement per command: PostgreSQL runs no VACUUM inside a batch)
        foreach (var sql in db.Provider == DatabaseProvider.Postgres
            ? new[] { "VACUUM ANALYZE measurements", "VACUUM ANALYZE measurement_months", "ANALYZE actions" }
            : ["ANALYZE"])
            await ctx.Database.ExecuteSqlRawAsync(sql);
        return plan.Id;
    }
}
