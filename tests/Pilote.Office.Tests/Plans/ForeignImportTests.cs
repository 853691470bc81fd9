using Microsoft.EntityFrameworkCore;
using Pilote.Actions;
using Pilote.App.Plans;
using Pilote.Common;
using Pilote.Demo;
using Pilote.Kpis;
using Pilote.Plans;
using Pilote.Testing;

namespace Pilote.Office.Tests.Plans;

/// <summary>Spreadsheets Pilote did not write become plans whose actions a person recognises.</summary>
public sealed class ForeignImportTests
{
    private const string Fixtures = "/work/shared/fixtures/exports/plans";

    private static async Task<(ForeignPlan Sheet, IntakeResult Result, List<PlanAction> Actions)> ImportAsync(
        TestDatabase db, string path, bool dryRun = false, string? name = null)
    {
        await using var ctx = db.Open();
        var workspace = await ctx.Workspaces.OrderBy(w => w.Id).Select(w => w.Id).FirstAsync();
        var (sheet, result) = await PlanImports.CreateAsync(ctx, DemoPlans.Clock, path, workspace, name, null, "testeur", dryRun, default);
        await using var check = db.Open();
        var actions = await check.Actions.Include(a => a.Channel).Include(a => a.Comments).Include(a => a.Kpis).ThenInclude(k => k.Kpi)
            .Where(a => a.PlanId == result.Plan.Id).OrderBy(a => a.Position).ToListAsync();
        return (sheet, result, actions);
    }

