using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Pilote.Actions;
using Pilote.App.Plans;
using Pilote.Demo;
using Pilote.Office.Common;
using Pilote.Office.Plans;
using Pilote.Office.Reading;
using Pilote.Office.Tests.Common;
using Pilote.Plans;
using Pilote.Testing;

namespace Pilote.Office.Tests.Plans;

/// <summary>
/// The round trip loses nothing: export the complete workbook, edit it (plan fields, objective links, tracking codes,
/// comments and adjustments), save it through LibreOffice, import it, export again: every sheet Pilote reads back holds
/// what the person left in it.
/// </summary>
public sealed class RoundTripTests
{
    private static readonly string[] Editable =
        [CompletWorkbook.PlanSheet, CompletWorkbook.ObjectivesSheet, CompletWorkbook.ActionsSheet, CompletWorkbook.CommentsSheet, CompletWorkbook.KpisSheet];

    // Ids of new rows and versions move on import; the KPI sheet's computed columns are Pilote's, not the person's.
    private static readonly string[] NotContent = ["id", "version", "SMART", "manque", "réel", "atteinte", "attendu", "rythme", "prévision", "statut_kpi", "raison", RowPrint.Header];

    private static async Task<string> ExportAsync(TestDatabase db, int planId, string path)
    {
        await using var ctx = db.Open();
        var report = await PlanExports.ReportAsync(ctx, planId, DemoPlans.Today, default);
        await PlanExports.WriteAsync(ctx, report, "complet", path, true, DemoPlans.Clock.GetUtcNow(), default);
        return path;
    }

    /// <summary>Each editable sheet as its rows of header → value, numbers compared as numbers (LibreOffice drops "1500.0000" to "1500").</summary>
    private static Dictionary<string, List<string>> Content(string path)
    {
        using var book = new WorkbookReader(path);
        var content = new Dictionary<string, List<string>>();
        foreach (var sheet in Editable)
        {
            var rows = book.Rows(sheet).Where(r => r.Number >= TableSheet.HeaderRow && !r.IsBlank).ToList();
            var headers = rows[0].Cells;
            content[sheet] = [.. rows.Skip(1).Select(r => string.Join(" | ", headers.Select((h, i) => (h, v: r[i]))
                .Where(x => x.h is not null && !NotContent.Contains(x.h) && !(sheet == CompletWorkbook.KpisSheet && x.h == "statut"))
                .Select(x => $"{x.h}={Normal(x.v)}")))];
        }
        return content;
    }

