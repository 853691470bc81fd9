using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Pilote.Measurements;
using Pilote.Testing;

namespace Pilote.App.Tests.Measurements;

/// <summary>
/// What imports keep in step besides the measurements: each action's spent amount, the per-day totals KPIs read, and
/// the batch list's counts, through import, replace, undo, assign and typed values, on both databases.
/// </summary>
public sealed class SpentAndTotalsTests
{
    private static string Write(string name, string text)
    {
        var folder = Path.Combine(Path.GetTempPath(), "pilote-imports", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private const string Ads = "Campaign report\r\n\"November 1, 2026 - November 30, 2026\"\r\nDay,Campaign,Clicks,Impr.,Cost,Currency code\r\n"
        + "2026-11-02,T1 SEA produit,100,\"2,000\",120.50,EUR\r\n2026-11-03,T1 SEA produit,50,\"1,000\",79.50,EUR\r\n"
        + "2026-11-03,Salon Paris,10,100,30.00,EUR\r\nTotal: Campaigns,,160,\"3,100\",230.00,EUR\r\n";

    private static async Task<TestDatabase> PlanAsync(string provider)
    {
        var db = await TestDatabase.CreateAsync(provider);
        await CliRun.OkAsync(db, "plan", "new", "--name", "T1", "--start", "2026-10-01", "--end", "2026-12-31");
        await CliRun.OkAsync(db, "action", "add", "T1", "--title", "SEA produit", "--channel", "sea", "--kpi", "cpc",
            "--target", "<2€", "--utm", "t1-sea-produit");
        await CliRun.OkAsync(db, "action", "add", "T1", "--title", "Salon", "--channel", "events", "--kpi", "leads", "--target", "50");
        return db;
    }

    private static async Task<(decimal Sea, decimal Salon)> SpentAsync(TestDatabase db)
    {
        var actions = (await CliRun.JsonAsync(db, "plan", "show", "T1")).Items("actions");
        return (actions[0].Num("spent")!.Value, actions[1].Num("spent")!.Value);
    }

    // The totals table holds exactly what the measurements of periods longer than a day add up to, per action, metric and
    // period, and the months table what the one-day measurements add up to, per action, month and metric.
    private static async Task AssertTotalsMatchAsync(TestDatabase db)
    {
        await using var ctx = db.Open();
        // Periods longer than a day have a total; one-day rows have their months.
        var measured = (await ctx.Measurements.AsNoTracking().ToListAsync()).Where(m => m.PeriodStart != m.PeriodEnd)
            .GroupBy(m => (m.ActionId, m.Metric, m.PeriodStart, m.PeriodEnd))
            .ToDictionary(g => g.Key, g => (Sum: g.Sum(m => m.Value), Points: g.Count()));
        var totals = (await ctx.MeasurementTotals.AsNoTracking().ToListAsync())
            .ToDictionary(t => (t.ActionId, t.Metric, t.PeriodStart, t.PeriodEnd), t => (t.Sum, t.Points));
        Assert.Equal(measured.OrderBy(x => x.Key.ToString()), totals.OrderBy(x => x.Key.ToString()));
        // And the months hold the one-day rows of each month.
        var byMonth = (await ctx.Measurements.AsNoTracking().ToListAsync()).Where(m => m.PeriodStart == m.PeriodEnd)
            .GroupBy(m => (m.ActionId, Month: MeasurementMonth.Of(m.PeriodStart), m.Metric))
            .ToDictionary(g => g.Key, g => (Sum: g.Sum(m => m.Value), Points: g.Count()));
        var months = (await ctx.MeasurementMonths.AsNoTracking().ToListAsync())
            .ToDictionary(t => (t.ActionId, t.Month, t.Metric), t => (Sum: t.Micros / 1_000_000m, t.Points));
        Assert.Equal(byMonth.OrderBy(x => x.Key.ToString()), months.OrderBy(x => x.Key.ToString()));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_window_query_gives_each_kpi_over_whole_months_edge_days_and_longer_periods(string provider)
    {
        await using var db = await PlanAsync(provider);
        await CliRun.OkAsync(db, "measures", "import", Write("ads.csv", Ads), "--plan", "T1");
        // October 31 (a day before the window), and a three-day period inside it.
        await CliRun.OkAsync(db, "measures", "add", "T1", "--action", "SEA produit", "--metric", "spend", "--date", "2026-10-31", "--value", "1000");
        await CliRun.OkAsync(db, "measures", "add", "T1", "--action", "SEA produit", "--metric", "clicks", "--date", "2026-10-31", "--value", "1");
        await CliRun.OkAsync(db, "measures", "add", "T1", "--action", "SEA produit", "--metric", "spend", "--date", "2026-11-10", "--end", "2026-11-12", "--value", "100");
        await CliRun.OkAsync(db, "measures", "add", "T1", "--action", "SEA produit", "--metric", "clicks", "--date", "2026-11-10", "--end", "2026-11-12", "--value", "50");
        await using var ctx = db.Open();
        var plan = await ctx.Plans.SingleAsync();
        var sea = await ctx.Actions.SingleAsync(a => a.Title == "SEA produit");

        // November as a whole month: the import's 200 € for 150 clicks and the period's 100 € for 50 clicks.
        var november = await WindowKpis.ComputeAsync(ctx, plan.Id, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30));
        Assert.Equal(300m / 200m, november.Single(k => k.ActionId == sea.Id && k.Kpi == "cpc").Actual);
        // October 31 to November 2: an edge day on each side, no whole month.
        var edges = await WindowKpis.ComputeAsync(ctx, plan.Id, new DateOnly(2026, 10, 31), new DateOnly(2026, 11, 2));
        Assert.Equal((1000m + 120.50m) / 101m, edges.Single(k => k.ActionId == sea.Id).Actual);
        // October 15 to November 30: whole November, the days of October, and the period.
        var both = await WindowKpis.ComputeAsync(ctx, plan.Id, new DateOnly(2026, 10, 15), new DateOnly(2026, 11, 30));
        Assert.Equal(1300m / 201m, both.Single(k => k.ActionId == sea.Id).Actual);
        // A window ending inside the period leaves the period out, as plan show does.
        var cut = await WindowKpis.ComputeAsync(ctx, plan.Id, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 11));
        Assert.Equal(200m / 150m, cut.Single(k => k.ActionId == sea.Id).Actual);
        Assert.Null(november.Single(k => k.Kpi == "leads").Actual);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Spent_follows_imported_spend_through_import_replace_undo_and_assign(string provider)
    {
        await using var db = await PlanAsync(provider);
        await CliRun.OkAsync(db, "action", "set", "Salon", "--plan", "T1", "--spent", "500");
        var file = Write("ads.csv", Ads);
        var first = await CliRun.JsonAsync(db, "measures", "import", file, "--plan", "T1");
        Assert.Equal((200.00m, 500m), await SpentAsync(db));
        Assert.Equal(1m, first.Num("unmatched"));
        await AssertTotalsMatchAsync(db);

        // The same file again, replaced: its spend counts once.
        var replaced = await CliRun.JsonAsync(db, "measures", "import", file, "--plan", "T1", "--replace");
        Assert.Equal((200.00m, 500m), await SpentAsync(db));
        await AssertTotalsMatchAsync(db);

        // Assigning the unmatched row adds its spend to the action that takes it (on top of what was typed).
        var pending = await CliRun.JsonAsync(db, "measures", "unmatched");
        var ids = string.Join(",", pending.EnumerateArray().Select(p => p.GetProperty("id").GetInt64()));
        await CliRun.OkAsync(db, "measures", "assign", ids, "--action", "Salon", "--plan", "T1");
        Assert.Equal((200.00m, 530m), await SpentAsync(db));
        await AssertTotalsMatchAsync(db);

        // A typed spend is not imported spend: the field stays what people typed and imports brought.
        await CliRun.OkAsync(db, "measures", "add", "T1", "--action", "SEA produit", "--metric", "spend", "--date", "2026-11-05", "--value", "10");
        Assert.Equal((200.00m, 530m), await SpentAsync(db));
        await AssertTotalsMatchAsync(db);

        await CliRun.OkAsync(db, "measures", "undo", replaced.Num("batch")!.Value.ToString());
        Assert.Equal((0m, 500m), await SpentAsync(db));
        await AssertTotalsMatchAsync(db);
        // What is left is the typed value: the KPI reads it from the measurements.
        var kpi = (await CliRun.JsonAsync(db, "plan", "show", "T1")).Items("actions")[0].Items("kpis")[0];
        Assert.True(kpi.IsNull("actual"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Two_sources_on_one_day_add_up_in_the_totals_and_plan_show_reads_them(string provider)
    {
        await using var db = await PlanAsync(provider);
        await CliRun.OkAsync(db, "measures", "import", Write("ads.csv", Ads), "--plan", "T1");
        await CliRun.OkAsync(db, "measures", "import", Write("ads-extra.csv", Ads.Replace("120.50", "20.50").Replace("Total: Campaigns,,160,\"3,100\",230.00", "Total: Campaigns,,160,\"3,100\",130.00")),
            "--plan", "T1");
        await using (var ctx = db.Open())
        {
            var day = await PointSums.Of(ctx.Measurements.Where(m => m.Metric == "spend" && m.PeriodStart == new DateOnly(2026, 11, 2))).SingleAsync();
            Assert.Equal((141.00m, 2), (day.Sum, day.Points));
        }
        await AssertTotalsMatchAsync(db);
        // CPC over both files: (120,50 + 79,50 + 20,50 + 79,50) / 300 clicks.
        var kpi = (await CliRun.JsonAsync(db, "plan", "show", "T1")).Items("actions")[0].Items("kpis")[0];
        Assert.Equal(Math.Round(300m / 300m, 4), Math.Round(kpi.Num("actual")!.Value, 4));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Batches_count_rows_again_after_assign_and_print_in_the_users_culture(string provider)
    {
        await using var db = await PlanAsync(provider);
        var text = new System.Text.StringBuilder("# Start date: 20261101\r\n# End date: 20261130\r\nDate,Session campaign,Sessions,Key events\r\n");
        for (var i = 0; i < 1_200; i++)
            text.Append($"202611{1 + (i % 28):00},{(i % 3 == 0 ? "salon-inconnu" : "t1-sea-produit")},1,0\r\n");
        var imported = await CliRun.JsonAsync(db, "measures", "import", Write("ga4.csv", text.ToString()), "--plan", "T1");
        Assert.Equal(800m, imported.Num("matched"));
        Assert.Equal(400m, imported.Num("unmatched"));

        var ids = string.Join(",", (await CliRun.JsonAsync(db, "measures", "unmatched")).EnumerateArray().Select(p => p.GetProperty("id").GetInt64()));
        await CliRun.OkAsync(db, "measures", "assign", ids, "--action", "Salon", "--plan", "T1");
        var batch = Assert.Single((await CliRun.JsonAsync(db, "measures", "batches")).EnumerateArray());
        Assert.Equal(1_200m, batch.Num("matched"));
        Assert.Equal(0m, batch.Num("unmatched"));

        var fr = await CliRun.OkAsync(db, "measures", "batches");
        Assert.Contains("01/11/2026 → 28/11/2026", fr.Out);
        Assert.Matches(new Regex(@"1\s200"), fr.Out);
        Assert.DoesNotContain("1200", fr.Out);
        var en = await CliRun.OkAsync(db, "measures", "batches", "--lang", "en");
        Assert.Contains("01/11/2026 → 28/11/2026", en.Out);
        Assert.Contains("1,200", en.Out);
    }
}
