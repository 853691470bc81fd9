using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Pilote.Actions;
using Pilote.App.Plans;
using Pilote.Demo;
using Pilote.Office.Tests.Common;
using Pilote.Plans;
using Pilote.Testing;

namespace Pilote.Office.Tests.Plans;

/// <summary>
/// A plan larger than the import's chunks: created from a CSV (bulk inserts), exported complete, edited in its later
/// chunks and imported back (the streamed diff), then exported and imported again with nothing to change.
/// </summary>
public sealed class LargePlanImportTests
{
    private const int Count = PlanUpdateService.ChunkSize * 2 + 500;

    private static string Csv(string folder)
    {
        var path = Path.Combine(folder, "grand-plan.csv");
        var csv = new StringBuilder("Plan de lancement généré\nAction;Canal;Responsable;Statut;Début;Échéance;Budget;KPI;Cible;Commentaires\n");
        var statuses = new[] { "En cours", "Done", "Not Started", "Fait", "Working on it" };
        for (var i = 1; i <= Count; i++)
            csv.Append(CultureInfo.InvariantCulture, $"Action n°{i};{(i % 2 == 0 ? "SEA" : "Emailing")};Personne {i % 13};{statuses[i % statuses.Length]};")
                .Append(CultureInfo.InvariantCulture, $"2026-01-{1 + i % 28:00};2026-03-{1 + i % 28:00};{i % 900 + 100};CPC;<{1 + i % 3},50 €;Note {i}\n");
        File.WriteAllText(path, csv.ToString());
        return path;
    }

    private static async Task<string> ExportAsync(TestDatabase db, int planId, string path)
    {
        await using var ctx = db.Open();
        var report = await PlanExports.ReportAsync(ctx, planId, DemoPlans.Today, default);
        await PlanExports.WriteAsync(ctx, report, "complet", path, true, DemoPlans.Clock.GetUtcNow(), default);
        return path;
    }

    private static async Task<PlanDiff> ImportAsync(TestDatabase db, string path, bool apply)
    {
        await using var ctx = db.Open();
        return await PlanImports.UpdateAsync(ctx, DemoPlans.Clock, path, apply, "testeur", default);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_plan_of_several_chunks_goes_in_from_a_csv_and_comes_back_from_its_export_edit_for_edit(string provider)
    {
        await using var db = await DemoPlans.LoadAsync(provider);
        var folder = DemoPlans.Folder();
        int planId;
        await using (var ctx = db.Open())
        {
            var workspace = await ctx.Workspaces.OrderBy(w => w.Id).Select(w => w.Id).FirstAsync();
            var (_, result) = await PlanImports.CreateAsync(ctx, DemoPlans.Clock, Csv(folder), workspace, null, null, "testeur", false, default);
            Assert.Equal(Count, result.Count);
            planId = result.Plan.Id;
        }
        List<PlanAction> actions;
        await using (var ctx = db.Open())
            actions = await ctx.Actions.AsNoTracking().Include(a => a.Channel).Include(a => a.Comments).Include(a => a.Kpis).ThenInclude(k => k.History)
                .Where(a => a.PlanId == planId).OrderBy(a => a.Position).ToListAsync();
        // Bulk-inserted rows read back as EF would have stored them: enums, dates, amounts, versions, children's keys.
        Assert.Equal(Count, actions.Count);
        var last = actions[^1];
        Assert.Equal(("Action n°2500", "sea", "Personne 4", ActionStatus.InProgress, new DateOnly(2026, 1, 9), new DateOnly(2026, 3, 9), 800m, 1),
            (last.Title, last.Channel!.Key, last.Owner, last.Status, last.Start!.Value, last.Due!.Value, last.PlannedBudget!.Value, last.Version));
        var kpi = Assert.Single(last.Kpis);
        Assert.Equal(("<2,50 €", 2.5m, 1, 1), (kpi.TargetText, kpi.TargetValue!.Value, kpi.Version, kpi.History.Count));
        Assert.Equal("Note 2500", Assert.Single(last.Comments).Text);

        var path = await ExportAsync(db, planId, Path.Combine(folder, "complet.xlsx"));
        Assert.Empty((await ImportAsync(db, path, apply: true)).Changes);

        // Edits past the first chunks: an owner, a KPI target, a comment, a removal and an addition.
        var (owner, target, removed, note) = (actions[2_100], actions[2_200], actions[1_500], actions[2_400]);
        int removedRow;
        using (var edit = new SheetEditor(path))
        {
            edit.SetText("Actions", edit.RowOf("Actions", owner.Id), "responsable", "Nadia");
            edit.SetText("KPIs & cibles", edit.RowOf("KPIs & cibles", target.Kpis.Single().Id), "cible", "<0,90 €");
            edit.SetText("Commentaires", edit.RowOf("Commentaires", note.Comments.Single().Id), "texte", "Relancer l'agence");
            removedRow = edit.RowOf("Actions", removed.Id);
            edit.DeleteRow("Actions", removedRow);
            var row = edit.AddRow("Actions");
            edit.SetText("Actions", row, "action", "Webinaire de clôture");
            edit.SetText("Actions", row, "canal_id", "seo");
        }
        var diff = await ImportAsync(db, path, apply: true);
        Assert.True(diff.Applied);
        Assert.Equal(
            [
                (RowChangeKind.Changed, "action", (int?)owner.Id), (RowChangeKind.Added, "action", null), (RowChangeKind.Removed, "action", removed.Id),
                (RowChangeKind.Changed, "KPI", target.Kpis.Single().Id), (RowChangeKind.Changed, "comment", note.Comments.Single().Id),
            ],
            diff.Changes.Select(c => (c.Kind, c.Entity, c.Id)));
        Assert.Equal([new FieldChange("responsable", owner.Owner, "Nadia")], diff.Changes[0].Fields);
        Assert.Equal([new FieldChange("cible", target.Kpis.Single().TargetText, "<0,90 €")], diff.Changes[3].Fields);

        await using (var ctx = db.Open())
        {
            var stored = await ctx.Actions.SingleAsync(a => a.Id == owner.Id);
            Assert.Equal(("Nadia", 2), (stored.Owner, stored.Version));
            Assert.False(await ctx.Actions.AnyAsync(a => a.Id == removed.Id));
            Assert.True(await ctx.Actions.AnyAsync(a => a.PlanId == planId && a.Title == "Webinaire de clôture"));
            Assert.Equal("<0,90 €", (await ctx.ActionKpis.SingleAsync(k => k.ActionId == target.Id)).TargetText);
            // The change history has the edits, and nothing for the thousands of rows the file left as they were.
            var logged = await ctx.ActionChanges.Where(c => c.By == "testeur").ToListAsync();
            Assert.Contains(logged, c => c.ActionId == owner.Id && c.Field == ActionChangeFields.Owner && c.NewValue == "Nadia");
            Assert.Contains(logged, c => c.ActionId == target.Id && c.Field == ActionChangeFields.Target && c.NewValue == "<0,90 €");
            Assert.Equal(3, logged.Select(c => c.ActionId).Distinct().Count());
            Assert.Equal(2, (await ctx.Actions.SingleAsync(a => a.Id == note.Id)).Version);
        }

        // Exported again, the plan comes back with nothing to change.
        var again = await ExportAsync(db, planId, Path.Combine(folder, "again.xlsx"));
        Assert.Empty((await ImportAsync(db, again, apply: false)).Changes);
    }
}