    private static string Normal(string? value) =>
        value is null ? "" : double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            ? Math.Round(d, 6).ToString(CultureInfo.InvariantCulture) : value;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Export_edit_in_libreoffice_import_and_export_again_gives_the_same_content(string provider)
    {
        await using var db = await DemoPlans.LoadAsync(provider);
        int planId;
        PlanAction action;
        List<int> objectives;
        await using (var ctx = db.Open())
        {
            planId = (await PlanLoader.FindAsync(ctx, DemoWorkspace.LocalScopeName)).Id;
            objectives = await ctx.Objectives.Where(o => o.PlanId == planId).OrderBy(o => o.Id).Select(o => o.Id).ToListAsync();
            action = await ctx.Actions.Include(a => a.Comments).Include(a => a.TrackingCodes).Include(a => a.Objectives)
                .Where(a => a.PlanId == planId && a.Comments.Count > 0).OrderBy(a => a.Position).FirstAsync();
        }
        Assert.True(objectives.Count >= 2);
        var folder = DemoPlans.Folder();
        var path = await ExportAsync(db, planId, Path.Combine(folder, "complet.xlsx"));
        var comment = action.Comments.OrderBy(c => c.At).ThenBy(c => c.Id).First();
        using (var edit = new SheetEditor(path))
        {
            edit.SetText("Plan", 4, "nom", "LocalScope — lancement (révisé)");
            edit.SetText("Plan", 4, "description", "Plan revu en comité");
            edit.SetNumber("Plan", 4, "budget", 61_500);
            edit.SetNumber("Plan", 4, "début", CellRef.Serial(new DateOnly(2026, 7, 6)));
            var row = edit.RowOf("Actions", action.Id);
            edit.SetText("Actions", row, "objectifs liés", $"{objectives[0]}, {objectives[1]}");
            edit.SetText("Actions", row, "codes de suivi", "utm:salon-rennes-2026\npromo:RENNES10");
            edit.SetText("Commentaires", edit.RowOf("Commentaires", comment.Id), "texte", comment.Text + " (précisé)");
            var added = edit.AddRow("Commentaires");
            edit.SetNumber("Commentaires", added, "action_id", action.Id);
            edit.SetText("Commentaires", added, "action", action.Title);
            edit.SetNumber("Commentaires", added, "date", CellRef.Serial(new DateOnly(2026, 11, 20)));
            edit.SetText("Commentaires", added, "auteur", "Salma");
            edit.SetText("Commentaires", added, "type", "ajustement");
            edit.SetText("Commentaires", added, "texte", "Budget salon +500 €, pris sur le display");
        }
        var saved = await LibreOffice.LibreOfficeRunner.ResaveAsync(path, Directory.CreateDirectory(Path.Combine(folder, "lo")).FullName);

        // The rows the person left alone still carry their fingerprint after LibreOffice saved the file: the import only
        // checks their versions. The edited rows and the added one do not, and are compared.
        var read = CompletReader.Read(saved);
        var actions = read.Actions.ToList();
        Assert.False(actions.Single(a => a.Id == action.Id).Unchanged);
        Assert.All(actions.Where(a => a.Id != action.Id), a => Assert.True(a.Unchanged, $"action row {a.Row}"));
        var comments = read.Comments!.ToList();
        Assert.Equal([comment.Id, null], comments.Where(c => !c.Unchanged).Select(c => c.Id));
        Assert.All(read.Kpis, k => Assert.True(k.Unchanged, $"KPI row {k.Row}"));

        await using (var ctx = db.Open())
        {
            var diff = await PlanImports.UpdateAsync(ctx, DemoPlans.Clock, saved, true, "testeur", default);
            Assert.True(diff.Applied);
            var plan = Assert.Single(diff.Changes, c => c.Entity == "plan");
            Assert.Equal(["nom", "description", "début", "budget"], plan.Fields.Select(f => f.Field));
            var links = Assert.Single(diff.Changes, c => c.Entity == "action");
            Assert.Equal(["objectifs liés", "codes de suivi"], links.Fields.Select(f => f.Field));
            Assert.Equal($"{objectives[0]}, {objectives[1]}", links.Fields[0].New);
            Assert.Single(diff.Changes, c => c.Entity == "comment" && c.Kind == RowChangeKind.Changed);
            Assert.Single(diff.Changes, c => c.Entity == "comment" && c.Kind == RowChangeKind.Added);
            Assert.Equal(4, diff.Changes.Count);
        }
        await using (var ctx = db.Open())
        {
            var stored = await ctx.Actions.Include(a => a.Comments).Include(a => a.TrackingCodes).Include(a => a.Objectives)
                .SingleAsync(a => a.Id == action.Id);
            Assert.Equal(objectives.Take(2).Order(), stored.Objectives.Select(o => o.ObjectiveId).Order());
            Assert.Equal([(TrackingKind.UtmCampaign, "salon-rennes-2026"), (TrackingKind.PromoCode, "RENNES10")],
                stored.TrackingCodes.OrderBy(c => c.Kind).Select(c => (c.Kind, c.Value)));
            var adjustment = Assert.Single(stored.Comments, c => c.Kind == CommentKind.Adjustment && c.Author == "Salma");
            Assert.Equal(new DateOnly(2026, 11, 20), DateOnly.FromDateTime(adjustment.At.UtcDateTime));
            // The comment moved the action's version, as a comment added in Pilote does.
            Assert.True(stored.Version > action.Version);
            var plan = await ctx.Plans.SingleAsync(p => p.Id == planId);
            Assert.Equal(("LocalScope — lancement (révisé)", 61_500m, new DateOnly(2026, 7, 6)), (plan.Name, plan.Budget!.Value, plan.Start));
        }

        var again = await ExportAsync(db, planId, Path.Combine(folder, "again.xlsx"));
        var before = Content(saved);
        var after = Content(again);
        // Row order aside (a comment typed at the bottom is listed with its action's), every row reads the same.
        foreach (var sheet in Editable)
            Assert.Equal(before[sheet].Order(StringComparer.Ordinal), after[sheet].Order(StringComparer.Ordinal));
        await using (var ctx = db.Open())
            Assert.Empty((await PlanImports.UpdateAsync(ctx, DemoPlans.Clock, again, false, "testeur", default)).Changes);
        Directory.Delete(folder, true);
    }
}