    private static string Fixture(string name)
    {
        var path = Path.Combine(Fixtures, name);
        Assert.True(File.Exists(path), $"missing fixture {path}");
        return path;
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_monday_board_imports_with_its_groups_sub_items_owners_dates_and_statuses(string provider)
    {
        await using var db = await DemoPlans.LoadAsync(provider);
        var (sheet, result, actions) = await ImportAsync(db, Fixture("DanielTheC__monday_Website_Redevelopment_1725278091.xlsx"));

        Assert.Equal("Website Redevelopment", result.Plan.Name);
        Assert.Equal("website redevelopment", sheet.Sheet);
        Assert.Equal(27, actions.Count);
        var overview = actions.Single(a => a.Title == "Overview");
        Assert.Equal(("Daniel Conlan", ActionStatus.InProgress, new DateOnly(2024, 8, 27), new DateOnly(2024, 8, 29), "sea"),
            (overview.Owner, overview.Status, overview.Start!.Value, overview.Due!.Value, overview.Channel!.Key));
        Assert.Contains(overview.Comments, c => c.Text.StartsWith("Groupe « PPC »", StringComparison.Ordinal));
        var pools = actions.Single(a => a.Title == "Templates — Pools - First Draft");
        Assert.Equal((ActionStatus.Done, new DateOnly(2024, 8, 29), "Daniel Conlan"), (pools.Status, pools.Due!.Value, pools.Owner));
        Assert.Equal(ActionStatus.InProgress, actions.Single(a => a.Title == "Templates — Locations - First Draft").Status);
        Assert.Equal(ActionStatus.Planned, actions.Single(a => a.Title == "Ideation").Status);
        var article = actions.Single(a => a.Title == "In-Article Design");
        Assert.Equal((ActionStatus.Done, new DateOnly(2024, 9, 2), "content"), (article.Status, article.Due!.Value, article.Channel!.Key));
        Assert.Equal("seo", actions.Single(a => a.Title == "On-Page SEO — H1 titles").Channel!.Key);
        Assert.Equal("Daniel Conlan, Shane Webb", actions.Single(a => a.Title == "Favicon").Owner);
        Assert.Equal("ab_testing", actions.Single(a => a.Title == "Google Analytics 4").Channel!.Key);
        // Two "Content Strategy" items in two groups stay two actions.
        Assert.Equal(2, actions.Count(a => a.Title == "Content Strategy"));

        Assert.Contains(sheet.Columns, c => c.Header == "Priority" && c.Role is null && c.IgnoredBecause!.Contains("priorité"));
        Assert.Contains(sheet.Columns, c => c.Header == "Timeline - Start" && c.Role == "début");
        // « Timeline - End » stands in for a due date that is empty or before the timeline's start: « Templates » is due
        // 29/08 but starts 30/08, and ends 30/08; « Template » has no due date and a timeline of 19/09.
        Assert.Contains(sheet.Columns, c => c.Header == "Timeline - End" && c.Role == "échéance de repli");
        var templates = actions.Single(a => a.Title == "Templates");
        Assert.Equal((new DateOnly(2024, 8, 30), new DateOnly(2024, 8, 30)), (templates.Start!.Value, templates.Due!.Value));
        Assert.Contains(sheet.Notes, n => n.Row == 7
            && n.Text == "« Templates » : l'échéance 29/08/2024 précède le début 30/08/2024 ; la fin 30/08/2024 de « Timeline - End » est retenue");
        Assert.Equal(new DateOnly(2024, 9, 19), actions.Single(a => a.Title == "Template").Due);
        Assert.Equal(new DateOnly(2024, 9, 12), actions.Single(a => a.Title == "Ideation").Due);
        Assert.Contains(sheet.Ignored, r => r.Row == 12 && r.Text.Contains("sous-éléments"));
        Assert.Contains(result.Notes, n => n.Text.Contains("Content marketing") && n.Text.Contains("lignes 16,"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_french_plan_d_action_imports_with_merged_phases_actors_and_dates(string provider)
    {
        await using var db = await DemoPlans.LoadAsync(provider);
        var (sheet, result, actions) = await ImportAsync(db, Fixture("HugoPoi__Plan d'action.xlsx"));

        Assert.Equal("Plan d'action", result.Plan.Name);
        Assert.Equal(17, actions.Count);
        Assert.Equal("construction du plan d'action", actions[0].Title);
        Assert.Equal("Réalisation du power point", actions[^1].Title);
        var catalogue = actions.Single(a => a.Title == "Partie catalogue");
        Assert.Equal(("Farah", new DateOnly(2012, 12, 13), new DateOnly(2012, 12, 20)), (catalogue.Owner, catalogue.Start!.Value, catalogue.Due!.Value));
        Assert.Contains(catalogue.Comments, c => c.Text.StartsWith("Faire la partie catalogue en MEA", StringComparison.Ordinal));
        // "Réalisation du MEA" is typed once in a cell merged over four rows: every one of them belongs to it.
        Assert.Contains(actions.Single(a => a.Title == "Assemblage final").Comments, c => c.Text.StartsWith("Groupe « Réalisation du MEA »", StringComparison.Ordinal));
        Assert.Contains(actions.Single(a => a.Title == "Conclusion").Comments, c => c.Text.StartsWith("Groupe « Préparation du rapport »", StringComparison.Ordinal));
        // The file ends this task before it starts: the start is kept, the end dropped, and the note says so.
        var script = actions.Single(a => a.Title == "script de création (génération)");
        Assert.Equal((new DateOnly(2013, 1, 11), (DateOnly?)null), (script.Start!.Value, script.Due));
        Assert.Contains(sheet.Notes, n => n.Row == 10 && n.Text.Contains("la fin 13/01/2012 précède le début 11/01/2013"));
        Assert.Contains(sheet.Ignored, r => r.Row == 21 && r.Text.Contains("Total d'heure"));
        Assert.Contains(sheet.Columns, c => c.Header == "Temps estimé (en heures)" && c.Role is null);
        Assert.Equal((new DateOnly(2012, 11, 20), new DateOnly(2013, 1, 21)), (result.Plan.Start, result.Plan.End));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Pilotes_own_kpi_driven_and_numerique_workbooks_import_as_plans(string provider)
    {
        await using var db = await DemoPlans.LoadAsync(provider);
        var folder = DemoPlans.Folder();
        List<PlanAction> original;
        await using (var ctx = db.Open())
        {
            var plan = await PlanLoader.FindAsync(ctx, DemoWorkspace.LocalScopeName);
            original = await ctx.Actions.Include(a => a.Channel).Include(a => a.Kpis).ThenInclude(k => k.Kpi)
                .Where(a => a.PlanId == plan.Id).OrderBy(a => a.Position).ToListAsync();
            var report = await PlanExports.ReportAsync(ctx, plan.Id, DemoPlans.Today, default);
            foreach (var format in new[] { "kpi-driven", "numerique" })
                await PlanExports.WriteAsync(ctx, report, format, Path.Combine(folder, format + ".xlsx"), true, DemoPlans.Clock.GetUtcNow(), default);
        }

        var (_, _, kpi) = await ImportAsync(db, Path.Combine(folder, "kpi-driven.xlsx"), name: "Copie KPI");
        Assert.Equal(original.Select(a => (a.Title, a.Channel!.Key, a.Status, a.Owner, a.Start, a.Due, a.PlannedBudget)),
            kpi.Select(a => (a.Title, a.Channel!.Key, a.Status, a.Owner, a.Start, a.Due, a.PlannedBudget)));
        // The main KPI and its target come back as a KPI with the same target.
        foreach (var (a, b) in original.Zip(kpi))
            if (a.Kpis.OrderBy(k => k.Id).FirstOrDefault() is { TargetText: not null } main)
                Assert.Equal((main.Kpi!.Key, main.TargetText), (b.Kpis.Single().Kpi!.Key, b.Kpis.Single().TargetText));

        var (numSheet, _, lever) = await ImportAsync(db, Path.Combine(folder, "numerique.xlsx"), name: "Copie numérique");
        var digital = original.Where(a => CatalogSeed.DigitalLevers.Contains(a.Channel!.Key)).ToList();
        Assert.Equal(digital.Select(a => a.Title).Order(), lever.Select(a => a.Title).Order());
        Assert.All(lever, a => Assert.Equal(digital.Single(d => d.Title == a.Title).Channel!.Key, a.Channel!.Key));
        Assert.Contains(numSheet.Ignored, r => r.Text.Contains("zone de synthèse"));
        // The budget total is quoted back as the reader sees it in the workbook (« 58 700 »), not as the file stores it (58700.0).
        var total = digital.Sum(a => a.PlannedBudget ?? 0m).ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("fr-FR"));
        Assert.Contains(numSheet.Ignored, r => r.Text == $"« {total} » est un nombre, pas un nom d'action (une zone de synthèse)");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_csv_with_english_headers_and_text_dates_imports_and_a_bad_date_stores_nothing(string provider)
    {
        await using var db = await DemoPlans.LoadAsync(provider);
        var folder = DemoPlans.Folder();
        var good = Path.Combine(folder, "q1.csv");
        await File.WriteAllTextAsync(good,
            "Q1 marketing plan\n\nTask;Channel;Owner;Start;Due date;Status;Budget;Notes\n" +
            "Spring newsletter;Emailing;Léa;1 mars 2026;March 20, 2026;Working on it;1 200;Segment by country\n" +
            "Google Ads brand;PPC;Marc;2026-03-01;31/03/2026;Fait;3500,50;\n" +
            "Influencer box;Instagram influencers;;12-Mar-26;;Not Started;;\n" +
            // Summary rows with long titles (only their start is folded to recognise them) are left out.
            "Aucune action prévue pour ce levier pendant tout le trimestre — à revoir en comité;;;;;;;\n" +
            "TOTAL des actions de la campagne printemps–été 2026 (budget en euros);;;;;;4 700,50;\n");
        var (sheet, result, actions) = await ImportAsync(db, good);
        Assert.Equal("Q1 marketing plan", result.Plan.Name);
        Assert.Equal([7, 8], sheet.Ignored.Select(n => n.Row));
        // The plan spends what its actions plan to spend, over the days they run: as returned and as stored.
        Assert.Equal((4_700.50m, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31)), (result.Plan.Budget, result.Plan.Start, result.Plan.End));
        await using (var ctx = db.Open())
        {
            var stored = await ctx.Plans.SingleAsync(p => p.Id == result.Plan.Id);
            Assert.Equal((4_700.50m, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31), "Q1 marketing plan", 2),
                (stored.Budget, stored.Start, stored.End, stored.Name, stored.Version));
        }
        Assert.Equal(
            [
                ("Spring newsletter", "emailing", "Léa", new DateOnly(2026, 3, 1), (DateOnly?)new DateOnly(2026, 3, 20), ActionStatus.InProgress, (decimal?)1200m),
                ("Google Ads brand", "sea", "Marc", new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31), ActionStatus.Done, 3500.50m),
                ("Influencer box", "influence", null!, new DateOnly(2026, 3, 12), null, ActionStatus.Planned, null),
            ],
            actions.Select(a => (a.Title, a.Channel!.Key, a.Owner, a.Start!.Value, a.Due, a.Status, a.PlannedBudget)));

        var bad = Path.Combine(folder, "bad.csv");
        await File.WriteAllTextAsync(bad, "Action;Responsable;Échéance\nSalon Rennes;Paul;15/04/2026\nWebinaire;Ana;bientôt\n");
        int plans;
        await using (var ctx = db.Open())
            plans = await ctx.Plans.CountAsync();
        var ex = await Assert.ThrowsAsync<PiloteInputException>(() => ImportAsync(db, bad));
        Assert.Equal("bad.csv : feuille CSV, ligne 3, colonne Échéance (C3) : « bientôt » n'est pas une date (attendu : une cellule date, AAAA-MM-JJ, JJ/MM/AAAA ou « 12 mars 2026 »)", ex.Say(true));
        await using (var ctx = db.Open())
            Assert.Equal(plans, await ctx.Plans.CountAsync());

        var (_, dry, _) = await ImportAsync(db, good, dryRun: true, name: "Essai");
        Assert.Equal("Essai", dry.Plan.Name);
        await using (var ctx = db.Open())
            Assert.False(await ctx.Plans.AnyAsync(p => p.Name == "Essai"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Each_action_of_a_group_or_channel_that_names_no_channel_is_placed_by_its_own_title(string provider)
    {
        await using var db = await DemoPlans.LoadAsync(provider);
        var path = Path.Combine(DemoPlans.Folder(), "roadmap.csv");
        // Neither « Growth » nor « Digital » is a channel: the first title of each must not decide for the rows after it.
        await File.WriteAllTextAsync(path,
            "Phase;Task;Channel;Owner\n" +
            "Growth;Google Ads brand;;Dan\nGrowth;Newsletter janvier;;Eve\nGrowth;Instagram reels;;Frank\n" +
            "Launch;Webinar series;Digital;Carol\nLaunch;Spring newsletter;Digital;Léa\n");

        var (_, _, actions) = await ImportAsync(db, path);

        Assert.Equal(
            [
                ("Google Ads brand", "sea"), ("Newsletter janvier", "emailing"), ("Instagram reels", "social"),
                ("Webinar series", "events"), ("Spring newsletter", "emailing"),
            ],
            actions.Select(a => (a.Title, a.Channel!.Key)));
    }

    [Fact]
    public async Task An_A_B_test_named_in_a_title_is_placed_on_A_B_testing()
    {
        await using var db = await DemoPlans.LoadAsync("sqlite");
        var path = Path.Combine(DemoPlans.Folder(), "tests.csv");
        await File.WriteAllTextAsync(path, "Action;Responsable\nLanding page A/B test;Léa\nTest A/B de la page tarifs;Marc\nSplit test des visuels;Ana\n");

        var (_, _, actions) = await ImportAsync(db, path);

        Assert.Equal(["ab_testing", "ab_testing", "ab_testing"], actions.Select(a => a.Channel!.Key));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_csv_saved_by_french_excel_in_windows_1252_imports_with_its_accents_and_euros(string provider)
    {
        await using var db = await DemoPlans.LoadAsync(provider);
        var folder = DemoPlans.Folder();
        var path = Path.Combine(folder, "plan-excel.csv");
        // What Excel writes for « CSV (séparateur : point-virgule) »: Windows-1252 (é = E9, € = 80, a no-break space
        // = A0 between thousands), CRLF; not one byte of it is valid UTF-8 after the first accent.
        var text = "Plan marketing T1\r\n" +
            "Activité;Canal;Responsable;Début;Échéance;Statut;Budget\r\n" +
            "Campagne Google Ads « printemps »;SEA;Léa Müller;01/03/2026;31/03/2026;En cours;5\u00A0000 €\r\n" +
            "Newsletter fidélité;Emailing;Théo;01/02/2026;30/06/2026;Prévu;1\u00A0200,50 €\r\n";
        var bytes = System.Text.CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes(text);
        Assert.Contains((byte)0x80, bytes);
        Assert.False(System.Text.Unicode.Utf8.IsValid(bytes));
        await File.WriteAllBytesAsync(path, bytes);

        var (sheet, result, actions) = await ImportAsync(db, path);

        Assert.Equal("Plan marketing T1", result.Plan.Name);
        Assert.Equal(["Activité", "Canal", "Responsable", "Début", "Échéance", "Statut", "Budget"], sheet.Columns.Select(c => c.Header));
        Assert.Equal(
            [
                ("Campagne Google Ads « printemps »", "sea", "Léa Müller", new DateOnly(2026, 3, 31), ActionStatus.InProgress, (decimal?)5000m),
                ("Newsletter fidélité", "emailing", "Théo", new DateOnly(2026, 6, 30), ActionStatus.Planned, 1200.50m),
            ],
            actions.Select(a => (a.Title, a.Channel!.Key, a.Owner!, a.Due!.Value, a.Status, a.PlannedBudget)));
        var note = Assert.Single(sheet.Notes, n => n.Text.Contains("Windows-1252", StringComparison.Ordinal));
        Assert.Equal(1, note.Row);

        // The same sheet in UTF-8 reads the same, without the note.
        var utf8 = Path.Combine(folder, "plan-utf8.csv");
        await File.WriteAllTextAsync(utf8, text, new System.Text.UTF8Encoding(false));
        var (again, _, same) = await ImportAsync(db, utf8, name: "UTF-8");
        Assert.Equal(actions.Select(a => (a.Title, a.Owner, a.PlannedBudget)), same.Select(a => (a.Title, a.Owner, a.PlannedBudget)));
        Assert.DoesNotContain(again.Notes, n => n.Text.Contains("Windows-1252", StringComparison.Ordinal));

        // Excel's « CSV UTF-8 » starts with a byte-order mark: it is not part of the title row, so not of the plan's name.
        var marked = Path.Combine(folder, "plan-csv-utf8.csv");
        await File.WriteAllTextAsync(marked, text, new System.Text.UTF8Encoding(true));
        var (_, titled, _) = await ImportAsync(db, marked, dryRun: true);
        Assert.Equal("Plan marketing T1", titled.Plan.Name);
    }
}
