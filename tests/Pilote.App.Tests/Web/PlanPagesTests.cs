using System.Globalization;
using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Pilote.Actions;
using Pilote.App.Actions;
using Pilote.App.Dashboards;
using Pilote.App.Imports;
using Pilote.App.Layout;
using Pilote.App.Objectives;
using Pilote.App.Reviews;
using Pilote.Testing;
using Pilote.Tests.Measurements;

namespace Pilote.App.Tests.Web;

/// <summary>The plan pages as the marketing manager reads them, rendered with bUnit on the demo workspace in a real SQLite file.</summary>
public sealed class PlanPagesTests
{
    private static readonly FixedClock Clock = new(2026, 11, 22);

    /// <summary>The demo, Marie signed in as an editor, and a bUnit context with what the plan pages inject.</summary>
    private static async Task<(BunitContext Ctx, TestDatabase Db)> SignedInAsync()
    {
        var db = await TestDatabase.CreateAsync("sqlite");
        await CliRun.OkAsync(db, "demo");
        await CliRun.OkAsync(db, "user", "add", "marie@localscope.fr", "--workspace", "demo", "--role", "editor");
        await using var ctx = db.Open();
        var user = await ctx.Users.SingleAsync(u => u.NormalizedEmail == "MARIE@LOCALSCOPE.FR");
        var bunit = new BunitContext();
        bunit.Services.AddSingleton(db.Target);
        bunit.Services.AddSingleton<TimeProvider>(Clock);
        bunit.Services.AddScoped<PlanNav>();
        bunit.Services.AddSingleton<PlanChanges>();
        bunit.Services.AddMudServices();
        bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        bunit.AddAuthorization().SetAuthorized("marie@localscope.fr").SetClaims(new Claim(ClaimTypes.NameIdentifier, user.Id.ToString(CultureInfo.InvariantCulture)));
        return (bunit, db);
    }

    private static async Task<int> PlanIdAsync(TestDatabase db, string startsWith)
    {
        await using var ctx = db.Open();
        return await ctx.Plans.Where(p => p.Name.StartsWith(startsWith)).Select(p => p.Id).SingleAsync();
    }

