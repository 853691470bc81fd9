using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pilote.Access;
using Pilote.Testing;

namespace Pilote.App.Tests.Api;

/// <summary>Who may call and how: tokens (shown once, expiring, revocable), lockout, rate limits, the person's language.</summary>
public sealed class AccessApiTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_token_is_shown_once_works_until_revoked_or_expired(string provider)
    {
        await using var host = await ApiHost.StartAsync(provider);
        var session = host.Client(Caller.Editor);
        using var created = await session.PostAsJsonAsync("/api/v1/me/tokens", new { name = "n8n", expires = "2026-11-25" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var issued = await created.JsonAsync();
        var secret = issued.Str("secret")!;
        Assert.StartsWith("pil_", secret);
        var id = issued.GetProperty("token").GetProperty("id").GetInt32();

        using var listed = await session.GetAsync("/api/v1/me/tokens");
        var text = await listed.Content.ReadAsStringAsync();
        Assert.Contains("n8n", text);
        Assert.DoesNotContain(secret, text);

        using var token = host.Bearer(secret);
        using var me = await token.GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        var who = await me.JsonAsync();
        Assert.Equal("token", who.Str("authenticatedBy"));
        Assert.Equal(ApiHost.Email(Caller.Editor), who.Str("email"));
        Assert.Equal(["editor"], who.Items("workspaces").Select(w => w.Str("role")));

        // The day after its expiry, the same token is refused.
        host.Clock.Now = new DateTimeOffset(2026, 11, 25, 0, 0, 1, TimeSpan.Zero);
        using var expired = await token.GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Equal("application/problem+json", expired.Content.Headers.ContentType?.MediaType);
        host.Clock.Now = new DateTimeOffset(2026, 11, 18, 10, 0, 0, TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.OK, (await token.GetAsync("/api/v1/me")).StatusCode);

        using var noIfMatch = await session.DeleteAsync($"/api/v1/me/tokens/{id}");
        Assert.Equal(HttpStatusCode.PreconditionRequired, noIfMatch.StatusCode);
        using var stale = await session.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/me/tokens/{id}").IfMatch("W/\"v7\""));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("W/\"v1\"", (await stale.JsonAsync()).Str("currentETag"));
        Assert.Equal(HttpStatusCode.OK, (await token.GetAsync("/api/v1/me")).StatusCode);
        var version = (await (await session.GetAsync("/api/v1/me/tokens")).JsonAsync()).EnumerateArray().Single(t => t.GetProperty("id").GetInt32() == id).GetProperty("version").GetInt32();
        using var revoked = await session.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/me/tokens/{id}").IfMatch($"W/\"v{version}\""));
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await token.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Bearer("pil_not-a-real-token").GetAsync("/api/v1/plans")).StatusCode);

        // Someone else's token id is not theirs to revoke: it reads as not found.
        using var foreign = await host.Client(Caller.Viewer).SendAsync(
            new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/me/tokens/{await host.NewTokenAsync(Caller.Admin)}").IfMatch("W/\"v1\""));
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Two_admins_granting_roles_from_the_same_list_do_not_overwrite_each_other(string provider)
    {
        await using var host = await ApiHost.StartAsync(provider);
        var admin = host.Client(Caller.Admin);
        var url = $"/api/v1/workspaces/{host.WorkspaceA}/members";
        using var list = await admin.GetAsync(url);
        var etag = list.ETag();
        using var noIfMatch = await admin.PutAsJsonAsync(url, new { email = ApiHost.Email(Caller.Viewer), role = "editor" });
        Assert.Equal(HttpStatusCode.PreconditionRequired, noIfMatch.StatusCode);
        Assert.Equal("application/problem+json", noIfMatch.Content.Headers.ContentType?.MediaType);

        using var first = await admin.SendAsync(new HttpRequestMessage(HttpMethod.Put, url).Json(new { email = ApiHost.Email(Caller.Viewer), role = "editor" }).IfMatch(etag));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.NotEqual(etag, first.ETag());
        using var second = await admin.SendAsync(new HttpRequestMessage(HttpMethod.Put, url).Json(new { email = ApiHost.Email(Caller.Viewer), role = "viewer" }).IfMatch(etag));
        Assert.Equal(HttpStatusCode.PreconditionFailed, second.StatusCode);
        var problem = await second.JsonAsync();
        Assert.Equal(first.ETag(), problem.Str("currentETag"));
        Assert.Contains(problem.GetProperty("current").Items("members"), m => m.Str("email") == ApiHost.Email(Caller.Viewer) && m.Str("role") == "editor");
        await using var ctx = host.Db.Open();
        Assert.Equal(WorkspaceRole.Editor, await ctx.WorkspaceMembers.Where(m => m.UserId == host.UserIds[Caller.Viewer]).Select(m => m.Role).SingleAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Repeated_wrong_passwords_lock_the_account(string provider)
    {
        await using var host = await ApiHost.StartAsync(provider);
        using var http = new HttpClient { BaseAddress = host.Address };
        var email = ApiHost.Email(Caller.Viewer);
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await ApiHost.SignInAsync(http, email, "pas-le-bon-" + i);
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }
        using var right = await ApiHost.SignInAsync(http, email, ApiHost.Password);
        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
        Assert.True((await right.JsonAsync()).GetProperty("locked").GetBoolean());
        // Another person is not affected.
        using var other = await ApiHost.SignInAsync(http, ApiHost.Email(Caller.Editor), ApiHost.Password);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task The_api_rate_limit_answers_429_with_retry_after_per_user()
    {
        await using var host = await ApiHost.StartAsync("sqlite", apiPerMinute: 8);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var r = await host.Client(Caller.Viewer).GetAsync("/api/v1/me");
            statuses.Add(r.StatusCode);
            if (r.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
                Assert.True(r.Headers.RetryAfter is not null);
            }
        }
        Assert.Equal(HttpStatusCode.OK, statuses[0]);
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        // Budgets are per person: the editor still gets through.
        Assert.Equal(HttpStatusCode.OK, (await host.Client(Caller.Editor).GetAsync("/api/v1/me")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_person_switches_to_english_and_the_api_answers_in_english(string provider)
    {
        await using var host = await ApiHost.StartAsync(provider);
        var http = host.Client(Caller.Viewer);
        using var before = await http.GetAsync($"/api/v1/actions/{host.ActionA}");
        Assert.Equal("Actif", (await before.JsonAsync()).Str("statusLabel"));
        using var me = await http.GetAsync("/api/v1/me");
        using var noIfMatch = await http.PatchAsJsonAsync("/api/v1/me", new { culture = "en-GB" });
        Assert.Equal(HttpStatusCode.PreconditionRequired, noIfMatch.StatusCode);
        using var patch = await http.SendAsync(new HttpRequestMessage(HttpMethod.Patch, "/api/v1/me").Json(new { culture = "en-GB" }).IfMatch(me.ETag()));
        Assert.Equal("en-GB", (await patch.JsonAsync()).Str("culture"));
        Assert.NotEqual(me.ETag(), patch.ETag());
        // Another tab still holding the first version is told, not silently obeyed.
        using var stale = await http.SendAsync(new HttpRequestMessage(HttpMethod.Patch, "/api/v1/me").Json(new { culture = "fr-FR" }).IfMatch(me.ETag()));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(patch.ETag(), (await stale.JsonAsync()).Str("currentETag"));
        using var after = await http.GetAsync($"/api/v1/actions/{host.ActionA}");
        Assert.Equal("Live", (await after.JsonAsync()).Str("statusLabel"));
        using var bad = await http.SendAsync(new HttpRequestMessage(HttpMethod.Patch, "/api/v1/me").Json(new { culture = "de-DE" }).IfMatch(patch.ETag()));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.JsonAsync()).GetProperty("errors").TryGetProperty("culture", out _));
    }

    [Fact]
    public async Task A_request_that_asks_for_english_gets_english_whatever_the_persons_language()
    {
        await using var host = await ApiHost.StartAsync("sqlite");
        var http = host.Client(Caller.Editor);
        async Task<(string? Hint, string? Label, string Vary)> Ask(string? language)
        {
            using var audit = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/plans/{host.PlanA}/audit");
            using var action = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/actions/{host.ActionA}");
            if (language is not null)
            {
                audit.Headers.TryAddWithoutValidation("Accept-Language", language);
                action.Headers.TryAddWithoutValidation("Accept-Language", language);
            }
            using var a = await http.SendAsync(audit);
            using var b = await http.SendAsync(action);
            var finding = Assert.Single((await a.JsonAsync()).Items("findings"), f => f.Str("rule") == "action-without-tracking");
            return (finding.Str("hint"), (await b.JsonAsync()).Str("statusLabel"), string.Join(", ", a.Headers.Vary));
        }

        // The person is French: with no header, or one preferring a language Pilote does not speak, the answer is French.
        var none = await Ask(null);
        Assert.StartsWith("donnez-lui une UTM", none.Hint);
        Assert.Equal("Actif", none.Label);
        Assert.Equal("Actif", (await Ask("de-DE")).Label);
        // An integration asking for English (by quality, as browsers write it) gets English.
        var english = await Ask("de-DE, en-US;q=0.8, fr;q=0.5");
        Assert.StartsWith("give it a UTM", english.Hint);
        Assert.Equal("Live", english.Label);
        Assert.Equal("Actif", (await Ask("en;q=0.3, fr-FR;q=0.9")).Label);
        Assert.Contains("Accept-Language", english.Vary);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Audit_and_review_answer_in_the_shape_of_the_command_line(string provider)
    {
        await using var host = await ApiHost.StartAsync(provider);
        var http = host.Client(Caller.Editor);
        using var audit = await http.GetAsync($"/api/v1/plans/{host.PlanA}/audit");
        var a = await audit.JsonAsync();
        Assert.InRange(a.GetProperty("score").GetInt32(), 0, 100);
        var finding = Assert.Single(a.Items("findings"), f => f.Str("rule") == "action-without-tracking");
        foreach (var field in new[] { "severity", "subject", "message", "hint" })
            Assert.False(string.IsNullOrEmpty(finding.Str(field)));

        using var review = await http.GetAsync($"/api/v1/plans/{host.PlanA}/review?date=2026-11-10");
        var r = await review.JsonAsync();
        Assert.Equal("2026-W46", r.Str("week"));
        var rec = Assert.Single(r.Items("recommendations"), x => x.GetProperty("action").GetInt32() == host.ActionA);
        Assert.Contains(rec.Str("decision"), new[] { "amplify", "maintain", "adjust", "stop" });
        Assert.Equal(System.Text.Json.JsonValueKind.Array, r.GetProperty("reallocation").ValueKind);

        using var decided = await http.PostAsJsonAsync($"/api/v1/plans/{host.PlanA}/review/decisions",
            new { action = host.ActionA, date = "2026-11-10", decision = "reject", reason = "le salon arrive, on garde" });
        Assert.Equal(HttpStatusCode.Created, decided.StatusCode);
        using var log = await http.GetAsync($"/api/v1/plans/{host.PlanA}/review/decisions");
        var line = Assert.Single((await log.JsonAsync()).EnumerateArray());
        Assert.Equal("reject", line.Str("verdict"));
        Assert.Equal(ApiHost.Email(Caller.Editor), line.Str("decidedBy"));
        using var badDecision = await http.PostAsJsonAsync($"/api/v1/plans/{host.PlanA}/review/decisions", new { action = host.ActionA, decision = "peut-être", reason = "" });
        var errors = (await badDecision.JsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("decision", out _));
    }

    [Fact]
    public async Task The_openapi_document_and_reference_page_describe_every_endpoint()
    {
        await using var host = await ApiHost.StartAsync("sqlite");
        using var anonymous = new HttpClient { BaseAddress = host.Address };
        using var doc = await anonymous.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, doc.StatusCode);
        var openapi = await doc.JsonAsync();
        Assert.Equal("http", openapi.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer").Str("type"));
        var paths = openapi.GetProperty("paths");
        var routes = host.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => e.RoutePattern.RawText!).Where(r => r.StartsWith("/api/v1", StringComparison.Ordinal))
            .Select(r => r.Replace(":int", "", StringComparison.Ordinal)).Distinct().ToList();
        foreach (var route in routes)
            Assert.True(paths.TryGetProperty(route, out _), $"{route} is not in the OpenAPI document");
        static IEnumerable<string?> Headers(System.Text.Json.JsonElement op) =>
            op.GetProperty("parameters").EnumerateArray().Where(p => p.Str("in") == "header").Select(p => p.Str("name"));
        Assert.Contains("If-Match", Headers(paths.GetProperty("/api/v1/actions/{id}").GetProperty("patch")));
        Assert.True(paths.GetProperty("/api/v1/actions/{id}").GetProperty("patch").GetProperty("responses").TryGetProperty("412", out _));
        Assert.Contains("Idempotency-Key", Headers(paths.GetProperty("/api/v1/measurements").GetProperty("post")));

        using var page = await anonymous.GetAsync("/api/reference");
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("/api/v1/plans/{id}/export", html);
        Assert.Contains("Idempotency-Key", html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", html.Replace("https://tools.ietf.org", "", StringComparison.Ordinal));
    }
}
