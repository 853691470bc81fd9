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
        var providers = args.Contains("--sqlite-only") ? ["sqlite"] : new[] { "sqlite", "postgres" };
        foreach (var provider in providers)
        {
            if (provider == "postgres" && !PostgresCluster.Available)
            {
                Console.WriteLine("postgres: Debian's PostgreSQL binaries not found, skipped");
                continue;
            }
            var db = await BenchDatabase.CreateAsync(provider, folder);
            var load = Stopwatch.StartNew();
            var planId = await SeedAsync(db);
            Console.WriteLine($"{provider}: {Actions * Days * Metrics.Length:N0} measurements stored and summed in {load.Elapsed.TotalSeconds:N0} s");
            // A quarter near the end of the data: Q1 2026.
            var (from, to) = (new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31));
            var times = new List<double>();
            List<WindowKpi> kpis = [];
            for (var run = 0; run < 7; run++)
            {
                await using var ctx = db.Open();
                var watch = Stopwatch.StartNew();
                kpis = await WindowKpis.ComputeAsync(ctx, planId, from, to);
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            var sample = kpis.First(k => k.Kpi == "cpc");
            Console.WriteLine($"{provider}: every KPI of the plan over {from:yyyy-MM-dd}..{to:yyyy-MM-dd}: {kpis.Count:N0} KPI values; "
                + $"first run {times.Max():N1} ms (opens the connection, compiles the query), median {times[times.Count / 2]:N1} ms, best {times[0]:N1} ms "
                + $"(goal < 50 ms); action {sample.ActionId} cpc = {sample.Actual:N4}");
        }
        return 0;
    }

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
                var rows = new List<Measurement>(chunk.Length * Days * Metrics.Length);
                foreach (var id in chunk)
                    for (var d = 0; d < Days; d++)
                        foreach (var metric in Metrics)
                            rows.Add(new Measurement
                            {
                                ActionId = id, Metric = metric, PeriodStart = First.AddDays(d), PeriodEnd = First.AddDays(d),
                                Value = metric == "spend" ? random.Next(100, 100_000) / 100m : random.Next(0, 5_000), Source = "bench", RecordedAt = now,
                            });
                await BulkWriter.WriteAsync(ctx, rows, default);
            }
            await tx.CommitAsync();
        }
        // The totals as the migration builds them from measurements already stored.
        var micros = db.Provider == DatabaseProvider.Postgres
            ? "ROUND(\"Value\" * 1000000)::bigint"
            : "CAST(ROUND(CAST(\"Value\" AS REAL) * 1000000) AS INTEGER)";
        ctx.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
#pragma warning disable EF1002 // our own constant SQL
        await ctx.Database.ExecuteSqlRawAsync($"""
            INSERT INTO measurement_totals ("ActionId", "Metric", "PeriodStart", "PeriodEnd", "Micros", "Points")
            SELECT "ActionId", "Metric", "PeriodStart", "PeriodEnd", SUM({micros}), COUNT(*)
            FROM measurements GROUP BY "ActionId", "Metric", "PeriodStart", "PeriodEnd"
            """);
#pragma warning restore EF1002
        // What autovacuum and SQLite's optimizer statistics would have done by the time someone opens the dashboard.
        await ctx.Database.ExecuteSqlRawAsync(db.Provider == DatabaseProvider.Postgres ? "VACUUM ANALYZE measurement_totals" : "ANALYZE");
        return plan.Id;
    }
}
