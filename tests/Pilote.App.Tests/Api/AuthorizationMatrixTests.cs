using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Pilote.Testing;

namespace Pilote.App.Tests.Api;

/// <summary>
/// Every /api/v1 endpoint of the route table against every kind of caller. The expectations are written here, per
/// endpoint; an endpoint added to the API without a line here fails the test, and so does a line for a route that no
/// longer exists.
/// </summary>
public sealed class AuthorizationMatrixTests
{
    /// <summary>Who may call: anybody signed in (about themselves), or a minimum role in the workspace that holds the resource.</summary>
    private enum Need
    {
        SignedIn,
        Viewer,
        Editor,
        Admin,
    }

    private sealed record Row(Need Need, HttpStatusCode Ok, Func<ApiHost, Caller, Task<HttpRequestMessage>> Request,
        HttpStatusCode? Outsider = null, HttpStatusCode? Token = null);

    private const string V1 = "W/\"v1\"";

    private static HttpRequestMessage Req(HttpMethod method, string url) => new(method, url);

    private static Task<HttpRequestMessage> R(HttpMethod method, string url) => Task.FromResult(Req(method, url));

    private static readonly Dictionary<string, Row> Expected = new()
    {
        ["GET /api/v1/me"] = new(Need.SignedIn, HttpStatusCode.OK, (_, _) => R(HttpMethod.Get, "/api/v1/me")),
        ["PATCH /api/v1/me"] = new(Need.SignedIn, HttpStatusCode.OK, async (h, c) =>
            Req(HttpMethod.Patch, "/api/v1/me").Json(new { culture = "fr-FR" }).IfMatch(c == Caller.Anonymous ? V1 : await h.UserETagAsync(c))),
        ["GET /api/v1/me/tokens"] = new(Need.SignedIn, HttpStatusCode.OK, (_, _) => R(HttpMethod.Get, "/api/v1/me/tokens")),
        // A token never mints another token: only a signed-in session does.
        ["POST /api/v1/me/tokens"] = new(Need.SignedIn, HttpStatusCode.Created, (_, _) => Task.FromResult(Req(HttpMethod.Post, "/api/v1/me/tokens").Json(new { name = "zapier" })),
            Token: HttpStatusCode.Forbidden),
        ["DELETE /api/v1/me/tokens/{id:int}"] = new(Need.SignedIn, HttpStatusCode.NoContent, async (h, c) =>
            Req(HttpMethod.Delete, $"/api/v1/me/tokens/{await h.NewTokenAsync(c)}").IfMatch(V1)),
        ["GET /api/v1/workspaces/{id:int}/members"] = new(Need.Admin, HttpStatusCode.OK, (h, _) => R(HttpMethod.Get, $"/api/v1/workspaces/{h.WorkspaceA}/members")),
        ["PUT /api/v1/workspaces/{id:int}/members"] = new(Need.Admin, HttpStatusCode.OK, async (h, _) =>
            Req(HttpMethod.Put, $"/api/v1/workspaces/{h.WorkspaceA}/members").Json(new { email = ApiHost.Email(Caller.Viewer), role = "viewer" })
                .IfMatch(await h.MembersETagAsync(h.WorkspaceA))),
        ["GET /api/v1/plans"] = new(Need.SignedIn, HttpStatusCode.OK, (_, _) => R(HttpMethod.Get, "/api/v1/plans")),
        ["POST /api/v1/plans"] = new(Need.Editor, HttpStatusCode.Created, (h, _) => Task.FromResult(
            Req(HttpMethod.Post, "/api/v1/plans").Json(new { workspace = h.WorkspaceA, name = "Plan Q1", start = "2027-01-01", end = "2027-03-31" }))),
        ["GET /api/v1/plans/{id:int}"] = new(Need.Viewer, HttpStatusCode.OK, (h, _) => R(HttpMethod.Get, $"/api/v1/plans/{h.PlanA}")),
        ["PATCH /api/v1/plans/{id:int}"] = new(Need.Editor, HttpStatusCode.OK, async (h, _) =>
            Req(HttpMethod.Patch, $"/api/v1/plans/{await h.NewPlanAsync()}").Json(new { budget = 25000 }).IfMatch(V1)),
        ["DELETE /api/v1/plans/{id:int}"] = new(Need.Admin, HttpStatusCode.NoContent, async (h, _) =>
            Req(HttpMethod.Delete, $"/api/v1/plans/{await h.NewPlanAsync()}").IfMatch(V1)),
        ["GET /api/v1/plans/{id:int}/objectives"] = new(Need.Viewer, HttpStatusCode.OK, (h, _) => R(HttpMethod.Get, $"/api/v1/plans/{h.PlanA}/objectives")),
        ["POST /api/v1/plans/{id:int}/objectives"] = new(Need.Editor, HttpStatusCode.Created, (h, _) => Task.FromResult(
            Req(HttpMethod.Post, $"/api/v1/plans/{h.PlanA}/objectives").Json(new { statement = "20 démos", kpi = "leads", target = "20" }))),
        ["GET /api/v1/objectives/{id:int}"] = new(Need.Viewer, HttpStatusCode.OK, (h, _) => R(HttpMethod.Get, $"/api/v1/objectives/{h.ObjectiveA}")),
        ["PATCH /api/v1/objectives/{id:int}"] = new(Need.Editor, HttpStatusCode.OK, async (h, _) =>
            Req(HttpMethod.Patch, $"/api/v1/objectives/{await h.NewObjectiveAsync()}").Json(new { owner = "Sam" }).IfMatch(V1)),
        ["DELETE /api/v1/objectives/{id:int}"] = new(Need.Editor, HttpStatusCode.NoContent, async (h, _) =>
            Req(HttpMethod.Delete, $"/api/v1/objectives/{await h.NewObjectiveAsync()}").IfMatch(V1)),
        ["GET /api/v1/plans/{id:int}/actions"] = new(Need.Viewer, HttpStatusCode.OK, (h, _) => R(HttpMethod.Get, $"/api/v1/plans/{h.PlanA}/actions")),
        ["POST /api/v1/plans/{id:int}/actions"] = new(Need.Editor, HttpStatusCode.Created, (h, _) => Task.FromResult(
            Req(HttpMethod.Post, $"/api/v1/plans/{h.PlanA}/actions").Json(new { title = "Newsletter", channel = "emailing" }))),
        ["GET /api/v1/actions/{id:int}"] = new(Need.Viewer, HttpStatusCode.OK, (h, _) => R(HttpMethod.Get, $"/api/v1/actions/{h.ActionA}")),
        ["PATCH /api/v1/actions/{id:int}"] = new(Need.Editor, HttpStatusCode.OK, async (h, _) =>
            Req(HttpMethod.Patch, $"/api/v1/actions/{await h.NewActionAsync()}").Json(new { status = "en pause" }).IfMatch(V1)),
        ["DELETE /api/v1/actions/{id:int}"] = new(Need.Editor, HttpStatusCode.NoContent, async (h, _) =>
            Req(HttpMethod.Delete, $"/api/v1/actions/{await h.NewActionAsync()}").IfMatch(V1)),
        ["POST /api/v1/actions/{id:int}/tracked-link"] = new(Need.Editor, HttpStatusCode.OK, async (h, _) =>
            Req(HttpMethod.Post, $"/api/v1/actions/{await h.NewActionAsync()}/tracked-link").IfMatch(V1)),
        ["GET /api/v1/actions/{id:int}/history"] = new(Need.Viewer, HttpStatusCode.OK, (h, _) => R(HttpMethod.Get, $"/api/v1/actions/{h.ActionA}/history")),
        ["GET /api/v1/actions/{id:int}/kpis"] = new(Need.Viewer, HttpStatusCode.OK, (h, _) => R(HttpMethod.Get, $"/api/v1/actions/{h.ActionA}/kpis")),
        ["GET /api/v1/actions/{id:int}/kpis/{kpi}"] = new(Need.Viewer, HttpStatusCode.OK, (h, _) => R(HttpMethod.Get, $"/api/v1/actions/{h.ActionA}/kpis/leads")),
        ["PUT /api/v1/actions/{id:int}/kpis/{kpi}/target"] = new(Need.Editor, HttpStatusCode.OK, async (h, _) =>
            Req(HttpMethod.Put, $"/api/v1/actions/{await h.NewActionAsync()}/kpis/leads/target").Json(new { target = "150", reason = "budget relevé" }).IfMatch(V1)),
        ["DELETE /api/v1/actions/{id:int}/kpis/{kpi}"] = new(Need.Editor, HttpStatusCode.NoContent, async (h, _) =>
            Req(HttpMethod.Delete, $"/api/v1/actions/{await h.NewActionAsync()}/kpis/leads").IfMatch(V1)),
        // An action of another workspace reads as an action that does not exist: a 404 naming the row, as for a wrong id.
        ["POST /api/v1/measurements"] = new(Need.Editor, HttpStatusCode.Created, (h, _) =>
        {
            var r = Req(HttpMethod.Post, "/api/v1/measurements").Json(new { measurements = new[] { new { action = h.ActionA, metric = "leads", date = "2026-11-03", value = 2 } } });
            r.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            return Task.FromResult(r);
        }),
        ["POST /api/v1/imports"] = new(Need.Editor, HttpStatusCode.Created, (h, _) =>
        {
            var form = new MultipartFormDataContent
            {
                { new StringContent(h.PlanA.ToString(System.Globalization.CultureInfo.InvariantCulture)), "plan" },
                { new StringContent(h.ActionA.ToString(System.Globalization.CultureInfo.InvariantCulture)), "action" },
            };
            var file = new ByteArrayContent(Encoding.UTF8.GetBytes($"date,campaign,leads\n2026-11-04,{Guid.NewGuid():N},3\n"));
            file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            form.Add(file, "file", "leads.csv");
            return Task.FromResult(new HttpRequestMessage(HttpMethod.Post, "/api/v1/imports") { Content = form });
        }),
        ["GET /api/v1/imports"] = new(Need.SignedIn, HttpStatusCode.OK, (_, _) => R(HttpMethod.Get, "/api/v1/imports")),
        ["DELETE /api/v1/imports/{id:int}"] = new(Need.Editor, HttpStatusCode.OK, async (h, _) =>
        {
            var batch = await h.NewBatchAsync();
            return Req(HttpMethod.Delete, $"/api/v1/imports/{batch}").IfMatch(await h.BatchETagAsync(batch));
        }),
        ["GET /api/v1/plans/{id:int}/export"] = new(Need.Viewer, HttpStatusCode.OK, (h, _) => R(HttpMethod.Get, $"/api/v1/plans/{h.PlanA}/export?format=csv")),
        ["GET /api/v1/plans/{id:int}/audit"] = new(Need.Viewer, HttpStatusCode.OK, (h, _) => R(HttpMethod.Get, $"/api/v1/plans/{h.PlanA}/audit")),
        ["GET /api/v1/plans/{id:int}/review"] = new(Need.Viewer, HttpStatusCode.OK, (h, _) => R(HttpMethod.Get, $"/api/v1/plans/{h.PlanA}/review?date=2026-11-10")),
        ["POST /api/v1/plans/{id:int}/review/decisions"] = new(Need.Editor, HttpStatusCode.Created, (h, _) => Task.FromResult(
            Req(HttpMethod.Post, $"/api/v1/plans/{h.PlanA}/review/decisions").Json(new { action = h.ActionA, date = "2026-11-10", decision = "accept", reason = "on suit" }))),
        ["GET /api/v1/plans/{id:int}/review/decisions"] = new(Need.Viewer, HttpStatusCode.OK, (h, _) => R(HttpMethod.Get, $"/api/v1/plans/{h.PlanA}/review/decisions")),
        ["GET /api/v1/plans/{id:int}/dashboard"] = new(Need.Viewer, HttpStatusCode.OK, (h, _) => R(HttpMethod.Get, $"/api/v1/plans/{h.PlanA}/dashboard")),
    };

