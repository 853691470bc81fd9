using Microsoft.EntityFrameworkCore;
using Pilote.Actions;
using Pilote.Audit;
using Pilote.Common;
using Pilote.Testing;

namespace Pilote.App.Tests.Cli;

/// <summary>
/// Fixing what the audit finds one action at a time, as the action page does: its tracked link, a code taken back, an
/// objective linked and unlinked. Each edit goes through <see cref="ActionService"/>, so the history and the version
/// follow, and the audit sees the fix.
/// </summary>
public sealed class TrackingEditTests
{
    private static readonly FixedClock Clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    private static async Task<TestDatabase> PlanAsync(string provider)
    {
        var db = await TestDatabase.CreateAsync(provider);
        await CliRun.OkAsync(db, "plan", "new", "--name", "Lancement Café", "--start", "2026-10-01", "--end", "2026-12-31");
        await CliRun.OkAsync(db, "objective", "add", "Lancement Café", "--statement", "500 leads d'ici fin décembre", "--kpi", "leads", "--target", "500");
        foreach (var (title, channel) in new[] { ("SEA produit", "sea"), ("SEA produit", "sea"), ("Vitrine magasin", "pos") })
            await CliRun.OkAsync(db, "action", "add", "Lancement Café", "--title", title, "--channel", channel, "--kpi", "conversions", "--target", "100",
                "--status", "live", "--start", "2026-10-01", "--due", "2026-12-31");
        return db;
    }

    private static async Task<List<PlanAction>> ActionsAsync(TestDatabase db)
    {
        await using var ctx = db.Open();
        return await ctx.Actions.AsNoTracking().Include(a => a.TrackingCodes).Include(a => a.Objectives).OrderBy(a => a.Id).ToListAsync();
    }

