using Microsoft.EntityFrameworkCore;
using Pilote.Actions;
using Pilote.App.Plans;
using Pilote.Common;
using Pilote.Demo;
using Pilote.Objectives;
using Pilote.Office.Common;
using Pilote.Office.Plans;
using Pilote.Office.Reading;
using Pilote.Office.Tests.Common;
using Pilote.Plans;
using Pilote.Testing;

namespace Pilote.Office.Tests.Plans;

/// <summary>Export complet, edit as a person would, import: the diff, the transaction, the stale-row refusal.</summary>
public sealed class PlanUpdateTests
{
    private static async Task<string> ExportAsync(TestDatabase db, int planId, string folder, string name)
    {
        var path = Path.Combine(folder, name);
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

    private static PlanSheetRows Read(string path) => CompletReader.Read(path);

    /// <summary>The demo's LocalScope actions in the plan's order, untracked.</summary>
    private static async Task<List<PlanAction>> LocalScopeActionsAsync(TestDatabase db)
    {
        await using var ctx = db.Open();
        var plan = await PlanLoader.FindAsync(ctx, DemoWorkspace.LocalScopeName);
        return await ctx.Actions.AsNoTracking().Where(a => a.PlanId == plan.Id).OrderBy(a => a.Position).ToListAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_edited_export_comes_back_as_a_diff_then_in_one_save_and_exports_again_as_edited(string provider)
    {
        await using var db = await DemoPlans.LoadAsync(provider);
        int planId;
        PlanAction first, last;
        await using (var ctx = db.Open())
        {
            var plan = await PlanLoader.FindAsync(ctx, DemoWorkspace.LocalScopeName);
            planId = plan.Id;
            var actions = await ctx.Actions.Include(a => a.Channel).Include(a => a.Kpis).ThenInclude(k => k.Kpi)
                .Where(a => a.PlanId == planId).OrderBy(a => a.Position).ToListAsync();
            first = actions.First(a => a.Status != ActionStatus.Done && a.Kpis.Any(k => k.TargetText is not null));
            var measured = await ctx.Measurements.Select(m => m.ActionId).Distinct().ToListAsync();
            last = actions.Last(a => a.Id != first.Id && measured.Contains(a.Id));
        }
        var firstKpi = first.Kpis.OrderBy(k => k.Id).First(k => k.TargetText is not null);
        Objectives.Objective objective;
        await using (var ctx = db.Open())
            objective = await ctx.Objectives.Where(o => o.PlanId == planId).OrderBy(o => o.Id).FirstAsync();
        // The import does not touch the comments log: a comment written before the export survives the round trip.
        await using (var ctx = db.Open())
        {
            await new ActionService(ctx, DemoPlans.Clock).SetAsync(first.Id, new ActionFields { Comment = "Relancer le partenaire" }, "salma");
            first = await ctx.Actions.AsNoTracking().Include(a => a.Channel).Include(a => a.Kpis).ThenInclude(k => k.Kpi).SingleAsync(a => a.Id == first.Id);
        }
        firstKpi = first.Kpis.OrderBy(k => k.Id).First(k => k.TargetText is not null);
        var folder = DemoPlans.Folder();
        var path = await ExportAsync(db, planId, folder, "complet.xlsx");

        using (var edit = new SheetEditor(path))
        {
            edit.SetText("Actions", edit.RowOf("Actions", first.Id), "statut", "Terminé");
            edit.SetText("Actions", edit.RowOf("Actions", first.Id), "fin", "2027-01-31");
            edit.SetText("KPIs & cibles", edit.RowOf("KPIs & cibles", firstKpi.Id), "cible", "450");
            edit.SetNumber("Objectifs", edit.RowOf("Objectifs", objective.Id), "échéance", CellRef.Serial(new DateOnly(2027, 3, 31)));
            edit.DeleteRow("Actions", edit.RowOf("Actions", last.Id));
            var row = edit.AddRow("Actions");
            edit.SetText("Actions", row, "action", "Webinaire partenaires");
            edit.SetText("Actions", row, "canal_id", first.Channel!.Key);
            edit.SetText("Actions", row, "responsable", "Salma");
            edit.SetNumber("Actions", row, "début", CellRef.Serial(new DateOnly(2026, 12, 1)));
            edit.SetText("Actions", row, "fin", "15/12/2026");
            edit.SetText("Actions", row, "statut", "Working on it");
            edit.SetNumber("Actions", row, "budget", 1500);
            var kpiRow = edit.AddRow("KPIs & cibles");
            edit.SetText("KPIs & cibles", kpiRow, "action", "Webinaire partenaires");
            edit.SetText("KPIs & cibles", kpiRow, "kpi", "rendez_vous");
            edit.SetText("KPIs & cibles", kpiRow, "cible", "12");
        }
        Assert.Empty(Workbooks.ValidationErrors(path));

        var preview = await ImportAsync(db, path, apply: false);
        Assert.False(preview.Applied);
        var status = Assert.Single(preview.Changes, c => c.Entity == "action" && c.Kind == RowChangeKind.Changed);
        Assert.Equal(first.Id, status.Id);
        // The KPI rows still show the old due date as their deadline: moving the action's end is no change of theirs.
        Assert.Equal([new FieldChange("fin", first.Due?.ToString("yyyy-MM-dd"), "2027-01-31"), new FieldChange("statut", first.Status.Label(), ActionStatus.Done.Label())],
            status.Fields);
        var target = Assert.Single(preview.Changes, c => c.Entity == "KPI" && c.Kind == RowChangeKind.Changed);
        Assert.Equal([new FieldChange("cible", firstKpi.TargetText, "450")], target.Fields);
        var added = Assert.Single(preview.Changes, c => c.Entity == "action" && c.Kind == RowChangeKind.Added);
        Assert.Equal("Webinaire partenaires", added.Label);
        Assert.Contains(new FieldChange("début", null, "2026-12-01"), added.Fields);
        Assert.Contains(new FieldChange("fin", null, "2026-12-15"), added.Fields);
        Assert.Contains(preview.Changes, c => c.Entity == "KPI" && c.Kind == RowChangeKind.Added && c.Label == "Webinaire partenaires — Rendez-vous");
        var removed = Assert.Single(preview.Changes, c => c.Kind == RowChangeKind.Removed);
        Assert.Equal((last.Id, "action"), (removed.Id!.Value, removed.Entity));
        var goal = Assert.Single(preview.Changes, c => c.Entity == "objective");
        Assert.Equal([new FieldChange("échéance", objective.Deadline?.ToString("yyyy-MM-dd"), "2027-03-31")], goal.Fields);
        Assert.Equal(6, preview.Changes.Count);
        await using (var ctx = db.Open())
        {
            Assert.Equal(first.Status, (await ctx.Actions.SingleAsync(a => a.Id == first.Id)).Status);
            Assert.True(await ctx.Actions.AnyAsync(a => a.Id == last.Id));
            Assert.False(await ctx.Actions.AnyAsync(a => a.Title == "Webinaire partenaires"));
        }

        var applied = await ImportAsync(db, path, apply: true);
        Assert.True(applied.Applied);
        Assert.Equal(preview.Changes.Count, applied.Changes.Count);
        await using (var ctx = db.Open())
        {
            var a = await ctx.Actions.Include(x => x.Comments).SingleAsync(x => x.Id == first.Id);
            Assert.Equal(ActionStatus.Done, a.Status);
            Assert.Contains(a.Comments, c => c.Text == "Relancer le partenaire");
            var k = await ctx.ActionKpis.Include(x => x.History).SingleAsync(x => x.Id == firstKpi.Id);
            Assert.Equal(("450", 450m), (k.TargetText, k.TargetValue!.Value));
            Assert.Equal("450", k.History.OrderBy(h => h.ChangedAt).ThenBy(h => h.Id).Last().Text);
            Assert.Equal(new DateOnly(2027, 3, 31), (await ctx.Objectives.SingleAsync(o => o.Id == objective.Id)).Deadline);
            Assert.False(await ctx.Actions.AnyAsync(x => x.Id == last.Id));
            Assert.False(await ctx.Measurements.AnyAsync(m => m.ActionId == last.Id));
            var fresh = await ctx.Actions.Include(x => x.Kpis).ThenInclude(x => x.Kpi).SingleAsync(x => x.Title == "Webinaire partenaires");
            Assert.Equal((ActionStatus.InProgress, "Salma", new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 15), 1500m),
                (fresh.Status, fresh.Owner, fresh.Start!.Value, fresh.Due!.Value, fresh.PlannedBudget!.Value));
            Assert.Equal(("rendez_vous", "12"), (fresh.Kpis.Single().Kpi!.Key, fresh.Kpis.Single().TargetText));
            // The workbook's edits are in each action's change history, by the person who imported it.
            var logged = await ctx.ActionChanges.Where(c => c.ActionId == first.Id).ToListAsync();
            Assert.Contains(logged, c => c.Field == ActionChangeFields.Status && c.NewValue == "done" && c.By == "testeur");
            Assert.Contains(logged, c => c.Field == ActionChangeFields.Due && c.NewValue == "2027-01-31");
            Assert.Contains(logged, c => c.Field == ActionChangeFields.Target && c.Subject == firstKpi.Kpi!.Key && c.NewValue == "450");
            Assert.True(await ctx.ActionChanges.AnyAsync(c => c.ActionId == fresh.Id && c.Field == ActionChangeFields.Created));
        }

        // Export again: every row a person edited reads back as edited; importing that export changes nothing.
        var again = await ExportAsync(db, planId, folder, "again.xlsx");
        var edited = Read(path);
        var exported = Read(again);
        static object Content(SheetAction a) => (a.Title, a.ChannelKey, a.Owner, a.Start, a.Due, a.Status, a.Budget, a.Spent ?? 0m, a.Aim, a.Team, a.Tools);
        var expected = edited.Actions.Select(a => a with { Status = ActionWords.ParseStatus(a.Status!).Label() }).Select(Content).ToList();
        Assert.Equal(expected, exported.Actions.Select(Content).ToList());
        Assert.Equal(edited.Kpis.Where(k => k.ActionId != last.Id).Select(k => (k.ActionTitle, k.Target)),
            exported.Kpis.Select(k => (k.ActionTitle, k.Target)));
        Assert.Empty((await ImportAsync(db, again, apply: false)).Changes);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Carriage_returns_and_excel_escape_look_alikes_come_back_unchanged(string provider)
    {
        // A browser's text area sends "\r\n"; "_x000D_" typed as such is Excel's own escape for a carriage return.
        const string typed = "Ligne 1\r\nLigne 2\r_x000D_ et _x005F_, utm_x_1";
        await using var db = await DemoPlans.LoadAsync(provider);
        int actionId;
        await using (var ctx = db.Open())
        {
            var plan = await PlanLoader.FindAsync(ctx, DemoWorkspace.LocalScopeName);
            actionId = await ctx.Actions.Where(a => a.PlanId == plan.Id).OrderBy(a => a.Position).Select(a => a.Id).FirstAsync();
            await new ActionService(ctx, DemoPlans.Clock).SetAsync(actionId, new ActionFields { Comment = typed }, "salma");
        }
        var folder = DemoPlans.Folder();
        int planId;
        await using (var ctx = db.Open())
        {
            planId = (await PlanLoader.FindAsync(ctx, DemoWorkspace.LocalScopeName)).Id;
            Assert.True(await ctx.ActionComments.AnyAsync(c => c.ActionId == actionId && c.Text == typed));
        }
        var path = await ExportAsync(db, planId, folder, "cr.xlsx");

        Assert.Contains(Read(path).Comments!, c => c.ActionId == actionId && c.Text == typed);
        Assert.Empty((await ImportAsync(db, path, apply: false)).Changes);
        Directory.Delete(folder, true);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_copy_edited_and_saved_by_libreoffice_imports_only_the_edit(string provider)
    {
        await using var db = await DemoPlans.LoadAsync(provider);
        int planId;
        PlanAction action;
        await using (var ctx = db.Open())
        {
            planId = (await PlanLoader.FindAsync(ctx, DemoWorkspace.NutriBoostName)).Id;
            action = await ctx.Actions.Where(a => a.PlanId == planId).OrderBy(a => a.Position).FirstAsync();
        }
        var folder = DemoPlans.Folder();
        var path = await ExportAsync(db, planId, folder, "complet.xlsx");
        using (var edit = new SheetEditor(path))
            edit.SetText("Actions", edit.RowOf("Actions", action.Id), "responsable", "Inès (agence)");
        var saved = await LibreOffice.LibreOfficeRunner.ResaveAsync(path, Directory.CreateDirectory(Path.Combine(folder, "lo")).FullName);

        // LibreOffice rewrites every cell (shared strings, its own styles and numbers): only the edit may show.
        var diff = await ImportAsync(db, saved, apply: true);
        var change = Assert.Single(diff.Changes);
        Assert.Equal((RowChangeKind.Changed, action.Id), (change.Kind, change.Id!.Value));
        Assert.Equal([new FieldChange("responsable", action.Owner, "Inès (agence)")], change.Fields);
    }

    [Fact]
    public async Task The_diff_reads_in_the_readers_language_and_leaves_empty_fields_out()
    {
        await using var db = await DemoPlans.LoadAsync("sqlite");
        var actions = await LocalScopeActionsAsync(db);
        var done = actions.First(a => a.Status == ActionStatus.Done);
        int objective, comment;
        await using (var ctx = db.Open())
        {
            objective = await ctx.Objectives.Where(o => o.PlanId == done.PlanId).OrderBy(o => o.Id).Select(o => o.Id).FirstAsync();
            comment = await (from c in ctx.ActionComments
                             join a in ctx.Actions on c.ActionId equals a.Id
                             where a.PlanId == done.PlanId
                             orderby c.Id
                             select c.Id).FirstAsync();
        }
        var path = await ExportAsync(db, done.PlanId, DemoPlans.Folder(), "complet.xlsx");
        using (var edit = new SheetEditor(path))
        {
            edit.SetText("Objectifs", edit.RowOf("Objectifs", objective), "énoncé", "Signer 15 abonnements");
            edit.SetText("Actions", edit.RowOf("Actions", done.Id), "statut", "Actif");
            edit.SetText("Commentaires", edit.RowOf("Commentaires", comment), "texte", "Texte revu");
            var kpi = edit.AddRow("KPIs & cibles");
            edit.SetNumber("KPIs & cibles", kpi, "action_id", done.Id);
            edit.SetText("KPIs & cibles", kpi, "kpi", "cpl");
            edit.SetText("KPIs & cibles", kpi, "cible", "<50 €");
        }

        var diff = await ImportAsync(db, path, apply: false);

        string Line(RowChange c, bool french) => $"{PlanDiffText.Subject(c, french)} — {string.Join("; ", PlanDiffText.Fields(c, french))}";
        var goal = diff.Changes.Single(c => c.Entity == "objective");
        Assert.StartsWith($"objectif #{objective} « Signer 15 abonnements » — énoncé : ", Line(goal, true), StringComparison.Ordinal);
        Assert.StartsWith($"objective #{objective} 'Signer 15 abonnements' — statement: ", Line(goal, false), StringComparison.Ordinal);
        var status = diff.Changes.Single(c => c.Entity == "action");
        Assert.Equal("statut : Terminé → Actif", Assert.Single(PlanDiffText.Fields(status, true)));
        Assert.Equal("status: Done → Live", Assert.Single(PlanDiffText.Fields(status, false)));
        var note = diff.Changes.Single(c => c.Entity == "comment");
        Assert.StartsWith($"commentaire #{comment} « ", Line(note, true), StringComparison.Ordinal);
        Assert.StartsWith($"comment #{comment} '", Line(note, false), StringComparison.Ordinal);
        Assert.Equal("Objectifs ligne 4", PlanDiffText.Where(goal, true));
        // A new KPI row with no deadline says nothing of one (it was « échéance : » with nothing after).
        var added = diff.Changes.Single(c => c.Entity == "KPI" && c.Kind == RowChangeKind.Added);
        Assert.Equal(["cible : <50 €"], PlanDiffText.Fields(added, true));
        Assert.Equal(["target: <50 €"], PlanDiffText.Fields(added, false));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_row_changed_in_pilote_since_the_export_refuses_the_whole_file(string provider)
    {
        await using var db = await DemoPlans.LoadAsync(provider);
        var actions = await LocalScopeActionsAsync(db);
        var folder = DemoPlans.Folder();
        var path = await ExportAsync(db, actions[0].PlanId, folder, "complet.xlsx");
        await using (var ctx = db.Open())
            await new ActionService(ctx, DemoPlans.Clock).SetAsync(actions[1].Id, new ActionFields { Owner = "Nadia" }, "nadia");
        int staleRow;
        using (var edit = new SheetEditor(path))
        {
            edit.SetText("Actions", edit.RowOf("Actions", actions[0].Id), "responsable", "Quelqu'un d'autre");
            staleRow = edit.RowOf("Actions", actions[1].Id);
            edit.SetText("Actions", staleRow, "budget", "999");
        }

        var ex = await Assert.ThrowsAsync<PiloteInputException>(() => ImportAsync(db, path, apply: true));
        Assert.StartsWith($"complet.xlsx: Actions, row {staleRow}, id {actions[1].Id}: action '{actions[1].Title}' is at version {actions[1].Version + 1} in Pilote but {actions[1].Version} in the file", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
        await using (var ctx = db.Open())
        {
            Assert.Equal(actions[0].Owner, (await ctx.Actions.SingleAsync(a => a.Id == actions[0].Id)).Owner);
            Assert.Equal("Nadia", (await ctx.Actions.SingleAsync(a => a.Id == actions[1].Id)).Owner);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_kpi_row_and_a_comment_row_deleted_from_the_workbook_are_removed_and_nothing_else(string provider)
    {
        await using var db = await DemoPlans.LoadAsync(provider);
        PlanAction action;
        ActionKpi kpi;
        ActionComment comment;
        await using (var ctx = db.Open())
        {
            var plan = await PlanLoader.FindAsync(ctx, DemoWorkspace.LocalScopeName);
            action = await ctx.Actions.AsNoTracking().Include(a => a.Kpis).ThenInclude(k => k.Kpi)
                .Where(a => a.PlanId == plan.Id && a.Kpis.Count > 1).OrderBy(a => a.Position).FirstAsync();
            kpi = action.Kpis.OrderBy(k => k.Id).Last();
            await new ActionService(ctx, DemoPlans.Clock).SetAsync(action.Id, new ActionFields { Comment = "Relancer le partenaire" }, "salma");
            comment = await ctx.ActionComments.AsNoTracking().Where(c => c.ActionId == action.Id).OrderByDescending(c => c.Id).FirstAsync();
        }
        var path = await ExportAsync(db, action.PlanId, DemoPlans.Folder(), "complet.xlsx");
        using (var edit = new SheetEditor(path))
        {
            edit.DeleteRow("KPIs & cibles", edit.RowOf("KPIs & cibles", kpi.Id));
            edit.DeleteRow("Commentaires", edit.RowOf("Commentaires", comment.Id));
        }

        var preview = await ImportAsync(db, path, apply: false);
        Assert.Equal([(RowChangeKind.Removed, "KPI", (int?)kpi.Id), (RowChangeKind.Removed, "comment", (int?)comment.Id)],
            preview.Changes.Select(c => (c.Kind, c.Entity, c.Id)).OrderBy(c => c.Entity, StringComparer.Ordinal).ToList());
        var applied = await ImportAsync(db, path, apply: true);
        Assert.True(applied.Applied);
        await using var check = db.Open();
        Assert.False(await check.ActionKpis.AnyAsync(k => k.Id == kpi.Id));
        Assert.False(await check.ActionComments.AnyAsync(c => c.Id == comment.Id));
        Assert.Equal(action.Kpis.Count - 1, await check.ActionKpis.CountAsync(k => k.ActionId == action.Id));
        Assert.True(await check.Actions.AnyAsync(a => a.Id == action.Id));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_action_or_objective_created_in_pilote_since_the_export_is_kept_not_removed(string provider)
    {
        await using var db = await DemoPlans.LoadAsync(provider);
        var actions = await LocalScopeActionsAsync(db);
        var path = await ExportAsync(db, actions[0].PlanId, DemoPlans.Folder(), "complet.xlsx");
        // A colleague adds an action (with a KPI) and an objective in Pilote while the workbook is being edited.
        PlanAction fresh;
        Objectives.Objective goal;
        await using (var ctx = db.Open())
        {
            fresh = await new ActionService(ctx, DemoPlans.Clock).AddAsync(actions[0].PlanId,
                new ActionFields { Title = "Podcast « Voix du Golfe »", Channel = "content", Kpi = "telechargements", Target = "500" }, "salma");
            goal = await new ObjectiveService(ctx).AddAsync(actions[0].PlanId, new ObjectiveFields("Obtenir 50 citations presse"));
        }
        using (var edit = new SheetEditor(path))
        {
            edit.SetNumber("Actions", edit.RowOf("Actions", actions[0].Id), "budget", 6500);
            edit.DeleteRow("Actions", edit.RowOf("Actions", actions[^1].Id));
        }

        var diff = await ImportAsync(db, path, apply: true);

        // What the person did comes in; what they never saw stays as the colleague left it.
        Assert.Equal([(RowChangeKind.Changed, actions[0].Id), (RowChangeKind.Removed, actions[^1].Id)],
            diff.Changes.Where(c => c.Entity == "action").Select(c => (c.Kind, c.Id!.Value)));
        Assert.DoesNotContain(diff.Changes, c => c.Kind == RowChangeKind.Removed && c.Entity != "action");
        await using var check = db.Open();
        Assert.Equal(1, await check.ActionKpis.CountAsync(k => k.ActionId == fresh.Id));
        Assert.True(await check.Objectives.AnyAsync(o => o.Id == goal.Id));
        var deleted = actions[^1].Id;
        Assert.False(await check.Actions.AnyAsync(a => a.Id == deleted));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_comment_added_in_pilote_since_the_export_makes_its_row_stale(string provider)
    {
        await using var db = await DemoPlans.LoadAsync(provider);
        PlanAction action;
        await using (var ctx = db.Open())
        {
            var plan = await PlanLoader.FindAsync(ctx, DemoWorkspace.LocalScopeName);
            action = await ctx.Actions.AsNoTracking().Where(a => a.PlanId == plan.Id).OrderBy(a => a.Position).FirstAsync();
        }
        var path = await ExportAsync(db, action.PlanId, DemoPlans.Folder(), "complet.xlsx");
        await using (var ctx = db.Open())
            await new ActionService(ctx, DemoPlans.Clock).SetAsync(action.Id, new ActionFields { Comment = "Relancer le partenaire" }, "salma");
        using (var edit = new SheetEditor(path))
            edit.SetText("Actions", edit.RowOf("Actions", action.Id), "responsable", "Quelqu'un d'autre");

        var ex = await Assert.ThrowsAsync<PiloteInputException>(() => ImportAsync(db, path, apply: true));
        Assert.Contains($"is at version {action.Version + 1} in Pilote but {action.Version} in the file", ex.Message);
        await using var check = db.Open();
        Assert.Equal(action.Owner, (await check.Actions.SingleAsync(a => a.Id == action.Id)).Owner);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_bad_cell_names_file_sheet_row_and_column_and_stores_nothing(string provider)
    {
        await using var db = await DemoPlans.LoadAsync(provider);
        int planId, actionId;
        await using (var ctx = db.Open())
        {
            planId = (await PlanLoader.FindAsync(ctx, DemoWorkspace.LocalScopeName)).Id;
            actionId = await ctx.Actions.Where(a => a.PlanId == planId).OrderBy(a => a.Position).Select(a => a.Id).FirstAsync();
        }
        var path = await ExportAsync(db, planId, DemoPlans.Folder(), "complet.xlsx");
        int row;
        using (var edit = new SheetEditor(path))
        {
            row = edit.RowOf("Actions", actionId);
            edit.SetText("Actions", row, "responsable", "Karim");
            edit.SetText("Actions", row, "fin", "bientôt");
        }
        var ex = await Assert.ThrowsAsync<PiloteInputException>(() => ImportAsync(db, path, apply: true));
        Assert.Equal($"complet.xlsx: sheet Actions, row {row}, column fin (M{row}): 'bientôt' is not a date (expected a date cell, YYYY-MM-DD, DD/MM/YYYY or '12 mars 2026')", ex.Message);
        await using var check = db.Open();
        Assert.NotEqual("Karim", (await check.Actions.SingleAsync(a => a.Id == actionId)).Owner);
    }
}
