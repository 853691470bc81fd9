using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pilote.Access;
using Pilote.Actions;
using Pilote.Objectives;
using Pilote.Plans;
using Pilote.Testing;

namespace Pilote.App.Tests.Api;

/// <summary>Who calls in a test: four people of two client workspaces signed in by session, nobody, and an editor's token.</summary>
public enum Caller
{
    Admin,
    Editor,
    Viewer,
    Outsider,
    Anonymous,
    Token,
}

/// <summary>
/// The real web host on a loopback port over a real database, with two client workspaces (an agency's A and B), a plan in
/// each, and people: A's admin, editor and viewer, B's admin (the outsider for A), each signed in through Identity.
/// </summary>
public sealed class ApiHost : IAsyncDisposable
{
    public const string Password = "motdepasse-2026";
    private readonly Dictionary<Caller, HttpClient> _clients = [];

    private ApiHost(TestDatabase db, WebApplication app, FixedClock clock)
    {
        Db = db;
        App = app;
        Clock = clock;
    }

    public TestDatabase Db { get; }
    public WebApplication App { get; }
    public FixedClock Clock { get; }
    public Uri Address => new(App.Urls.Single());
    public int WorkspaceA { get; private set; }
    public int WorkspaceB { get; private set; }
    public int PlanA { get; private set; }
    public int PlanB { get; private set; }
    public int ActionA { get; private set; }
    public int ObjectiveA { get; private set; }
    public string EditorToken { get; private set; } = "";
    public Dictionary<Caller, int> UserIds { get; } = [];

    public static string Email(Caller c) => c.ToString().ToLowerInvariant() + "@agence.test";