    private static HttpStatusCode ExpectedStatus(Row row, Caller caller)
    {
        if (caller == Caller.Anonymous)
            return HttpStatusCode.Unauthorized;
        if (caller == Caller.Token && row.Token is { } t)
            return t;
        if (row.Need == Need.SignedIn)
            return row.Ok;
        if (caller == Caller.Outsider)
            return row.Outsider ?? HttpStatusCode.NotFound;
        var rank = caller switch { Caller.Admin => Need.Admin, Caller.Editor or Caller.Token => Need.Editor, _ => Need.Viewer };
        return rank >= row.Need ? row.Ok : HttpStatusCode.Forbidden;
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Every_api_endpoint_answers_each_caller_as_the_matrix_says(string provider)
    {
        await using var host = await ApiHost.StartAsync(provider);
        var routes = host.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["ANY"])
                .Select(m => $"{m} {e.RoutePattern.RawText}"))
            .ToList();
        var unlisted = routes.Except(Expected.Keys).ToList();
        Assert.True(unlisted.Count == 0, "endpoints missing from the authorization matrix: " + string.Join(", ", unlisted));
        var gone = Expected.Keys.Except(routes).ToList();
        Assert.True(gone.Count == 0, "matrix lines for routes that do not exist: " + string.Join(", ", gone));

        var failures = new List<string>();
        foreach (var route in routes.Order())
            foreach (var caller in Enum.GetValues<Caller>())
            {
                var row = Expected[route];
                using var request = await row.Request(host, caller);
                using var response = await host.Client(caller).SendAsync(request);
                var expected = ExpectedStatus(row, caller);
                if (response.StatusCode != expected)
                    failures.Add($"{route} as {caller}: {(int)response.StatusCode} instead of {(int)expected} {await response.Content.ReadAsStringAsync()}");
                else if ((int)expected >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                    failures.Add($"{route} as {caller}: {(int)expected} without problem+json");
            }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(routes.Count >= 30, $"only {routes.Count} API routes found");
    }
}
