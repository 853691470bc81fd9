using Microsoft.EntityFrameworkCore;
using Pilote.Measurements;
using Pilote.Testing;

namespace Pilote.App.Tests.Measurements;

/// <summary>`pilote measures import | batches | undo | unmatched | assign` on both databases.</summary>
public sealed class MeasureImportTests
{
    private static string Write(string name, string text)
    {
        var folder = Path.Combine(Path.GetTempPath(), "pilote-imports", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private const string Ga4 = "# ----------------------------------------\r\n# Acquisition\r\n# Start date: 20261101\r\n# End date: 20261107\r\n"
        + "Date,Session campaign,Sessions,Key events\r\n20261102,T1-SEA-Produit,120,4\r\n20261103, t1-sea-PRODUIT ,80,6\r\n20261103,salon-inconnu,10,1\r\n";

    private static async Task<TestDatabase> PlanAsync(string provider)
    {
        var db = await TestDatabase.CreateAsync(provider);
        await CliRun.OkAsync(db, "plan", "new", "--name", "T1", "--start", "2026-10-01", "--end", "2026-12-31");
        await CliRun.OkAsync(db, "action", "add", "T1", "--title", "SEA produit", "--channel", "sea", "--kpi", "conversions",
            "--target", "100", "--due", "2026-12-31", "--utm", "t1-sea-produit");
        await CliRun.OkAsync(db, "action", "add", "T1", "--title", "Salon", "--channel", "events", "--kpi", "leads", "--target", "50");
        return db;
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Import_matches_by_utm_ignoring_case_and_spaces_and_moves_the_kpi(string provider)
    {
        await using var db = await PlanAsync(provider);
        var file = Write("ga4.csv", Ga4);
        var r = await CliRun.JsonAsync(db, "measures", "import", file, "--plan", "T1");
        Assert.Equal("ga4", r.Str("source"));
        Assert.Equal(3m, r.Num("rows"));
        Assert.Equal(2m, r.Num("matched"));
        Assert.Equal(1m, r.Num("unmatched"));
        Assert.Equal("2026-11-02", r.GetProperty("period").Str("start"));
        var plan = await CliRun.JsonAsync(db, "plan", "show", "T1");
        var kpi = Assert.Single(plan.Items("actions")[0].Items("kpis"));
        Assert.Equal(10m, kpi.Num("actual"));
        Assert.Equal(0.1m, kpi.Num("attainment"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_dry_run_says_what_the_import_would_store_and_stores_nothing(string provider)
    {
        await using var db = await PlanAsync(provider);
        var file = Write("ga4.csv", Ga4);
        var before = await CliRun.CountsAsync(db);

        var dry = await CliRun.JsonAsync(db, "measures", "import", file, "--plan", "T1", "--dry-run");

        Assert.True(dry.GetProperty("dryRun").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, dry.GetProperty("batch").ValueKind);
        Assert.Equal((3m, 2m, 1m), (dry.Num("rows"), dry.Num("matched"), dry.Num("unmatched")));
        var key = Assert.Single(dry.Items("unmatchedKeys"));
        Assert.Equal("salon-inconnu", key.Str("key"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, key.GetProperty("ids").ValueKind);
        Assert.Equal(before, await CliRun.CountsAsync(db));
        Assert.Equal(0, (await CliRun.JsonAsync(db, "measures", "batches")).GetArrayLength());
        Assert.Equal(0, (await CliRun.JsonAsync(db, "measures", "unmatched")).GetArrayLength());
        var text = await CliRun.OkAsync(db, "measures", "import", file, "--plan", "T1", "--dry-run");
        Assert.Contains("ga4.csv : essai (ga4), du 02/11/2026 au 03/11/2026 ; rien n'est enregistré", text.Out);
        Assert.Contains("mesures à écrire", text.Out);
        Assert.DoesNotContain("lot #", text.Out);

        // The import then stores what the dry run said, and is not taken for a file already imported.
        var real = await CliRun.JsonAsync(db, "measures", "import", file, "--plan", "T1");
        Assert.False(real.GetProperty("alreadyImported").GetBoolean());
        Assert.Equal((dry.Num("rows"), dry.Num("stored"), dry.Num("matched"), dry.Num("unmatched")),
            (real.Num("rows"), real.Num("stored"), real.Num("matched"), real.Num("unmatched")));
        Assert.Equal(10m, (await CliRun.JsonAsync(db, "plan", "show", "T1")).Items("actions")[0].Items("kpis")[0].Num("actual"));
    }

    [Fact]
    public async Task A_mistyped_option_after_the_files_is_refused_before_any_file_is_imported()
    {
        await using var db = await PlanAsync("sqlite");
        var file = Write("ga4.csv", Ga4);

        var r = await CliRun.RunAsync(db, "measures", "import", file, "--plan", "T1", "--dryrun");

        Assert.Equal(2, r.Exit);
        Assert.Equal("pilote: « --dryrun » n'est ni une option de « pilote measures import » ni un fichier (FILE). (voir « pilote --help »)",
            Assert.Single(r.ErrLines));
        Assert.Equal(0, (await CliRun.CountsAsync(db)).Measurements);
        Assert.Equal(0, (await CliRun.JsonAsync(db, "measures", "batches")).GetArrayLength());
        var english = await CliRun.RunAsync(db, "measures", "import", file, "--dryrun", "--lang", "en");
        Assert.Equal("pilote: '--dryrun' is neither an option of 'pilote measures import' nor a file (FILE). (see 'pilote --help')",
            Assert.Single(english.ErrLines));
    }

    [Fact]
    public async Task The_import_summary_writes_money_in_the_plans_culture_as_plan_show_does()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");
        await CliRun.OkAsync(db, "plan", "new", "--name", "UK", "--currency", "GBP", "--culture", "en-GB", "--start", "2026-10-01", "--end", "2026-12-31");
        await CliRun.OkAsync(db, "action", "add", "UK", "--title", "SEA", "--channel", "sea", "--kpi", "cpc", "--target", "<2", "--utm", "t1-sea");
        var file = Write("gads.csv", "Campaign report\r\n\"November 1, 2026 - November 7, 2026\"\r\nCampaign,Clicks,Impr.,Cost\r\n"
            + "t1-sea,610,\"12,000\",841.23\r\nTotal: Campaigns,610,\"12,000\",841.23\r\n");

        // It read « 841,23 £ » where plan show, a line below, read « £1.38 ».
        var r = await CliRun.OkAsync(db, "measures", "import", file, "--plan", "UK");
        var spend = r.Out.Split('\n').Single(l => l.Contains("spend", StringComparison.Ordinal));
        Assert.Contains("£841.23", spend);
        Assert.Contains("12,000", r.Out);
        Assert.Contains("£1.38", (await CliRun.OkAsync(db, "plan", "show", "UK")).Out);
    }

    [Fact]
    public async Task One_export_feeds_two_plans_and_a_repeat_names_the_plan_that_has_it()
    {
        await using var db = await PlanAsync("sqlite");
        // A second plan whose campaign is in the same GA4 report (the « salon-inconnu » row T1 left unmatched).
        await CliRun.OkAsync(db, "plan", "new", "--name", "T2", "--start", "2026-10-01", "--end", "2026-12-31");
        await CliRun.OkAsync(db, "action", "add", "T2", "--title", "Salon inconnu", "--channel", "events", "--kpi", "conversions",
            "--target", "10", "--utm", "salon-inconnu");
        var file = Write("ga4.csv", Ga4);
        await CliRun.OkAsync(db, "measures", "import", file, "--plan", "T1");

        // It was « déjà importé (lot #1) » and T2's campaign never arrived.
        var second = await CliRun.JsonAsync(db, "measures", "import", file, "--plan", "T2");
        Assert.False(second.GetProperty("alreadyImported").GetBoolean());
        Assert.Equal(1m, second.Num("matched"));
        var t2 = Assert.Single((await CliRun.JsonAsync(db, "plan", "show", "T2")).Items("actions")[0].Items("kpis"));
        Assert.Equal(1m, t2.Num("actual"));
        var t1 = Assert.Single((await CliRun.JsonAsync(db, "plan", "show", "T1")).Items("actions")[0].Items("kpis"));
        Assert.Equal(10m, t1.Num("actual"));

        // The same plan again, or every plan (which holds T1's and T2's actions), would count twice: refused, saying where it is.
        var again = await CliRun.OkAsync(db, "measures", "import", file, "--plan", "T2");
        Assert.Equal("ga4.csv : déjà importé dans le plan « T2 » (lot #2), rien n'est compté deux fois ; --replace pour le réimporter.", again.Out.Trim());
        var everywhere = await CliRun.OkAsync(db, "measures", "import", file, "--lang", "en");
        Assert.Equal("ga4.csv: already imported into the plan 'T1' (batch #1), nothing counted twice; --replace to import it again.", everywhere.Out.Trim());
        Assert.Equal(2, (await CliRun.JsonAsync(db, "measures", "batches")).GetArrayLength());

        // --replace into every plan takes the place of both imports: each value once.
        await CliRun.OkAsync(db, "measures", "import", file, "--replace");
        Assert.Equal(1, (await CliRun.JsonAsync(db, "measures", "batches")).GetArrayLength());
        t1 = Assert.Single((await CliRun.JsonAsync(db, "plan", "show", "T1")).Items("actions")[0].Items("kpis"));
        Assert.Equal(10m, t1.Num("actual"));
        t2 = Assert.Single((await CliRun.JsonAsync(db, "plan", "show", "T2")).Items("actions")[0].Items("kpis"));
        Assert.Equal(1m, t2.Num("actual"));
        var once = await CliRun.OkAsync(db, "measures", "import", file, "--plan", "T1");
        Assert.Contains("déjà importé pour tous les plans (lot #3)", once.Out);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_same_file_twice_is_not_counted_twice_replace_reimports_and_undo_removes(string provider)
    {
        await using var db = await PlanAsync(provider);
        var file = Write("ga4.csv", Ga4);
        var first = await CliRun.JsonAsync(db, "measures", "import", file, "--plan", "T1");
        var again = await CliRun.JsonAsync(db, "measures", "import", file, "--plan", "T1");
        Assert.True(again.GetProperty("alreadyImported").GetBoolean());
        Assert.Equal(first.Num("batch"), again.Num("batch"));
        Assert.Equal(4, (await CliRun.CountsAsync(db)).Measurements);

        var replaced = await CliRun.JsonAsync(db, "measures", "import", file, "--plan", "T1", "--replace");
        Assert.NotEqual(first.Num("batch"), replaced.Num("batch"));
        Assert.Equal(4, (await CliRun.CountsAsync(db)).Measurements);

        var batches = await CliRun.JsonAsync(db, "measures", "batches");
        var batch = Assert.Single(batches.EnumerateArray());
        Assert.Equal("ga4.csv", batch.Str("fileName"));
        Assert.Equal(64, batch.Str("hash")!.Length);
        Assert.Equal("testeur", batch.Str("who"));
        Assert.Equal(2m, batch.Num("matched"));

        await CliRun.OkAsync(db, "measures", "undo", replaced.Num("batch")!.Value.ToString());
        Assert.Equal(0, (await CliRun.CountsAsync(db)).Measurements);
        var kpi = Assert.Single((await CliRun.JsonAsync(db, "plan", "show", "T1")).Items("actions")[0].Items("kpis"));
        Assert.True(kpi.IsNull("actual"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Unmatched_rows_are_kept_and_assigning_them_teaches_an_alias(string provider)
    {
        await using var db = await PlanAsync(provider);
        await CliRun.OkAsync(db, "measures", "import", Write("ga4.csv", Ga4), "--plan", "T1");
        var pending = await CliRun.JsonAsync(db, "measures", "unmatched");
        Assert.Equal(2, pending.GetArrayLength());
        Assert.All(pending.EnumerateArray(), p => Assert.Equal("salon-inconnu", p.Str("key")));
        var ids = string.Join(",", pending.EnumerateArray().Select(p => p.GetProperty("id").GetInt64()));
        var assigned = await CliRun.JsonAsync(db, "measures", "assign", ids, "--action", "Salon");
        Assert.Equal(2m, assigned.Num("assigned"));
        Assert.Equal(0, (await CliRun.JsonAsync(db, "measures", "unmatched")).GetArrayLength());

        // The next export with that campaign matches by itself.
        var next = Write("ga4-next.csv", Ga4.Replace("20261103,salon-inconnu,10,1", "20261104,Salon-Inconnu,7,2"));
        var r = await CliRun.JsonAsync(db, "measures", "import", next, "--plan", "T1");
        Assert.Equal(0m, r.Num("unmatched"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_bad_number_at_row_n_stores_nothing_and_names_file_row_column_and_value(string provider)
    {
        await using var db = await PlanAsync(provider);
        var file = Write("bad.csv", Ga4 + "20261104,t1-sea-produit,douze,1\r\n");
        var result = await CliRun.RunAsync(db, "measures", "import", file, "--plan", "T1");
        Assert.Equal(2, result.Exit);
        var line = Assert.Single(result.ErrLines);
        Assert.Contains("bad.csv", line);
        Assert.Contains("ligne 9", line);
        Assert.Contains("colonne « Sessions »", line);
        Assert.Contains("« douze » n'est pas un nombre", line);
        Assert.Equal(0, (await CliRun.CountsAsync(db)).Measurements);
        Assert.Equal(0, (await CliRun.JsonAsync(db, "measures", "batches")).GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_negative_count_and_an_unknown_file_are_refused(string provider)
    {
        await using var db = await PlanAsync(provider);
        var negative = await CliRun.RunAsync(db, "measures", "import", Write("neg.csv", Ga4.Replace(",120,", ",-120,")), "--plan", "T1");
        Assert.Equal(2, negative.Exit);
        Assert.Contains("ne peut pas être négatif", negative.Err);
        var unknown = await CliRun.RunAsync(db, "measures", "import", Write("notes.csv", "hello,world\r\n1,2\r\n"));
        Assert.Equal(2, unknown.Exit);
        Assert.Contains("première ligne : « hello,world »", unknown.Err);
        Assert.Contains("google-ads", unknown.Err);
        Assert.Equal(0, (await CliRun.CountsAsync(db)).Measurements);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Real_exports_import_with_their_totals_checked_and_an_empty_one_says_so(string provider)
    {
        await using var db = await PlanAsync(provider);
        var fixtures = Pilote.Tests.Measurements.Fixtures.Folder;
        var ads = await CliRun.JsonAsync(db, "measures", "import", Path.Combine(fixtures, "google-ads", "intragoinc__Campaign_report_alltime.csv"),
            "--action", "SEA produit", "--plan", "T1", "--start", "2026-10-01", "--end", "2026-10-31");
        var impressions = ads.GetProperty("totals").GetProperty("impressions");
        Assert.Equal(14117313m, impressions.Num("file"));
        Assert.Equal(14117313m, impressions.Num("rows"));
        Assert.True(impressions.GetProperty("match").GetBoolean());
        Assert.Equal(12m, ads.Num("matched"));
        // Aggregated before writing: one value per metric (impressions, clicks, spend, conversions, interactions).
        Assert.Equal(5m, ads.Num("stored"));
        Assert.Equal(283527m, ads.GetProperty("totals").GetProperty("interactions").Num("rows"));

        var empty = await CliRun.OkAsync(db, "measures", "import", Path.Combine(fixtures, "meta-ads",
            "DanielTheC_internal-lnking-tool__Daniel-Conlan-Campaigns-1-Sep-202430-Sep-2024.csv"), "--lang", "en");
        Assert.Contains("holds no data, nothing imported", empty.Out);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Spaces_dashes_underscores_dots_and_accents_do_not_break_a_match(string provider)
    {
        await using var db = await PlanAsync(provider);
        // The same code spelt differently is not added twice to the action.
        await CliRun.OkAsync(db, "action", "set", "SEA produit", "--plan", "T1", "--utm", "T1 SEA Produit");
        await using (var ctx = db.Open())
            Assert.Equal(["t1seaproduit"], await ctx.TrackingCodes.Select(c => c.Normalized).ToListAsync());

        var file = Write("ga4.csv", "# Start date: 20261101\r\n# End date: 20261107\r\nDate,Session campaign,Sessions,Key events\r\n"
            + "20261102,t1 sea produit,10,1\r\n20261102,T1_SEA_PRODUIT,20,2\r\n20261103,t1.séa.produit,30,3\r\n20261104,Salon Équip'Hôtel,5,1\r\n");
        var r = await CliRun.JsonAsync(db, "measures", "import", file, "--plan", "T1");
        Assert.Equal(3m, r.Num("matched"));
        var pending = await CliRun.JsonAsync(db, "measures", "unmatched");
        var ids = string.Join(",", pending.EnumerateArray().Select(p => p.GetProperty("id").GetInt64()));
        await CliRun.OkAsync(db, "measures", "assign", ids, "--action", "Salon");

        // The alias learnt from "Salon Équip'Hôtel" matches the slugged spelling another tool writes.
        var next = Write("ga4-next.csv", "# Start date: 20261108\r\n# End date: 20261114\r\nDate,Session campaign,Sessions,Key events\r\n"
            + "20261109,salon-equip'hotel,8,2\r\n20261109,t1-sea-produit,1,1\r\n");
        var again = await CliRun.JsonAsync(db, "measures", "import", next, "--plan", "T1");
        Assert.Equal(2m, again.Num("matched"));
        Assert.Equal(0m, again.Num("unmatched"));
        var plan = await CliRun.JsonAsync(db, "plan", "show", "T1");
        Assert.Equal(7m, plan.Items("actions")[0].Items("kpis")[0].Num("actual"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_file_whose_rows_miss_its_own_total_imports_with_a_warning_per_metric(string provider)
    {
        await using var db = await PlanAsync(provider);
        // The rows add up to 170 clicks and 200,00 €; the file's total says 160 clicks (a row was removed by hand).
        var file = Write("ads.csv", "Campaign report\r\n\"November 1, 2026 - November 30, 2026\"\r\nDay,Campaign,Clicks,Cost,Currency code\r\n"
            + "2026-11-02,T1 SEA produit,100,120.50,EUR\r\n2026-11-03,T1 SEA produit,70,79.50,EUR\r\nTotal: Campaigns,,160,200.00,EUR\r\n");
        var r = await CliRun.JsonAsync(db, "measures", "import", file, "--plan", "T1");
        var clicks = r.GetProperty("totals").GetProperty("clicks");
        Assert.Equal((170m, 160m), (clicks.Num("rows")!.Value, clicks.Num("file")!.Value));
        Assert.False(clicks.GetProperty("match").GetBoolean());
        Assert.True(r.GetProperty("totals").GetProperty("spend").GetProperty("match").GetBoolean());
        Assert.Contains("clicks: the rows add up to 170 but the file's total says 160", Assert.Single(r.Strings("warnings")));
        Assert.Equal(2m, r.Num("matched"));

        // In a table, the check says "écart" and the warning goes to stderr; the import still stands (exit 0).
        var again = await CliRun.RunAsync(db, "measures", "import", file, "--plan", "T1", "--replace");
        Assert.Equal(0, again.Exit);
        Assert.Contains("écart", again.Out);
        // JSON keeps English words; the person reads French.
        Assert.Contains("clicks : les lignes totalisent 170 mais le total du fichier dit 160", again.Err);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_year_of_daily_rows_is_stored_sum_by_sum_with_its_totals_and_undone_whole(string provider)
    {
        await using var db = await PlanAsync(provider);
        // 365 days of a tracked campaign (sessions, key events, revenue with cents) and one unknown campaign a day: the bulk
        // writes go by hundreds of rows, so this file fills whole statements and a last, shorter one, on each table.
        var text = new System.Text.StringBuilder("# Start date: 20260101\r\n# End date: 20261231\r\nDate,Session campaign,Sessions,Key events,Total revenue\r\n");
        var (sessions, events, revenue) = (0L, 0L, 0m);
        for (var d = 0; d < 365; d++)
        {
            var day = new DateOnly(2026, 1, 1).AddDays(d);
            var value = 1000.01m + d;
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{day:yyyyMMdd},T1-SEA-Produit,{100 + d},{d % 7},{value}\r\n");
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{day:yyyyMMdd},inconnu-{d},3,1,0\r\n");
            (sessions, events, revenue) = (sessions + 100 + d, events + (d % 7), revenue + value);
        }
        var r = await CliRun.JsonAsync(db, "measures", "import", Write("year.csv", text.ToString()), "--plan", "T1");
        Assert.Equal((730m, 365m, 365m), (r.Num("rows")!.Value, r.Num("matched")!.Value, r.Num("unmatched")!.Value));

        await using (var ctx = db.Open())
        {
            // Every day's key events is a measurement of its own (a day with none is a zero, still stored)...
            var stored = await ctx.Measurements.Where(m => m.Metric == "conversions").OrderBy(m => m.PeriodStart).ToListAsync();
            Assert.Equal(365, stored.Count);
            Assert.Equal(new DateOnly(2026, 12, 31), stored[^1].PeriodStart);
            Assert.Equal(events, stored.Sum(m => m.Value));
            var revenues = await ctx.Measurements.Where(m => m.Metric == "revenue").Select(m => m.Value).ToListAsync();
            Assert.Equal(revenue, revenues.Sum());
            Assert.Contains(1000.01m, revenues);
            // ...and the daily sums KPIs read and the monthly totals hold exactly the same sums, to the cent; one-day rows
            // have no total of their own.
            var days = await PointSums.Of(ctx.Measurements.Where(m => m.Metric == "revenue")).ToListAsync();
            Assert.Equal(365, days.Count);
            Assert.Equal(revenue, days.Sum(t => t.Sum));
            Assert.Equal(0, await ctx.MeasurementTotals.CountAsync());
            Assert.Equal(sessions * 1_000_000, await ctx.MeasurementMonths.Where(m => m.Metric == "sessions").SumAsync(m => m.Micros));
            Assert.Equal(12, await ctx.MeasurementMonths.CountAsync(m => m.Metric == "sessions"));
            Assert.Equal(365 * 3, await ctx.UnmatchedMeasurements.CountAsync());
        }

        await CliRun.OkAsync(db, "measures", "undo", r.Num("batch")!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await using (var ctx = db.Open())
        {
            Assert.Equal(0, await ctx.Measurements.CountAsync());
            Assert.Equal(0, await ctx.MeasurementTotals.CountAsync());
            Assert.Equal(0, await ctx.MeasurementMonths.CountAsync());
        }
    }
}