    public static async Task<ApiHost> StartAsync(string provider, int apiPerMinute = 100_000)
    {
        var db = await TestDatabase.CreateAsync(provider);
        var clock = new FixedClock(2026, 11, 18);
        var app = WebApp.Build(db.Target, clock, "http://127.0.0.1:0", configure: b => b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Pilote:RateLimits:ApiPerMinute"] = apiPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));
        // The sign-in page is the web app's; tests sign in through the same SignInManager with lockout on failure.
        app.MapPost("/test/signin", async (HttpContext http, SignInManager<PiloteUser> signIn) =>
        {
            var form = await http.Request.ReadFromJsonAsync<Dictionary<string, string>>();
            var result = await signIn.PasswordSignInAsync(form!["email"], form["password"], isPersistent: false, lockoutOnFailure: true);
            return result.Succeeded ? Results.Ok() : Results.Json(new { locked = result.IsLockedOut }, statusCode: 401);
        });
        var host = new ApiHost(db, app, clock);
        await host.SeedAsync();
        await app.StartAsync();
        foreach (var c in Enum.GetValues<Caller>())
            host._clients[c] = await host.ClientAsync(c);
        return host;
    }

    private async Task SeedAsync()
    {
        await using var ctx = Db.Open();
        var a = await WorkspaceService.CreateAsync(ctx, Clock, "Client A", "client-a");
        var b = await WorkspaceService.CreateAsync(ctx, Clock, "Client B", "client-b");
        (WorkspaceA, WorkspaceB) = (a.Id, b.Id);
        var access = new AccessService(ctx, Clock);
        foreach (var (caller, ws, role) in new[]
        {
            (Caller.Admin, "client-a", WorkspaceRole.Admin), (Caller.Editor, "client-a", WorkspaceRole.Editor),
            (Caller.Viewer, "client-a", WorkspaceRole.Viewer), (Caller.Outsider, "client-b", WorkspaceRole.Admin),
        })
            UserIds[caller] = (await access.AddUserAsync(Email(caller), Password, false, ws, role)).User.Id;
        UserIds[Caller.Token] = UserIds[Caller.Editor];
        EditorToken = (await access.CreateTokenAsync(UserIds[Caller.Editor], "tests", null)).Secret;
        PlanA = await NewPlanAsync(ctx, WorkspaceA, "Lancement A");
        PlanB = await NewPlanAsync(ctx, WorkspaceB, "Lancement B");
        ActionA = await NewActionAsync(PlanA);
        ObjectiveA = (await new ObjectiveService(ctx).AddAsync(PlanA, new ObjectiveFields("500 leads qualifiés d'ici fin décembre", "leads", "500", Deadline: "2026-12-31", Owner: "Léa"))).Id;
    }

    private async Task<int> NewPlanAsync(Pilote.Data.PiloteDb ctx, int workspace, string name) =>
        (await new PlanService(ctx, Clock).CreateAsync(workspace, new PlanFields(name, "vierge", "2026-10-01", "2026-12-31", "20000"))).Id;

    public async Task<int> NewPlanAsync(string name = "Plan jetable")
    {
        await using var ctx = Db.Open();
        return await NewPlanAsync(ctx, WorkspaceA, name);
    }

    /// <summary>A live SEA action measured by leads against a target of 100, ready for measurements and reviews.</summary>
    public async Task<int> NewActionAsync(int? plan = null)
    {
        await using var ctx = Db.Open();
        var action = await new ActionService(ctx, Clock).AddAsync(plan ?? PlanA, new ActionFields
        {
            Title = "Campagne SEA " + Guid.NewGuid().ToString("N")[..6], Channel = "sea", Kpi = "leads", Target = "100", Status = "actif",
            Start = "2026-10-01", Due = "2026-12-31", Budget = "3000", Owner = "Léa",
        }, "tests");
        return action.Id;
    }

    public async Task<int> NewObjectiveAsync()
    {
        await using var ctx = Db.Open();
        return (await new ObjectiveService(ctx).AddAsync(PlanA, new ObjectiveFields("Objectif jetable"))).Id;
    }

    public async Task<int> NewTokenAsync(Caller caller)
    {
        await using var ctx = Db.Open();
        return (await new AccessService(ctx, Clock).CreateTokenAsync(UserIds.GetValueOrDefault(caller, UserIds[Caller.Editor]), "jetable", null)).Token.Id;
    }

    public async Task<int> NewBatchAsync()
    {
        await using var ctx = Db.Open();
        return (await new Pilote.Measurements.MeasurementPush(ctx, Clock).PushAsync([new(ActionA, "leads", "2026-11-02", null, "1")], "tests")).Batch;
    }

    /// <summary>The ETag a write must name, read from the database (what a GET would have told the caller).</summary>
    public async Task<string> ETagAsync(Func<Pilote.Data.PiloteDb, Task<int>> version)
    {
        await using var ctx = Db.Open();
        return $"W/\"v{await version(ctx)}\"";
    }

    public Task<string> UserETagAsync(Caller caller) =>
        ETagAsync(ctx => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(
            ctx.Users.Where(u => u.Id == UserIds.GetValueOrDefault(caller)).Select(u => u.Version)));

    public Task<string> MembersETagAsync(int workspace) =>
        ETagAsync(ctx => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(
            ctx.Workspaces.Where(w => w.Id == workspace).Select(w => w.Version)));

    public Task<string> BatchETagAsync(int batch) =>
        ETagAsync(ctx => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(
            ctx.ImportBatches.Where(b => b.Id == batch).Select(b => b.Version)));

    public HttpClient Client(Caller caller) => _clients[caller];

    /// <summary>A client signed in by session (a cookie from the sign-in), by token, or not at all.</summary>
    public async Task<HttpClient> ClientAsync(Caller caller)
    {
        var handler = new HttpClientHandler { UseCookies = true, CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        var http = new HttpClient(handler) { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
        if (caller == Caller.Token)
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", EditorToken);
        else if (caller != Caller.Anonymous)
        {
            using var response = await SignInAsync(http, Email(caller), Password);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        return http;
    }

    public static Task<HttpResponseMessage> SignInAsync(HttpClient http, string email, string password) =>
        http.PostAsJsonAsync("/test/signin", new Dictionary<string, string> { ["email"] = email, ["password"] = password });

    public HttpClient Bearer(string secret)
    {
        var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return http;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var c in _clients.Values)
            c.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        await Db.DisposeAsync();
    }
}

public static class HttpTestExtensions
{
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public static HttpRequestMessage Json(this HttpRequestMessage request, object body)
    {
        request.Content = JsonContent.Create(body);
        return request;
    }

    public static HttpRequestMessage IfMatch(this HttpRequestMessage request, string? etag)
    {
        if (etag is not null)
            request.Headers.TryAddWithoutValidation("If-Match", etag);
        return request;
    }

    public static string ETag(this HttpResponseMessage response) => response.Headers.ETag?.ToString() ?? throw new InvalidOperationException("no ETag");
}