    /// <summary>The imports page with a file dropped on it, as the browser sends it under the name the person gave it.</summary>
    private static async Task<IRenderedComponent<ImportsPage>> DropAsync(BunitContext context, int plan, string file, string name)
    {
        var cut = context.Render<ImportsPage>(p => p.Add(x => x.PlanId, plan));
        cut.WaitForAssertion(() => Assert.Single(cut.FindComponents<InputFile>()));
        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(await File.ReadAllBytesAsync(file), name));
        return cut;
    }

    private static void Culture(string name) =>
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);

    [Fact]
    public async Task The_actions_serving_an_objective_read_as_a_list_not_one_run_on_title()
    {
        var (bunit, db) = await SignedInAsync();
        await using var database = db;
        await using var context = bunit;
        // Set here, not in the async helper: a culture set inside an awaited method does not flow back to its caller.
        Culture("fr-FR");
        var plan = await PlanIdAsync(db, "LocalScope");
        var cut = context.Render<ObjectivesPage>(p => p.Add(x => x.PlanId, plan));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=objective-actions]")));
        var served = cut.FindAll("[data-testid=objective-actions]")
            .Single(e => e.TextContent.Contains("Relance", StringComparison.Ordinal));
        Assert.Equal("Servi par : Newsletter décideurs bimensuelle · Relance « Inactifs 90j » segmentée", Squeeze(served.TextContent));
        Assert.Equal(2, served.QuerySelectorAll("a.served-by").Length);
    }

    [Fact]
    public async Task The_weekly_review_names_its_pace_column_in_French()
    {
        var (bunit, db) = await SignedInAsync();
        await using var database = db;
        await using var context = bunit;
        Culture("fr-FR");
        var plan = await PlanIdAsync(db, "LocalScope");
        var cut = context.Render<WeeklyReviewPage>(p => p.Add(x => x.PlanId, plan));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("th")));
        var headers = cut.FindAll("th").Select(h => h.TextContent.Trim()).ToList();
        Assert.Contains("Rythme", headers);
        Assert.DoesNotContain("Pace", headers);

        // The record button waits for a reason, and says so instead of sitting disabled without a word.
        var save = cut.FindAll("[data-testid=decide-save]")[0];
        Assert.True(save.HasAttribute("disabled"));
        Assert.Equal("Écrivez d'abord pourquoi : la raison est gardée au journal des arbitrages", save.GetAttribute("title"));
        cut.FindAll("[data-testid=decide-reason]")[0].Input("Le salon absorbe le budget");
        save = cut.FindAll("[data-testid=decide-save]")[0];
        Assert.False(save.HasAttribute("disabled"));
        Assert.False(save.HasAttribute("title"));
    }

    [Fact]
    public async Task A_reach_total_in_a_Meta_export_is_called_not_additive_not_missing()
    {
        var (bunit, db) = await SignedInAsync();
        await using var database = db;
        await using var context = bunit;
        Culture("fr-FR");
        var plan = await PlanIdAsync(db, "LocalScope");
        // The real Meta Ads export: its total row says reach 635 040, the age rows add up to more (people in several rows).
        var cut = await DropAsync(context, plan, Fixtures.File("meta-ads", "Anas3rdshade_Teefusion__Untitled-report-Feb-1-2025-to-Aug-4-2025_Age.csv"), "meta-age.csv");
        cut.WaitForAssertion(() => Assert.Contains("Contrôle des totaux", cut.Markup, StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        string Check(string metric) => cut.FindAll("tr").Single(r => r.QuerySelector("th")?.TextContent == metric).QuerySelectorAll("td").Last().TextContent;
        Assert.Equal("non additif : pas comparé", Check("reach"));
        Assert.Equal("✓ concorde", Check("clicks"));
    }

    [Fact]
    public async Task A_google_ads_report_saved_by_french_excel_shows_its_totals_as_pounds_and_says_how_it_was_read()
    {
        var (bunit, db) = await SignedInAsync();
        await using var database = db;
        await using var context = bunit;
        Culture("fr-FR");
        var plan = await PlanIdAsync(db, "LocalScope");
        // The real UTF-16 report in GBP, saved again by French Excel: Windows-1252, semicolons, "365,22", "9 380".
        var cut = await DropAsync(context, plan, Fixtures.Resaved("google-ads", "DanielTheC__Campaign report_utf16_tab.csv", "excel-fr"), "google-ads-excel.csv");
        cut.WaitForAssertion(() => Assert.Contains("Contrôle des totaux", cut.Markup, StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        string[] Cells(string metric) => [.. cut.FindAll("tr").Single(r => r.QuerySelector("th")?.TextContent == metric).QuerySelectorAll("td")
            .Select(td => td.TextContent.Replace('\u202F', ' ').Replace('\u00A0', ' '))];
        Assert.Equal(["365,22 £", "365,22 £", "✓ concorde"], Cells("spend"));
        Assert.Equal(["841,23 £", "841,23 £", "✓ concorde"], Cells("revenue"));
        Assert.Equal(["9 380", "9 380", "✓ concorde"], Cells("impressions"));
        Assert.Contains("⚠ fichier lu en Windows-1252", cut.Find("[data-testid=preview]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_all_time_report_with_no_dates_is_read_again_with_the_period_the_person_gives_and_imported_with_it()
    {
        var (bunit, db) = await SignedInAsync();
        await using var database = db;
        await using var context = bunit;
        Culture("fr-FR");
        var plan = await PlanIdAsync(db, "LocalScope");
        // Google Ads' « Depuis le début » campaign report: no date column, "All time" as its period. The command line
        // takes --start and --end; the page asked for neither and so could never import it.
        var cut = await DropAsync(context, plan, Fixtures.File("google-ads", "intragoinc__Campaign_report_alltime.csv"), "google-ads-depuis-le-debut.csv");
        cut.WaitForAssertion(() => cut.Find("[data-testid=preview-needs-period]"), TimeSpan.FromSeconds(30));
        Assert.StartsWith("google-ads-depuis-le-debut.csv ne dit pas sur quelle période portent ses chiffres", cut.Find("[data-testid=preview-needs-period]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("--start", cut.Markup, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=confirm-import]"));

        // A period that ends before it starts is refused where it is typed.
        cut.Find("[data-testid=period-start]").Change("31/03/2026");
        cut.Find("[data-testid=period-end]").Change("01/01/2026");
        cut.Find("[data-testid=period-apply]").Click();
        cut.WaitForAssertion(() => Assert.Equal("Au : le 01/01/2026 est avant le début, le 31/03/2026", cut.Find("[data-testid=period-error]").TextContent));

        cut.Find("[data-testid=period-start]").Change("01/01/2026");
        cut.Find("[data-testid=period-end]").Change("31/03/2026");
        cut.Find("[data-testid=period-apply]").Click();
        cut.WaitForAssertion(() => Assert.Equal("01/01/2026 → 31/03/2026", cut.Find("[data-testid=preview-period]").TextContent), TimeSpan.FromSeconds(30));
        Assert.Equal("google-ads", cut.Find("[data-testid=preview-source]").TextContent);
        Assert.Contains("Période indiquée", cut.Find("[data-testid=preview]").TextContent, StringComparison.Ordinal);
        await using (var before = db.Open())
            Assert.Equal(0, await before.ImportBatches.CountAsync(b => b.FileName == "google-ads-depuis-le-debut.csv"));

        cut.Find("[data-testid=confirm-import]").Click();
        cut.WaitForAssertion(() => Assert.StartsWith("google-ads-depuis-le-debut.csv importé", cut.Find("[data-testid=import-message]").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        await using var check = db.Open();
        var batch = await check.ImportBatches.SingleAsync(b => b.FileName == "google-ads-depuis-le-debut.csv");
        Assert.Equal((new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31)), (batch.PeriodStart!.Value, batch.PeriodEnd!.Value));
        // The campaigns are not LocalScope's: the twelve rows wait to be assigned, each over the period given.
        var rows = await check.UnmatchedMeasurements.Where(u => u.BatchId == batch.Id).ToListAsync();
        Assert.NotEmpty(rows);
        Assert.All(rows, u => Assert.Equal((new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31)), (u.PeriodStart, u.PeriodEnd)));
    }

    [Fact]
    public async Task Attainment_reads_the_same_in_the_cli_table_and_on_the_dashboard()
    {
        var (bunit, db) = await SignedInAsync();
        await using var database = db;
        await using var context = bunit;
        Culture("fr-FR");
        var plan = await PlanIdAsync(db, "LocalScope");
        // One rule: a tenth of a percent, always, cut rather than rounded up. The CLI wrote « 57,0 % » beside « 59 % »
        // and « 97,8 % » where the dashboard wrote « 98 % ».
        var fr = CultureInfo.GetCultureInfo("fr-FR");
        var table = Spaces((await CliRun.OkAsync(db, "plan", "show", plan.ToString(CultureInfo.InvariantCulture))).Out);
        var json = await CliRun.JsonAsync(db, "plan", "show", plan.ToString(CultureInfo.InvariantCulture));
        var attainments = json.Items("actions").SelectMany(a => a.Items("kpis")).Select(k => k.Num("attainment")).OfType<decimal>().ToList();
        Assert.NotEmpty(attainments);
        // The JSON's attainment is rounded to four decimals: the tenth shown is its floor or the one below.
        foreach (var a in attainments)
        {
            var tenth = Math.Floor(a * 1000) / 10;
            Assert.True(table.Contains($"{tenth.ToString("0.0", fr)} %", StringComparison.Ordinal)
                || table.Contains($"{(tenth - 0.1m).ToString("0.0", fr)} %", StringComparison.Ordinal), $"{a}: {table}");
        }

        var cut = context.Render<PlanDashboardPage>(p => p.Add(x => x.PlanId, plan));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".attain strong")));
        foreach (var shown in cut.FindAll(".attain strong").Select(s => Spaces(s.TextContent.Trim())).Where(s => s != "—"))
        {
            Assert.Matches(@"^\d+,\d %$", shown);
            Assert.Contains(shown, table, StringComparison.Ordinal);
        }
    }

    private static string Spaces(string text) => text.Replace('\u202F', ' ').Replace('\u00A0', ' ');

    [Fact]
    public async Task A_plan_with_no_KPI_is_not_said_to_be_on_course()
    {
        var (bunit, db) = await SignedInAsync();
        await using var database = db;
        await using var context = bunit;
        Culture("fr-FR");
        // NutriBoost: five actions, not one KPI, nothing measured. An empty "needs attention" list proves nothing here.
        var nutriBoost = await PlanIdAsync(db, "NutriBoost");
        var cut = context.Render<PlanDashboardPage>(p => p.Add(x => x.PlanId, nutriBoost));
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("section.attention p")));
        var said = cut.Find("section.attention p");
        Assert.StartsWith("Rien à signaler, faute de mesure : aucun KPI n'est mesuré contre une cible.", said.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal($"/plans/{nutriBoost}/sante", said.QuerySelector("a")?.GetAttribute("href"));
        Assert.DoesNotContain("tout avance comme prévu", cut.Markup, StringComparison.Ordinal);
        // Nothing listed: the count is not shown in the alarm's red.
        Assert.Contains("none", cut.Find("[data-testid=attention-count]").ClassList);
        // Its actions exist: the tiles' empty state asks for KPIs, not for actions.
        Assert.Contains("donnez à chaque action un KPI et sa cible", cut.Find("[data-testid=no-tile]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_review_of_a_plan_that_ended_months_ago_says_it_ended_not_that_it_ends_this_week()
    {
        var (bunit, db) = await SignedInAsync();
        await using var database = db;
        await using var context = bunit;
        Culture("fr-FR");
        // NutriBoost ran from 1 April to 30 June 2026; the review opens on last week, 16 to 22 November.
        var nutriBoost = await PlanIdAsync(db, "NutriBoost");
        var cut = context.Render<WeeklyReviewPage>(p => p.Add(x => x.PlanId, nutriBoost));
        cut.WaitForAssertion(() => Assert.Contains("aucun budget à réallouer", cut.Markup, StringComparison.Ordinal));
        Assert.Contains("le plan est terminé depuis le 30/06/2026 : plus rien à arbitrer, aucun budget à réallouer", cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("se termine cette semaine", cut.Markup, StringComparison.Ordinal);
        // Where the recommendations would be: why there are none, not « aucune action n'a de KPI principal mesuré ».
        Assert.Equal("le plan est terminé depuis le 30/06/2026 : plus rien à arbitrer, aucun budget à réallouer",
            cut.Find("[data-testid=outside-plan]").TextContent);
        Assert.DoesNotContain("aucune action n'a de KPI principal mesuré", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_English_pages_name_KPIs_in_English()
    {
        var (bunit, db) = await SignedInAsync();
        await using var database = db;
        await using var context = bunit;
        Culture("en-GB");
        var plan = await PlanIdAsync(db, "LocalScope");

        var dashboard = context.Render<PlanDashboardPage>(p => p.Add(x => x.PlanId, plan));
        dashboard.WaitForAssertion(() => Assert.NotEmpty(dashboard.FindAll(".tile-kpi")));
        var tiles = dashboard.FindAll(".tile-kpi").Select(t => t.TextContent.Trim()).ToList();
        Assert.Contains("Downloads", tiles);
        Assert.Contains("Promo codes redeemed", tiles);
        Assert.DoesNotContain("Téléchargements", tiles);
        // The "needs attention" list names the KPI that is off track in English too.
        Assert.Contains(dashboard.FindAll("[data-testid=attention]"), a => a.TextContent.Contains("Open rate", StringComparison.Ordinal));
        Assert.DoesNotContain(dashboard.FindAll("[data-testid=attention]"), a => a.TextContent.Contains("Taux d'ouverture", StringComparison.Ordinal));

        var grid = context.Render<ActionGridPage>(p => p.Add(x => x.PlanId, plan));
        grid.WaitForAssertion(() => Assert.NotEmpty(grid.FindAll("[data-testid=grid-row]")));
        var kpiOptions = grid.FindAll("select[aria-label^='KPI'] option").Select(o => o.TextContent.Trim()).Distinct().ToList();
        Assert.Contains("Repeat purchase rate", kpiOptions);
        Assert.DoesNotContain("Taux de réachat", kpiOptions);

        await using (var ctx = db.Open())
        {
            var action = await ctx.Actions.Where(a => a.Title.StartsWith("Dépôt-vente")).Select(a => a.Id).SingleAsync();
            var page = context.Render<ActionPage>(p => p.Add(x => x.ActionId, action));
            page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=action-kpi] h3")));
            Assert.Equal("Promo codes redeemed", page.Find("[data-testid=action-kpi] h3").TextContent.Trim());
            Assert.Contains(page.FindAll("[data-testid=kpi-pick] option"), o => o.TextContent == "Store visits");
        }

        var objectives = context.Render<ObjectivesPage>(p => p.Add(x => x.PlanId, plan));
        objectives.WaitForAssertion(() => Assert.NotEmpty(objectives.FindAll("[data-testid=objective]")));
        Assert.Contains("Metric: Open rate", Squeeze(objectives.Markup), StringComparison.Ordinal);
        Assert.Contains(objectives.FindAll("[data-testid=obj-kpi] option"), o => o.TextContent == "Repeat purchase rate");
    }

    [Fact]
    public async Task The_timeline_does_not_print_a_month_label_over_the_next_one()
    {
        var (bunit, db) = await SignedInAsync();
        await using var database = db;
        await using var context = bunit;
        Culture("fr-FR");
        // LocalScope moved to start on Monday 24 August (as the demo does when loaded on 24 November): eight days of
        // August, too narrow for "août 2026" beside "sept. 2026".
        var plan = await PlanIdAsync(db, "LocalScope");
        var start = new DateOnly(2026, 8, 24);
        await using (var ctx = db.Open())
        {
            await ctx.Plans.Where(p => p.Id == plan).ExecuteUpdateAsync(u => u.SetProperty(p => p.Start, start));
            await ctx.Actions.Where(a => a.PlanId == plan && a.Start < start).ExecuteUpdateAsync(u => u.SetProperty(a => a.Start, start));
        }
        var cut = context.Render<ActionTimelinePage>(p => p.Add(x => x.PlanId, plan));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".tl-month")));
        var months = cut.FindAll(".tl-month").Select(m => m.TextContent).ToList();
        // Each capitalised the same way (the browser's text-transform capitalised the first only).
        Assert.Equal(["Sept. 2026", "Oct. 2026", "Nov. 2026", "Déc. 2026", "Janv. 2027", "Févr. 2027"], months);
    }

    [Fact]
    public async Task A_tile_past_its_deadline_gives_the_result_not_a_forecast_with_an_empty_interval()
    {
        var (bunit, db) = await SignedInAsync();
        await using var database = db;
        await using var context = bunit;
        Culture("fr-FR");
        var plan = await PlanIdAsync(db, "LocalScope");
        var cut = context.Render<PlanDashboardPage>(p => p.Add(x => x.PlanId, plan));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=tile-forecast]")));
        var footers = cut.FindAll("article").Where(a => a.QuerySelector("[data-testid=tile-forecast]") is not null)
            .Select(a => (Kpi: a.QuerySelector(".tile-kpi")!.TextContent.Trim(), Tile: a.TextContent, Text: Squeeze(a.QuerySelector("[data-testid=tile-forecast]")!.TextContent)))
            .ToList();
        // The MVP report was due on 4 October and done: 340 downloads, said once, as the result.
        var downloads = footers.Single(f => f.Kpi == "Téléchargements" && f.Tile.Contains("MVP — Rapport", StringComparison.Ordinal)).Text;
        Assert.Matches(@"^Résultat au \d\d/\d\d/2026 : 340$", downloads);
        // A tile still running keeps its forecast and its interval.
        var traffic = footers.First(f => f.Kpi == "Trafic").Text;
        Assert.Matches(@"^Prévision au \d\d/\d\d/2027 : [\d\s\u202F]+ \([\d\s\u202F]+ – [\d\s\u202F]+\)$", traffic);
    }

    [Fact]
    public async Task The_timeline_says_which_action_is_late_undated_or_one_day_and_never_cuts_its_dates()
    {
        var (bunit, db) = await SignedInAsync();
        await using var database = db;
        await using var context = bunit;
        Culture("fr-FR");
        var plan = await PlanIdAsync(db, "LocalScope");
        var (start, end) = (new DateOnly(2026, 9, 1), new DateOnly(2027, 2, 28));
        List<int> ids;
        await using (var ctx = db.Open())
        {
            await ctx.Plans.Where(p => p.Id == plan).ExecuteUpdateAsync(u => u.SetProperty(p => p.Start, start).SetProperty(p => p.End, end));
            await ctx.Actions.Where(a => a.PlanId == plan).ExecuteUpdateAsync(u => u
                .SetProperty(a => a.Start, start).SetProperty(a => a.Due, end).SetProperty(a => a.Status, ActionStatus.Live));
            ids = await ctx.Actions.Where(a => a.PlanId == plan).OrderBy(a => a.Position).Select(a => a.Id).Take(4).ToListAsync();
            // No due date; due on 10 November and still in progress on the 22nd; a one-day event near the end; done late.
            await ctx.Actions.Where(a => a.Id == ids[0]).ExecuteUpdateAsync(u => u.SetProperty(a => a.Due, (DateOnly?)null));
            await ctx.Actions.Where(a => a.Id == ids[1]).ExecuteUpdateAsync(u => u
                .SetProperty(a => a.Due, new DateOnly(2026, 11, 10)).SetProperty(a => a.Status, ActionStatus.InProgress));
            await ctx.Actions.Where(a => a.Id == ids[2]).ExecuteUpdateAsync(u => u
                .SetProperty(a => a.Start, new DateOnly(2027, 2, 20)).SetProperty(a => a.Due, new DateOnly(2027, 2, 20)).SetProperty(a => a.Status, ActionStatus.Planned));
            await ctx.Actions.Where(a => a.Id == ids[3]).ExecuteUpdateAsync(u => u
                .SetProperty(a => a.Due, new DateOnly(2026, 10, 1)).SetProperty(a => a.Status, ActionStatus.Done));
        }
        var cut = context.Render<ActionTimelinePage>(p => p.Add(x => x.PlanId, plan));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=timeline-bar]")));
        var bars = cut.FindAll("[data-testid=timeline-row]").Take(4).Select(r => r.QuerySelector("[data-testid=timeline-bar]")!).ToList();
        string[] Classes(int i) => bars[i].ClassName!.Split(' ');

        Assert.Equal("01/09/2026 → sans échéance", bars[0].TextContent.Trim());
        Assert.Contains("open-end", Classes(0));
        Assert.DoesNotContain("late", Classes(0));

        Assert.Contains("late", Classes(1));
        Assert.EndsWith("En cours · en retard de 12 jours", bars[1].GetAttribute("title"), StringComparison.Ordinal);

        // One day, one date; too short for it inside, so written before the bar (it ends near the right edge).
        Assert.Equal("20/02/2027", bars[2].TextContent.Trim());
        Assert.Contains("outside", Classes(2));
        Assert.Contains("before", Classes(2));
        Assert.DoesNotContain("late", Classes(3));

        var legend = cut.FindAll("[data-testid=timeline-legend]").Select(l => l.TextContent).ToList();
        var live = (await CountAsync(db, plan)) - 3;
        Assert.Equal(["Prévu (1)", "En cours (1)", $"Actif ({live})", "Terminé (1)"], legend);
    }

    private static async Task<int> CountAsync(TestDatabase db, int plan)
    {
        await using var ctx = db.Open();
        return await ctx.Actions.CountAsync(a => a.PlanId == plan);
    }

    /// <summary>The text as a reader sees it: runs of white space (the markup's indentation) as one space.</summary>
    private static string Squeeze(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
