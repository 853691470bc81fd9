using System.Net;
using Microsoft.EntityFrameworkCore;
using Pilote.Actions;
using Pilote.Testing;

namespace Pilote.App.Tests.Api;

/// <summary>
/// The change history of an action: edits through the API, the CLI and the service behind the grid are each recorded
/// field by field (who, when, old, new) in the edit's own transaction, and read back through GET /actions/{id}/history.
/// </summary>
public sealed class ActionHistoryTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Every_edit_path_records_who_changed_which_field_from_what_to_what(string provider)
    {
        await using var host = await ApiHost.StartAsync(provider);
        var id = await host.NewActionAsync();
        var editor = host.Client(Caller.Editor);

        using var read = await editor.GetAsync($"/api/v1/actions/{id}");
        using var patch = await editor.SendAsync(new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/actions/{id}")
            .Json(new { status = "en pause", due = "15/01/2027", budget = "4 500" }).IfMatch(read.ETag()));
        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);

        // A refused edit (due before start) changes nothing and records nothing.
        using var refused = await editor.SendAsync(new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/actions/{id}")
            .Json(new { owner = "Zoé", due = "2026-09-01" }).IfMatch(patch.ETag()));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        await CliRun.OkAsync(host.Db, "action", "set", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--owner", "Inès", "--utm", "promo-hiver",
            "--spent", "1 250");

        // The grid and the action page call the same service (a day after the CLI's edit, which runs on 22/11).
        host.Clock.Now = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
        await using (var ctx = host.Db.Open())
            await new ActionService(ctx, host.Clock).SetAsync(id, new ActionFields { Kpi = "cpl", Target = "< 35 €", Channel = "emailing" }, "grille@agence.test");

        using var history = await host.Client(Caller.Viewer).GetAsync($"/api/v1/actions/{id}/history");
        Assert.Equal(HttpStatusCode.OK, history.StatusCode);
        var changes = (await history.JsonAsync()).EnumerateArray().ToList();
        (string? By, string? Old, string? New, string? Text) Change(string field, string? subject = null)
        {
            var c = Assert.Single(changes, c => c.Str("field") == field && (subject is null || c.Str("subject") == subject));
            return (c.Str("by"), c.Str("old"), c.Str("new"), c.Str("text"));
        }

        Assert.Equal((ApiHost.Email(Caller.Editor), "live", "paused", "Statut : Actif → En pause"), Change("status"));
        Assert.Equal(("2026-12-31", "2027-01-15"), (Change("due").Old, Change("due").New));
        Assert.Equal("Échéance : 31/12/2026 → 15/01/2027", Change("due").Text);
        Assert.Equal(("3000", "4500"), (Change("budget").Old, Change("budget").New));
        Assert.Equal(("testeur", "Léa", "Inès"), (Change("owner").By, Change("owner").Old, Change("owner").New));
        Assert.Equal(("0", "1250"), (Change("spent").Old, Change("spent").New));
        Assert.Equal((null, "promo-hiver"), (Change("tracking_code").Old, Change("tracking_code").New));
        Assert.Equal(("grille@agence.test", null, "cpl"), (Change("kpi", "cpl").By, Change("kpi", "cpl").Old, Change("kpi", "cpl").New));
        Assert.Equal((null, "< 35 €"), (Change("target", "cpl").Old, Change("target", "cpl").New));
        Assert.Equal(("sea", "emailing"), (Change("channel").Old, Change("channel").New));
        Assert.Equal("tests", Change("created").By);
        Assert.DoesNotContain(changes, c => c.Str("new") == "Zoé" || c.Str("new") == "2026-09-01");
        Assert.Equal(changes.Select(c => c.GetProperty("at").GetDateTimeOffset()).OrderByDescending(a => a), changes.Select(c => c.GetProperty("at").GetDateTimeOffset()));

        // Taking the KPI back (the grid's undo) is recorded too, and the history stays with the action until it is deleted.
        await using (var ctx = host.Db.Open())
        {
            var kpi = await ctx.ActionKpis.Where(k => k.ActionId == id && k.Kpi!.Key == "cpl").Select(k => k.Id).SingleAsync();
            await new ActionService(ctx, host.Clock).RemoveKpiAsync(id, kpi, "grille@agence.test");
            Assert.Equal(1, await ctx.ActionChanges.CountAsync(c => c.ActionId == id && c.Field == ActionChangeFields.Kpi && c.OldValue == "cpl" && c.NewValue == null));
            await new ActionService(ctx, host.Clock).DeleteAsync(id);
            Assert.Equal(0, await ctx.ActionChanges.CountAsync(c => c.ActionId == id));
        }

        using var outsider = await host.Client(Caller.Outsider).GetAsync($"/api/v1/actions/{host.ActionA}/history");
        Assert.Equal(HttpStatusCode.NotFound, outsider.StatusCode);
    }

    [Fact]
    public void A_change_reads_in_english_with_english_formats()
    {
        var c = new ActionChange { By = "x", Field = ActionChangeFields.Budget, OldValue = "3000", NewValue = "4500.5" };
        var en = System.Globalization.CultureInfo.GetCultureInfo("en-GB");
        Assert.Equal("Budget: €3,000 → €4,500.50", ActionChangeWords.Line(c, false, en, "EUR").Replace('\u00a0', ' '));
        var due = new ActionChange { By = "x", Field = ActionChangeFields.Status, OldValue = "planned", NewValue = "done" };
        Assert.Equal("Status: Planned → Done", ActionChangeWords.Line(due, false, en, "EUR"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Removing_a_KPI_needs_the_current_version_and_is_recorded(string provider)
    {
        await using var host = await ApiHost.StartAsync(provider);
        var id = await host.NewActionAsync();
        var editor = host.Client(Caller.Editor);
        using var read = await editor.GetAsync($"/api/v1/actions/{id}");

        using var blind = await editor.DeleteAsync($"/api/v1/actions/{id}/kpis/leads");
        Assert.Equal(HttpStatusCode.PreconditionRequired, blind.StatusCode);
        using var unknown = await editor.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/actions/{id}/kpis/roas").IfMatch(read.ETag()));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);

        // Someone else sets the target meanwhile: the removal made on the older version is refused with 412.
        using var target = await editor.SendAsync(new HttpRequestMessage(HttpMethod.Put, $"/api/v1/actions/{id}/kpis/leads/target")
            .Json(new { target = "120" }).IfMatch(read.ETag()));
        Assert.Equal(HttpStatusCode.OK, target.StatusCode);
        using var stale = await editor.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/actions/{id}/kpis/leads").IfMatch(read.ETag()));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);

        using var removed = await editor.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/actions/{id}/kpis/leads").IfMatch(target.ETag()));
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        using var kpis = await editor.GetAsync($"/api/v1/actions/{id}/kpis");
        Assert.Empty((await kpis.JsonAsync()).EnumerateArray());
        using var history = await editor.GetAsync($"/api/v1/actions/{id}/history");
        var change = Assert.Single((await history.JsonAsync()).EnumerateArray(), c => c.Str("field") == "kpi" && c.Str("old") == "leads");
        Assert.Equal((ApiHost.Email(Caller.Editor), null), (change.Str("by"), change.Str("new")));
    }
}