    private static async Task<AuditResult> AuditAsync(TestDatabase db, AuditSurface surface = AuditSurface.CommandLine)
    {
        await using var ctx = db.Open();
        var plan = await ctx.Plans.SingleAsync();
        return await AuditService.AuditAsync(ctx, plan.Id, CliRun.Today, french: true, surface);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task One_action_gets_the_link_pilote_utm_would_give_it_and_the_audit_sees_it(string provider)
    {
        await using var db = await PlanAsync(provider);
        var actions = await ActionsAsync(db);
        Assert.Contains((await AuditAsync(db)).Findings, f => f.Rule == "action-without-tracking" && f.SubjectId == actions[1].Id);

        await using (var ctx = db.Open())
            await new ActionService(ctx, Clock).AddTrackedLinkAsync(actions[1].Id, "Inès", actions[1].Version);

        var after = await ActionsAsync(db);
        // First come, first served: the second "SEA produit" takes the plain slug; the first will get the suffix.
        Assert.Equal([(TrackingKind.UtmCampaign, "lancement-cafe-sea-produit")], after[1].TrackingCodes.Select(c => (c.Kind, c.Value)));
        Assert.Empty(after[0].TrackingCodes);
        Assert.Equal(actions[1].Version + 1, after[1].Version);
        await using (var ctx = db.Open())
        {
            var change = await ctx.ActionChanges.AsNoTracking().Where(c => c.ActionId == actions[1].Id && c.Field == ActionChangeFields.TrackingCode).SingleAsync();
            Assert.Equal(("Inès", null, "lancement-cafe-sea-produit"), (change.By, change.OldValue, change.NewValue));
        }
        var audit = await AuditAsync(db);
        Assert.DoesNotContain(audit.Findings, f => f.Rule == "action-without-tracking" && f.SubjectId == actions[1].Id);
        Assert.Contains(audit.Findings, f => f.Rule == "action-without-tracking" && f.SubjectId == actions[0].Id);

        // The shop window also gets a promo code, and `pilote utm` afterwards keeps both and gives the others theirs.
        await using (var ctx = db.Open())
            await new ActionService(ctx, Clock).AddTrackedLinkAsync(actions[2].Id, "Inès");
        var shop = (await ActionsAsync(db))[2].TrackingCodes.OrderBy(c => c.Id).ToList();
        Assert.Equal([TrackingKind.UtmCampaign, TrackingKind.PromoCode], shop.Select(c => c.Kind));
        Assert.Matches("^[A-Z0-9]{4,12}$", shop[1].Value);
        var links = (await CliRun.JsonAsync(db, "utm", "Lancement Café")).Items("links");
        Assert.Equal(["lancement-cafe-sea-produit-2", "lancement-cafe-sea-produit", "lancement-cafe-vitrine-magasin"], links.Select(l => l.Str("campaign")));
        Assert.Equal([true, false, false], links.Select(l => l.GetProperty("campaignCreated").GetBoolean()));
        Assert.Equal(shop[1].Value, links[2].Str("promoCode"));

        // Asking again adds nothing.
        await using (var ctx = db.Open())
            await new ActionService(ctx, Clock).AddTrackedLinkAsync(actions[2].Id, "Inès");
        Assert.Equal(2, (await ActionsAsync(db))[2].TrackingCodes.Count);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_code_another_action_carries_is_refused_and_a_code_taken_back_is_recorded(string provider)
    {
        await using var db = await PlanAsync(provider);
        var actions = await ActionsAsync(db);
        await CliRun.OkAsync(db, "action", "set", actions[0].Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--utm", "cafe-sea");

        // The same code in another spelling, on another action: refused by name, nothing stored.
        var refused = await CliRun.RunAsync(db, "action", "set", actions[1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--utm", "Cafe_SEA");
        Assert.Equal(2, refused.Exit);
        Assert.Contains($"est déjà le code de l'action #{actions[0].Id} « SEA produit »", refused.Err);
        Assert.Empty((await ActionsAsync(db))[1].TrackingCodes);
        await using (var ctx = db.Open())
        {
            var ex = await Assert.ThrowsAsync<PiloteInputException>(() =>
                new ActionService(ctx, Clock).SetAsync(actions[1].Id, new ActionFields { PromoCode = "CAFE SEA" }, "Inès"));
            Assert.StartsWith("Code promo : « CAFE SEA » est déjà le code de l'action", ex.Show(french: true));
        }
        Assert.DoesNotContain((await AuditAsync(db)).Findings, f => f.Rule == "duplicate-tracking-code");

        // Taken back from the first action: recorded, and the action is blind again.
        var code = (await ActionsAsync(db))[0].TrackingCodes.Single();
        await using (var ctx = db.Open())
            await new ActionService(ctx, Clock).RemoveTrackingCodeAsync(actions[0].Id, code.Id, "Inès");
        Assert.Empty((await ActionsAsync(db))[0].TrackingCodes);
        await using (var ctx = db.Open())
        {
            var change = await ctx.ActionChanges.AsNoTracking().Where(c => c.ActionId == actions[0].Id && c.Field == ActionChangeFields.TrackingCode)
                .OrderBy(c => c.Id).Select(c => new { c.OldValue, c.NewValue }).ToListAsync();
            Assert.Equal([(null, "cafe-sea"), ("cafe-sea", null)], change.Select(c => (c.OldValue, c.NewValue)));
            await Assert.ThrowsAsync<NotFoundException>(() => new ActionService(ctx, Clock).RemoveTrackingCodeAsync(actions[0].Id, code.Id, "Inès"));
        }
        Assert.Contains((await AuditAsync(db)).Findings, f => f.Rule == "action-without-tracking" && f.SubjectId == actions[0].Id);

        // Now free, the code can go to the second action.
        await CliRun.OkAsync(db, "action", "set", actions[1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--utm", "cafe-sea");
        Assert.Equal(["cafe-sea"], (await ActionsAsync(db))[1].TrackingCodes.Select(c => c.Value));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_objective_linked_then_unlinked_moves_the_objective_without_action_finding(string provider)
    {
        await using var db = await PlanAsync(provider);
        var actions = await ActionsAsync(db);
        int objectiveId;
        await using (var ctx = db.Open())
            objectiveId = (await ctx.Objectives.SingleAsync()).Id;
        Assert.Contains((await AuditAsync(db)).Findings, f => f.Rule == "objective-without-action" && f.SubjectId == objectiveId);

        await using (var ctx = db.Open())
            await new ActionService(ctx, Clock).SetAsync(actions[2].Id, new ActionFields { Objective = objectiveId.ToString(System.Globalization.CultureInfo.InvariantCulture) }, "Inès");
        Assert.Equal([objectiveId], (await ActionsAsync(db))[2].Objectives.Select(o => o.ObjectiveId));
        Assert.DoesNotContain((await AuditAsync(db)).Findings, f => f.Rule == "objective-without-action");

        await using (var ctx = db.Open())
        {
            await new ActionService(ctx, Clock).UnlinkObjectiveAsync(actions[2].Id, objectiveId, "Inès");
            var history = await ctx.ActionChanges.AsNoTracking().Where(c => c.ActionId == actions[2].Id && c.Field == ActionChangeFields.Objective)
                .OrderBy(c => c.Id).Select(c => new { c.OldValue, c.NewValue }).ToListAsync();
            Assert.Equal([(null, "500 leads d'ici fin décembre"), ("500 leads d'ici fin décembre", null)], history.Select(h => (h.OldValue, h.NewValue)));
        }
        Assert.Empty((await ActionsAsync(db))[2].Objectives);
        Assert.Contains((await AuditAsync(db)).Findings, f => f.Rule == "objective-without-action" && f.SubjectId == objectiveId);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_command_line_takes_a_code_off_and_unlinks_an_objective_as_the_action_page_does(string provider)
    {
        await using var db = await PlanAsync(provider);
        var id = (await ActionsAsync(db))[0].Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await CliRun.OkAsync(db, "action", "set", id, "--utm", "cafe-sea", "--promo-code", "CAFE10", "--objective", "500 leads d'ici fin décembre");

        // A code named in another spelling is the same code: taken off, and replaced in the same edit.
        var set = await CliRun.JsonAsync(db, "action", "set", id, "--remove-code", "Cafe_SEA", "--utm", "cafe-sea-q4", "--json");
        Assert.Equal(["CAFE10", "cafe-sea-q4"], set.Items("trackingCodes").Select(c => c.Str("value")).Order(StringComparer.Ordinal));
        var missing = await CliRun.RunAsync(db, "action", "set", id, "--remove-code", "cafe-sea");
        Assert.Equal(2, missing.Exit);
        Assert.Contains("--remove-code : « cafe-sea » n'est pas un code de cette action (CAFE10, cafe-sea-q4)", missing.Err);

        await CliRun.OkAsync(db, "action", "set", id, "--unlink-objective", "500 leads d'ici fin décembre");
        Assert.Empty((await ActionsAsync(db))[0].Objectives);
        Assert.Contains((await AuditAsync(db)).Findings, f => f.Rule == "objective-without-action");
        var again = await CliRun.RunAsync(db, "--lang", "en", "action", "set", id, "--unlink-objective", "500 leads d'ici fin décembre");
        Assert.Equal(2, again.Exit);
        Assert.Contains("--unlink-objective: the action does not serve objective", again.Err);
        await using var ctx = db.Open();
        var changes = await ctx.ActionChanges.AsNoTracking().Where(c => c.ActionId == int.Parse(id, System.Globalization.CultureInfo.InvariantCulture)
            && c.Field == ActionChangeFields.TrackingCode).OrderBy(c => c.Id).Select(c => new { c.OldValue, c.NewValue }).ToListAsync();
        Assert.Contains(changes, c => c.OldValue == "cafe-sea" && c.NewValue == null);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_web_app_hints_name_its_pages_where_the_command_line_names_commands(string provider)
    {
        await using var db = await PlanAsync(provider);
        var cli = (await AuditAsync(db)).Findings;
        var web = (await AuditAsync(db, AuditSurface.WebApp)).Findings;
        // The same findings, in the same order, with the same messages: only the hints that name where to act differ.
        Assert.Equal(cli.Select(f => (f.Rule, f.SubjectId, f.Message)), web.Select(f => (f.Rule, f.SubjectId, f.Message)));
        var tracking = web.First(f => f.Rule == "action-without-tracking");
        Assert.Contains("page de l'action, « Liens de suivi »", tracking.Hint);
        Assert.Contains("pilote action set … --utm", cli.First(f => f.Rule == "action-without-tracking").Hint);
        Assert.Contains("« Objectifs servis »", web.First(f => f.Rule == "objective-without-action").Hint);
        Assert.All(web, f => Assert.DoesNotMatch("pilote (action|objective|review|measures|utm)|--[a-z]", f.Hint));
        static bool NamesAPlace(AuditFinding f) => f.Rule is "action-without-tracking" or "objective-without-action" or "stale-measurements"
            or "no-review-cadence" or "objective-not-quantified" or "objective-without-deadline" or "objective-without-owner";
        Assert.Equal(cli.Where(f => !NamesAPlace(f)).Select(f => f.Hint), web.Where(f => !NamesAPlace(f)).Select(f => f.Hint));
        Assert.All(cli.Where(NamesAPlace), f => Assert.Matches(@"pilote (action|objective|review|measures)\b", f.Hint));
    }
}
