using Pilote.Actions;
using Pilote.Demo;
using Pilote.Kpis;
using Pilote.Office.Plans;
using Pilote.Office.Tests.LibreOffice;
using Pilote.Plans;
using Pilote.Testing;

namespace Pilote.Office.Tests.Plans;

public sealed class NumeriqueWorkbookTests
{
    private const string Sheet = "Plan numérique";
    private static readonly string[] LeverLabels =
        ["SEO", "SEA", "Emailing automation", "Réseaux sociaux", "Content marketing", "Influence", "A/B testing & analytics"];

    private static async Task<(PlanReport Report, string Path, string Folder)> ExportAsync(TestDatabase db, string planName)
    {
        var (report, _) = await DemoPlans.ReportAsync(db, planName);
        await using var ctx = db.Open();
        var catalog = await App.Plans.PlanExports.CatalogAsync(ctx, report.Plan.WorkspaceId, default);
        var folder = DemoPlans.Folder();
        var path = System.IO.Path.Combine(folder, "Plan_Action_Marketing_Numerique.xlsx");
        await using (var stream = File.Create(path))
            NumeriqueWorkbook.Write(report, catalog, stream, french: true, DemoPlans.Clock.GetUtcNow());
        return (report, path, folder);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task One_row_per_lever_filled_from_the_plan_with_uncovered_levers_shown_as_gaps(string provider)
    {
        await using var db = await DemoPlans.LoadAsync(provider);
        var (report, path, folder) = await ExportAsync(db, DemoWorkspace.MiniCaseName);

        Assert.Empty(Workbooks.ValidationErrors(path));
        using var book = new Workbooks(path);
        Assert.Equal(LeverLabels, Enumerable.Range(5, 7).Select(r => book.Text(Sheet, $"A{r}")));
        for (var i = 0; i < CatalogSeed.DigitalLevers.Length; i++)
        {
            var row = 5 + i;
            var actions = report.Actions.Where(a => a.Action.Channel!.Key == CatalogSeed.DigitalLevers[i]).ToList();
            if (actions.Count == 0)
            {
                Assert.Equal("Non couvert", book.Text(Sheet, $"J{row}"));
                Assert.Contains("levier non couvert", book.Text(Sheet, $"B{row}"));
                Assert.StartsWith("À définir", book.Text(Sheet, $"D{row}"));
                continue;
            }
            var action = Assert.Single(actions).Action;
            Assert.Equal("Couvert", book.Text(Sheet, $"J{row}"));
            Assert.Equal(action.Title, book.Text(Sheet, $"B{row}"));
            Assert.Equal(action.Aim, book.Text(Sheet, $"C{row}"));
            Assert.Equal(action.Status.Label(), book.Text(Sheet, $"G{row}"));
            Assert.Equal(action.Owner, book.Text(Sheet, $"F{row}"));
            var kpi = Assert.Single(actions[0].Kpis);
            Assert.Equal($"{kpi.Name} ({kpi.Target!.Text})", book.Text(Sheet, $"D{row}"));
        }

        // The coverage counts are live: LibreOffice finds Pilote's numbers, and follows when a gap is filled.
        var covered = report.Actions.Select(a => a.Action.Channel!.Key).Where(CatalogSeed.DigitalLevers.Contains).Distinct().Count();
        Assert.Equal(3, covered);
        var seoRow = 5 + Array.IndexOf(CatalogSeed.DigitalLevers, "seo");
        var (before, after) = await LibreOfficeRunner.RecalculateAsync(path, $"{Sheet}!J{seoRow}=Couvert");
        Assert.Equal(3, before.Count);
        Assert.All(before.Concat(after), f => Assert.Equal(0, f.Error));
        Assert.Equal([covered, 7 - covered, (double)report.Actions.Sum(a => a.Action.PlannedBudget ?? 0m)], before.Select(f => f.Value));
        Assert.Equal([covered + 1, 6 - covered], after.Take(2).Select(f => f.Value));
        Directory.Delete(folder, true);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_plan_made_from_the_numerique_template_covers_every_lever_with_the_catalog_kpis(string provider)
    {
        await using var db = await DemoPlans.LoadAsync(provider);
        await using (var ctx = db.Open())
        {
            var workspace = ctx.Workspaces.Single(w => w.Slug == DemoWorkspace.Slug);
            await new PlanService(ctx, DemoPlans.Clock).CreateAsync(workspace.Id, new PlanFields("Plan digital", "numerique"));
        }
        var (report, path, folder) = await ExportAsync(db, "Plan digital");

        Assert.Empty(Workbooks.ValidationErrors(path));
        using var book = new Workbooks(path);
        Assert.All(Enumerable.Range(5, 7), r => Assert.Equal("Couvert", book.Text(Sheet, $"J{r}")));
        Assert.All(Enumerable.Range(5, 7), r => Assert.Equal(ActionStatus.Planned.Label(), book.Text(Sheet, $"G{r}")));
        Assert.All(Enumerable.Range(5, 7), r => Assert.Equal("Mensuelle", book.Text(Sheet, $"E{r}")));
        var seo = report.Actions.Single(a => a.Action.Channel!.Key == "seo");
        Assert.Equal(string.Join("\n", seo.Kpis.Select(k => k.Name)), book.Text(Sheet, "D5"));
        Directory.Delete(folder, true);
    }
}
