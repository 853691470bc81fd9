using System.Net;
using System.Net.Http.Json;
using Pilote.Testing;

namespace Pilote.App.Tests.Api;

/// <summary>Plans, actions, objectives and targets through the API: create, read, edit with If-Match, delete; and bad input.</summary>
public sealed class ResourceApiTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Plans_and_actions_carry_an_etag_and_refuse_a_missing_or_stale_if_match(string provider)
    {
        await using var host = await ApiHost.StartAsync(provider);
        var http = host.Client(Caller.Editor);

        using var created = await http.PostAsJsonAsync("/api/v1/plans", new { workspace = host.WorkspaceA, name = "Salon Q1", start = "2027-01-01", end = "2027-03-31", budget = "12 000" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("W/\"v1\"", created.ETag());
        var plan = await created.JsonAsync();
        var planId = plan.GetProperty("id").GetInt32();
        Assert.Equal($"/api/v1/plans/{planId}", created.Headers.Location?.ToString());
        Assert.Equal(12000m, plan.Num("budget"));

        using var noIfMatch = await http.SendAsync(new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/plans/{planId}").Json(new { budget = 15000 }));
        Assert.Equal(HttpStatusCode.PreconditionRequired, noIfMatch.StatusCode);
        Assert.Equal("application/problem+json", noIfMatch.Content.Headers.ContentType?.MediaType);

        using var patched = await http.SendAsync(new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/plans/{planId}").Json(new { budget = 15000 }).IfMatch("W/\"v1\""));
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Equal("W/\"v2\"", patched.ETag());
        Assert.Equal(15000m, (await patched.JsonAsync()).Num("budget"));

        // A second client still holding version 1 is told, and sees the change it missed.
        using var stale = await http.SendAsync(new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/plans/{planId}").Json(new { budget = 9000 }).IfMatch("W/\"v1\""));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        var problem = await stale.JsonAsync();
        Assert.Equal(2, problem.GetProperty("currentVersion").GetInt32());
        Assert.Equal(15000m, problem.GetProperty("current").Num("budget"));

        using var action = await http.PostAsJsonAsync($"/api/v1/plans/{planId}/actions",
            new { title = "Google Ads salon", channel = "sea", kpi = "cpl", target = "< 3 €", budget = 4000, due = "2027-03-15", status = "actif" });
        Assert.Equal(HttpStatusCode.Created, action.StatusCode);
        var a = await action.JsonAsync();
        var actionId = a.GetProperty("id").GetInt32();
        Assert.Equal("live", a.Str("status"));
        Assert.Equal("cpl", a.Items("kpis")[0].Str("kpi"));
        Assert.Equal(3m, a.Items("kpis")[0].GetProperty("target").Num("value"));

        using var get = await http.GetAsync($"/api/v1/actions/{actionId}");
        var etag = get.ETag();
        using var edit = await http.SendAsync(new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/actions/{actionId}").Json(new { status = "en pause", owner = "Inès" }).IfMatch(etag));
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        Assert.Equal("paused", (await edit.JsonAsync()).Str("status"));
        using var lost = await http.SendAsync(new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/actions/{actionId}").Json(new { status = "terminé" }).IfMatch(etag));
        Assert.Equal(HttpStatusCode.PreconditionFailed, lost.StatusCode);
        Assert.Equal("paused", (await lost.JsonAsync()).GetProperty("current").Str("status"));
        using var after = await http.GetAsync($"/api/v1/actions/{actionId}");
        Assert.Equal("paused", (await after.JsonAsync()).Str("status"));
        // A value of the wrong JSON type is named by its field, in words, without the server's type names.
        using var wrongType = await http.SendAsync(new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/actions/{actionId}").Json(new { title = new[] { 1, 2 } }).IfMatch(after.ETag()));
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        var wrongTitle = (await wrongType.JsonAsync()).GetProperty("errors").GetProperty("title")[0].GetString()!;
        Assert.DoesNotContain("Pilote.", wrongTitle, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", wrongTitle, StringComparison.Ordinal);
        using var notAnObject = await http.SendAsync(new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/actions/{actionId}")
        {
            Content = new StringContent("[1, 2]", System.Text.Encoding.UTF8, "application/json"),
        }.IfMatch(after.ETag()));
        Assert.Equal(HttpStatusCode.BadRequest, notAnObject.StatusCode);
        var body = (await notAnObject.JsonAsync()).GetProperty("errors").GetProperty("body")[0].GetString()!;
        Assert.DoesNotContain("Pilote.", body, StringComparison.Ordinal);
        Assert.Contains("a JSON object", body, StringComparison.Ordinal);

        // A target change keeps its history, and moves the action's version.
        using var target = await http.SendAsync(new HttpRequestMessage(HttpMethod.Put, $"/api/v1/actions/{actionId}/kpis/cpl/target")
            .Json(new { target = "< 2,50 €", reason = "enchères en baisse" }).IfMatch(edit.ETag()));
        Assert.Equal(HttpStatusCode.OK, target.StatusCode);
        var kpi = await target.JsonAsync();
        Assert.Equal(["< 3 €", "< 2,50 €"], kpi.Items("history").Select(h => h.Str("text")));
        Assert.Equal("enchères en baisse", kpi.Items("history")[1].Str("reason"));
        Assert.Equal(2.5m, kpi.GetProperty("kpi").GetProperty("target").Num("value"));
        Assert.NotEqual(edit.ETag(), target.ETag());

        using var objective = await http.PostAsJsonAsync($"/api/v1/plans/{planId}/objectives",
            new { statement = "300 leads salon d'ici mars", kpi = "leads", target = "300", deadline = "31/03/2027", owner = "Inès" });
        Assert.Equal(HttpStatusCode.Created, objective.StatusCode);
        var o = await objective.JsonAsync();
        Assert.True(o.GetProperty("smart").GetProperty("ok").GetBoolean());
        var objectiveUrl = $"/api/v1/objectives/{o.GetProperty("id").GetInt32()}";
        using var objectiveEdit = await http.SendAsync(new HttpRequestMessage(HttpMethod.Patch, objectiveUrl).Json(new { target = "400" }).IfMatch(objective.ETag()));
        Assert.Equal(400m, (await objectiveEdit.JsonAsync()).Num("targetValue"));
        using var objectiveGone = await http.SendAsync(new HttpRequestMessage(HttpMethod.Delete, objectiveUrl).IfMatch(objectiveEdit.ETag()));
        Assert.Equal(HttpStatusCode.NoContent, objectiveGone.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(objectiveUrl)).StatusCode);

        using var deleted = await http.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/actions/{actionId}").IfMatch(target.ETag()));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var missing = await http.GetAsync($"/api/v1/actions/{actionId}");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_action_gets_its_tracked_link_and_loses_a_code_or_an_objective_through_the_api(string provider)
    {
        await using var host = await ApiHost.StartAsync(provider);
        var http = host.Client(Caller.Editor);
        var actionId = await host.NewActionAsync();
        using var get = await http.GetAsync($"/api/v1/actions/{actionId}");
        Assert.Empty((await get.JsonAsync()).Items("trackingCodes"));

        using var noIfMatch = await http.PostAsync($"/api/v1/actions/{actionId}/tracked-link", null);
        Assert.Equal(HttpStatusCode.PreconditionRequired, noIfMatch.StatusCode);
        using var linked = await http.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/api/v1/actions/{actionId}/tracked-link").IfMatch(get.ETag()));
        Assert.Equal(HttpStatusCode.OK, linked.StatusCode);
        var codes = (await linked.JsonAsync()).Items("trackingCodes");
        var campaign = Assert.Single(codes, c => c.Str("kind") == "utm_campaign").Str("value")!;
        Assert.Matches("^[a-z0-9-]+$", campaign);
        Assert.NotEqual(get.ETag(), linked.ETag());

        // The same code in capitals is the same code; one the action does not carry is a 400 naming the field.
        using var removed = await http.SendAsync(new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/actions/{actionId}")
            .Json(new { removeCode = campaign.ToUpperInvariant(), objective = host.ObjectiveA.ToString(System.Globalization.CultureInfo.InvariantCulture) }).IfMatch(linked.ETag()));
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        var action = await removed.JsonAsync();
        Assert.Empty(action.Items("trackingCodes"));
        Assert.Equal([host.ObjectiveA], action.Items("objectives").Select(o => o.GetInt32()));
        using var absent = await http.SendAsync(new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/actions/{actionId}")
            .Json(new { removeCode = campaign }).IfMatch(removed.ETag()));
        Assert.Equal(HttpStatusCode.BadRequest, absent.StatusCode);
        Assert.Contains("is not a code of this action", (await absent.JsonAsync()).GetProperty("errors").GetProperty("removeCode")[0].GetString());

        using var unlinked = await http.SendAsync(new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/actions/{actionId}")
            .Json(new { unlinkObjective = host.ObjectiveA.ToString(System.Globalization.CultureInfo.InvariantCulture) }).IfMatch(removed.ETag()));
        Assert.Equal(HttpStatusCode.OK, unlinked.StatusCode);
        Assert.Empty((await unlinked.JsonAsync()).Items("objectives"));

        // A viewer may read but not change.
        using var viewer = await host.Client(Caller.Viewer).SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/api/v1/actions/{actionId}/tracked-link").IfMatch(unlinked.ETag()));
        Assert.Equal(HttpStatusCode.Forbidden, viewer.StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Bad_input_is_a_400_naming_each_field_and_stores_nothing(string provider)
    {
        await using var host = await ApiHost.StartAsync(provider);
        var http = host.Client(Caller.Editor);
        int Actions()
        {
            using var ctx = host.Db.Open();
            return ctx.Actions.Count();
        }
        var before = Actions();

        using var bad = await http.PostAsJsonAsync($"/api/v1/plans/{host.PlanA}/actions",
            new { title = " ", channel = "pigeon voyageur", due = "32/13/2026", budget = "beaucoup", status = "peut-être" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        var errors = (await bad.JsonAsync()).GetProperty("errors");
        foreach (var field in new[] { "title", "channel", "due", "budget", "status" })
            Assert.True(errors.TryGetProperty(field, out var messages) && messages.GetArrayLength() == 1, $"no error for {field}: {errors}");
        Assert.Contains("32/13/2026", errors.GetProperty("due")[0].GetString());
        Assert.Equal(before, Actions());

        // A target that does not fit its KPI is named too (checked by the domain when the rest is sound).
        using var target = await http.PostAsJsonAsync($"/api/v1/plans/{host.PlanA}/actions", new { title = "Emailing", channel = "emailing", kpi = "cpl", target = "> 25 %" });
        Assert.Equal(HttpStatusCode.BadRequest, target.StatusCode);
        Assert.True((await target.JsonAsync()).GetProperty("errors").TryGetProperty("target", out _));

        using var wrongType = await http.PostAsync($"/api/v1/plans/{host.PlanA}/actions",
            new StringContent("{\"title\": \"x\", \"channel\": \"sea\", \"budget\": {\"amount\": 3}}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        Assert.True((await wrongType.JsonAsync()).GetProperty("errors").TryGetProperty("budget", out _));

        using var text = await http.PostAsync("/api/v1/plans", new StringContent("name=x", System.Text.Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
        Assert.Equal("application/problem+json", text.Content.Headers.ContentType?.MediaType);

        using var plan = await http.PostAsJsonAsync("/api/v1/plans", new { workspace = host.WorkspaceA, name = "", start = "2027-02-30", budget = "-5" });
        var planErrors = (await plan.JsonAsync()).GetProperty("errors");
        Assert.Equal(["budget", "name", "start"], planErrors.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(before, Actions());
    }
}
