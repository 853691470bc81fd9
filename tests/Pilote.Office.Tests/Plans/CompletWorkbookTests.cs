using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Pilote.Actions;
using Pilote.App.Plans;
using Pilote.Demo;
using Pilote.Office.Plans;
using Pilote.Office.Tests.LibreOffice;
using Pilote.Plans;
using Pilote.Reviews;
using Pilote.Testing;

namespace Pilote.Office.Tests.Plans;

public sealed class CompletWorkbookTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Every_sheet_of_the_plan_carries_ids_and_versions_and_its_formulas_match_pilote(string provider)
    {
        await using var db = await DemoPlans.LoadAsync(provider);
        await using (var ctx = db.Open())
        {
            var plan = await PlanLoader.FindAsync(ctx, DemoWorkspace.LocalScopeName);
            var sea = await ctx.Actions.SingleAsync(a => a.PlanId == plan.Id && a.Title.StartsWith("Campagne Google Ads"));
            await new ReviewService(ctx, DemoPlans.Clock).DecideAsync(plan.Id, new DateOnly(2026, 11, 9), sea.Id, "change", "adjust",
                "On garde les requêtes de marque", "testeur", true);
        }
        var (report, _) = await DemoPlans.ReportAsync(db, DemoWorkspace.LocalScopeName);
        List<StoredMeasure> measures;
        List<DecisionEntry> decisions;
        await using (var ctx = db.Open())
        {
            var ids = report.Actions.Select(a => a.Action.Id).ToList();
            measures = await ctx.Measurements.Where(m => ids.Contains(m.ActionId))
                .Select(m => new StoredMeasure(m.ActionId, m.Metric, m.PeriodStart, m.PeriodEnd, m.Value, m.Source)).ToListAsync();
            decisions = await PlanExports.DecisionsAsync(ctx, report, default);
        }
        var folder = DemoPlans.Folder();
        var path = Path.Combine(folder, "complet.xlsx");
        await using (var stream = File.Create(path))
            CompletWorkbook.Write(report, measures, decisions, stream, DemoPlans.Clock.GetUtcNow());

        Assert.Empty(Workbooks.ValidationErrors(path));
        using var book = new Workbooks(path);
        Assert.Equal(CompletWorkbook.SheetNames, book.SheetNames);
        Assert.Equal(report.Plan.Id.ToString(CultureInfo.InvariantCulture), book.Text("Plan", "A4"));
        Assert.Equal(report.Plan.Name, book.Text("Plan", "C4"));
        for (var i = 0; i < report.Actions.Count; i++)
        {
            var a = report.Actions[i].Action;
            Assert.Equal(a.Id.ToString(CultureInfo.InvariantCulture), book.Text("Actions", $"A{4 + i}"));
            Assert.Equal(a.Version.ToString(CultureInfo.InvariantCulture), book.Text("Actions", $"B{4 + i}"));
            Assert.Equal(a.Title, book.Text("Actions", $"C{4 + i}"));
            Assert.Equal(a.Channel!.Key, book.Text("Actions", $"D{4 + i}"));
        }
        Assert.Equal(report.Actions.Sum(a => a.Kpis.Count), book.Rows("KPIs & cibles").Count(r => r.Row > 3));
        Assert.Equal(measures.Count, book.Rows("Mesures").Count(r => r.Row > 3));
        Assert.Equal(report.Actions.Sum(a => a.Action.Comments.Count), book.Rows("Commentaires").Count(r => r.Row > 3));
        // The decision log lists every decision of the plan's reviews, in French words.
        Assert.Equal(decisions.Count, book.Rows("Journal des décisions").Count(r => r.Row > 3));
        Assert.Equal(new[] { "2026-W46", "Campagne Google Ads « rapports pays »", "arrêter", "modifié → ajuster", "On garde les requêtes de marque", "testeur" },
            new[] { "A", "C", "D", "E", "F", "G" }.Select(c => book.Text("Journal des décisions", c + "4")));
        Assert.True(measures.Count > 100);

        var (before, _) = await LibreOfficeRunner.RecalculateAsync(path);
        Assert.All(before, f => Assert.Equal(0, f.Error));
        var byChannel = report.Actions.GroupBy(a => a.Action.Channel!.Key).ToDictionary(g => g.Key, g => g.Select(a => a.Action).ToList());
        foreach (var f in before.Where(f => f.Sheet == "Budget par canal"))
        {
            var mine = byChannel[book.Text("Budget par canal", "A" + f.Cell[1..])!];
            var expected = f.Cell[0] switch
            {
                'C' => mine.Count,
                'D' => mine.Sum(a => a.PlannedBudget ?? 0m),
                _ => mine.Sum(a => a.Spent),
            };
            Assert.Equal((double)expected, f.Value, 6);
        }
        var summary = before.Where(f => f.Sheet == "Synthèse").ToDictionary(f => book.Text("Synthèse", "A" + f.Cell[1..])!, f => f.Value);
        Assert.Equal(report.Summary.Actions, summary["Total des actions"]);
        foreach (var (status, count) in report.Summary.ByStatus)
            Assert.Equal(count, summary[status.Label()]);
        Assert.Equal((double)report.Summary.Budget, summary["Budget prévu"], 6);
        Assert.Equal((double)report.Summary.Spent, summary["Budget dépensé"], 6);
        Assert.Equal(3 * byChannel.Count + 10, before.Count);
        Directory.Delete(folder, true);
    }
}
