using Pilote.Testing;

namespace Pilote.App.Tests.Measurements;

/// <summary>Meta Ads Manager's .xlsx export and generic long and wide workbooks, through `pilote measures import`.</summary>
public sealed class WorkbookImportTests
{
    private static async Task<TestDatabase> PlanAsync(string provider)
    {
        var db = await TestDatabase.CreateAsync(provider);
        await CliRun.OkAsync(db, "plan", "new", "--name", "T1", "--start", "2026-10-01", "--end", "2026-12-31");
        await CliRun.OkAsync(db, "action", "add", "T1", "--title", "Retargeting", "--channel", "social_ads", "--kpi", "cpc",
            "--target", "<1€", "--utm", "LS Retargeting");
        await CliRun.OkAsync(db, "action", "add", "T1", "--title", "Prospection", "--channel", "social_ads", "--kpi", "cpc",
            "--target", "<1€", "--utm", "LS Prospection");
        return db;
    }

    private static string MetaWorkbook() => TestWorkbook.Write("Meta-report.xlsx",
        ["Campaign name", "Reporting starts", "Reporting ends", "Reach", "Impressions", "Amount spent (EUR)", "Link clicks"],
        // The unnamed first row is the account total: it checks the rows and is never stored.
        [null, "2026-10-01", "2026-10-31", 5000, 12000, 350.75, 240],
        ["LS Retargeting", "2026-10-01", "2026-10-31", 3000, 8000, 200.25, 150],
        // Dates as Excel stores date cells: serial numbers.
        ["LS Prospection", TestWorkbook.Serial(2026, 10, 1), TestWorkbook.Serial(2026, 10, 31), 2500, 4000, 150.5, 90]);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Meta_xlsx_is_detected_checked_against_its_account_total_and_moves_kpis_and_spent(string provider)
    {
        await using var db = await PlanAsync(provider);
        var r = await CliRun.JsonAsync(db, "measures", "import", MetaWorkbook(), "--plan", "T1");
        Assert.Equal("meta-ads", r.Str("source"));
        Assert.Equal(2m, r.Num("rows"));
        Assert.Equal(2m, r.Num("matched"));
        var spend = r.GetProperty("totals").GetProperty("spend");
        Assert.Equal(350.75m, spend.Num("rows"));
        Assert.Equal(350.75m, spend.Num("file"));
        Assert.True(spend.GetProperty("match").GetBoolean());
        Assert.Equal("2026-10-01", r.GetProperty("period").Str("start"));
        Assert.Equal("2026-10-31", r.GetProperty("period").Str("end"));

        var plan = await CliRun.JsonAsync(db, "plan", "show", "T1");
        var retargeting = plan.Items("actions").Single(a => a.Str("title") == "Retargeting");
        Assert.Equal(200.25m, retargeting.Num("spent"));
        // CPC = spend / clicks over the period: 200,25 / 150.
        Assert.Equal(Math.Round(200.25m / 150m, 4), Math.Round(retargeting.Items("kpis")[0].Num("actual")!.Value, 4));
        Assert.Equal(150.5m, plan.Items("actions").Single(a => a.Str("title") == "Prospection").Num("spent"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Generic_long_and_wide_workbooks_store_the_same_values(string provider)
    {
        await using var db = await PlanAsync(provider);
        var day = TestWorkbook.Serial(2026, 11, 2);
        var wide = TestWorkbook.Write("wide.xlsx",
            ["Date", "Campaign", "spend", "clicks"],
            [day, "LS Retargeting", 12.5, 10],
            [day + 1, "LS Retargeting", 7.5, 5]);
        var w = await CliRun.JsonAsync(db, "measures", "import", wide, "--plan", "T1");
        Assert.Equal("generic", w.Str("source"));
        Assert.Equal(2m, w.Num("matched"));
        Assert.Equal(20m, w.GetProperty("totals").GetProperty("spend").Num("rows"));
        Assert.Equal("2026-11-02", w.GetProperty("period").Str("start"));

        var longBook = TestWorkbook.Write("long.xlsx",
            ["date", "action", "metric", "value"],
            ["2026-11-02", "LS Prospection", "spend", 12.5],
            ["2026-11-02", "LS Prospection", "clicks", 10],
            ["03/11/2026", "LS Prospection", "spend", "7,5"],
            ["03/11/2026", "LS Prospection", "clicks", 5]);
        var l = await CliRun.JsonAsync(db, "measures", "import", longBook, "--plan", "T1");
        Assert.Equal(4m, l.Num("matched"));
        Assert.Equal(20m, l.GetProperty("totals").GetProperty("spend").Num("rows"));

        var actions = (await CliRun.JsonAsync(db, "plan", "show", "T1")).Items("actions");
        Assert.Equal(actions[0].Items("kpis")[0].Num("actual"), actions[1].Items("kpis")[0].Num("actual"));
        Assert.Equal(20m, actions[1].Num("spent"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_bad_cell_a_renamed_file_and_an_unknown_sheet_are_refused_naming_where(string provider)
    {
        await using var db = await PlanAsync(provider);
        var bad = TestWorkbook.Write("bad.xlsx",
            ["Campaign name", "Reporting starts", "Reporting ends", "Impressions", "Amount spent (EUR)"],
            ["LS Retargeting", "2026-11-01", "2026-11-30", 8000, 200.25],
            ["LS Prospection", "2026-11-01", "2026-11-30", "beaucoup", 150.5]);
        var r = await CliRun.RunAsync(db, "measures", "import", bad, "--plan", "T1");
        Assert.Equal(2, r.Exit);
        var line = Assert.Single(r.ErrLines);
        Assert.Contains("bad.xlsx, ligne 3, colonne « Impressions » : « beaucoup » n'est pas un nombre", line);
        Assert.Equal(0, (await CliRun.CountsAsync(db)).Measurements);

        var folder = Path.GetDirectoryName(bad)!;
        var renamed = Path.Combine(folder, "export.xlsx");
        await File.WriteAllBytesAsync(renamed, [0x50, 0x4B, 0x03, 0x04, 1, 2, 3, 4, 5, 6]);
        var broken = await CliRun.RunAsync(db, "measures", "import", renamed, "--lang", "en");
        Assert.Equal(2, broken.Exit);
        Assert.StartsWith("pilote: export.xlsx: ", Assert.Single(broken.ErrLines));

        var unknown = TestWorkbook.Write("notes.xlsx", ["Idea", "Owner"], ["Flyers", "Ana"]);
        var u = await CliRun.RunAsync(db, "measures", "import", unknown);
        Assert.Equal(2, u.Exit);
        Assert.Contains("notes.xlsx : un classeur que Pilote ne reconnaît pas (première ligne : « Idea,Owner »)", u.Err);
    }
}
