using System.Globalization;
using System.Security.Claims;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Pilote.Alerts;
using Pilote.App.Alerts;
using Pilote.Testing;

namespace Pilote.App.Tests.Web;

/// <summary>"Mes alertes": the signed-in person chooses what they receive, rendered with bUnit on a real SQLite database.</summary>
public sealed class AlertPreferencesPageTests
{
    private static readonly FixedClock Clock = new(2026, 11, 22);

    /// <summary>A demo database, Marie signed in, and a bUnit context with MudBlazor (disposed asynchronously, as MudBlazor's services need).</summary>
    private static async Task<(BunitContext Ctx, TestDatabase Db, int UserId, int WorkspaceId)> SignedInAsync(AlertOptions? options = null)
    {
        var db = await TestDatabase.CreateAsync("sqlite");
        await CliRun.OkAsync(db, "demo");
        await CliRun.OkAsync(db, "user", "add", "marie@localscope.fr", "--workspace", "demo", "--role", "editor");
        await using var ctx = db.Open();
        var user = await ctx.Users.SingleAsync(u => u.NormalizedEmail == "MARIE@LOCALSCOPE.FR");
        var ws = await ctx.Workspaces.SingleAsync(w => w.Slug == "demo");
        var bunit = new BunitContext();
        bunit.Services.AddSingleton(db.Target);
        bunit.Services.AddSingleton<TimeProvider>(Clock);
        bunit.Services.AddSingleton(options ?? new AlertOptions(SmtpHost: "smtp.example.com"));
        bunit.Services.AddMudServices();
        bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        bunit.AddAuthorization().SetAuthorized("marie@localscope.fr").SetClaims(new Claim(ClaimTypes.NameIdentifier, user.Id.ToString(CultureInfo.InvariantCulture)));
        return (bunit, db, user.Id, ws.Id);
    }

    [Fact]
    public async Task Ticking_alerts_and_saving_stores_them_for_the_person_in_French()
    {
        var (bunit, db, userId, workspaceId) = await SignedInAsync();
        await using var database = db;
        await using var context = bunit;
        // Set here, not in the async helper: a culture set inside an awaited method does not flow back to its caller.
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("fr-FR");
        var cut = context.Render<AlertPreferencesPage>();
        cut.WaitForAssertion(() => Assert.Equal("marie@localscope.fr", cut.Find("[data-testid=prefs-email]").TextContent));
        Assert.Contains("Mes alertes", cut.Find("h1").TextContent, StringComparison.Ordinal);
        Assert.Contains("Synthèse hebdomadaire", cut.Markup, StringComparison.Ordinal);
        // Nothing chosen yet.
        Assert.Equal(10, cut.FindAll("input[type=checkbox]").Count);
        Assert.DoesNotContain(cut.FindAll("input[type=checkbox]"), box => box.HasAttribute("checked"));

        cut.Find("input[data-testid=mail-kpi-off-track]").Change(true);
        cut.Find("input[data-testid=mail-digest]").Change(true);
        cut.Find("input[data-testid=hook-over-budget]").Change(true);
        cut.Find("input[data-testid=hook-url]").Change("https://hooks.slack.com/services/T0/B0/x");
        cut.Find("button[data-testid=prefs-save]").Click();
        cut.WaitForAssertion(() => Assert.Contains("Enregistré : 3 choix", cut.Find("[data-testid=prefs-message]").TextContent, StringComparison.Ordinal));

        await using var ctx = db.Open();
        var rows = await ctx.AlertSubscriptions.AsNoTracking().OrderBy(s => s.Channel).ToListAsync();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal((userId, workspaceId, "marie@localscope.fr"), (r.UserId!.Value, r.WorkspaceId, r.Email)));
        Assert.Equal((AlertChannel.Email, "kpi-off-track", true, (string?)null), (rows[0].Channel, rows[0].Kinds, rows[0].Digest, rows[0].WebhookUrl));
        Assert.Equal((AlertChannel.Webhook, "over-budget", false, "https://hooks.slack.com/services/T0/B0/x"), (rows[1].Channel, rows[1].Kinds, rows[1].Digest, rows[1].WebhookUrl));

        // Unticking everything by email removes that channel; the page reloads with what is stored.
        cut.Find("input[data-testid=mail-kpi-off-track]").Change(false);
        cut.Find("input[data-testid=mail-digest]").Change(false);
        cut.Find("button[data-testid=prefs-save]").Click();
        cut.WaitForAssertion(() => Assert.Contains("Enregistré : 1 choix", cut.Find("[data-testid=prefs-message]").TextContent, StringComparison.Ordinal));
        Assert.Equal([AlertChannel.Webhook], await ctx.AlertSubscriptions.AsNoTracking().Select(s => s.Channel).ToListAsync());
    }

    [Fact]
    public async Task A_webhook_without_an_address_is_refused_in_English_and_nothing_is_written()
    {
        var (bunit, db, _, _) = await SignedInAsync();
        await using var database = db;
        await using var context = bunit;
        // Set here, not in the async helper: a culture set inside an awaited method does not flow back to its caller.
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-GB");
        var cut = context.Render<AlertPreferencesPage>();
        cut.WaitForAssertion(() => Assert.Contains("My alerts", cut.Find("h1").TextContent, StringComparison.Ordinal));
        Assert.Contains("Weekly digest", cut.Markup, StringComparison.Ordinal);

        cut.Find("input[data-testid=hook-kpi-off-track]").Change(true);
        cut.Find("button[data-testid=prefs-save]").Click();
        var message = cut.Find("[data-testid=prefs-message]");
        Assert.StartsWith("Webhook: enter an http(s) URL", message.TextContent, StringComparison.Ordinal);
        Assert.Equal("alert", message.GetAttribute("role"));
        await using var ctx = db.Open();
        Assert.Equal(0, await ctx.AlertSubscriptions.CountAsync());
    }

    [Fact]
    public async Task Setting_up_alerts_says_what_will_not_be_delivered_and_shows_what_was_not()
    {
        // This Pilote has no mail server, and refuses private webhook addresses (the default).
        var (bunit, db, _, _) = await SignedInAsync(new AlertOptions());
        await using var database = db;
        await using var context = bunit;
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("fr-FR");
        // Marie's email alerts already went out once, through a mail server that was down.
        await CliRun.OkAsync(db, "alerts", "subscribe", "--workspace", "demo", "--email", "marie@localscope.fr", "--kinds", "no-measurement");
        int closedPort;
        using (var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            probe.Start();
            closedPort = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        }
        await using (var ctx = db.Open())
            await new AlertService(ctx, Clock, new AlertOptions(SmtpHost: "127.0.0.1", SmtpPort: closedPort, Backoff: TimeSpan.FromMilliseconds(10)), "test")
                .RunAsync(new DateOnly(2026, 11, 22), digest: false);

        var cut = context.Render<AlertPreferencesPage>();
        cut.WaitForAssertion(() => Assert.Equal("marie@localscope.fr", cut.Find("[data-testid=prefs-email]").TextContent));
        // Before ticking anything: email alerts cannot go out from here.
        Assert.Contains("Aucun serveur d'e-mail n'est configuré sur ce Pilote", cut.Find("[data-testid=smtp-missing]").TextContent, StringComparison.Ordinal);
        // What was not delivered, and why, in her own page rather than only in the administrator's `pilote alerts list`.
        var rows = cut.FindAll("[data-testid=delivery]");
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r =>
        {
            Assert.Equal("retrying", r.GetAttribute("data-status"));
            Assert.Contains("à réessayer", r.TextContent, StringComparison.Ordinal);
            Assert.Contains($"SMTP 127.0.0.1:{closedPort}", r.TextContent, StringComparison.Ordinal);
        });

        // A webhook on the local network: refused on saving, since every message to it would be refused.
        cut.Find("input[data-testid=hook-kpi-off-track]").Change(true);
        cut.Find("input[data-testid=hook-url]").Change("http://192.168.1.20:8080/hook");
        cut.Find("button[data-testid=prefs-save]").Click();
        var message = cut.Find("[data-testid=prefs-message]");
        Assert.StartsWith("Webhook : 192.168.1.20 est une adresse locale ou privée", message.TextContent, StringComparison.Ordinal);
        Assert.Equal("alert", message.GetAttribute("role"));
        await using (var ctx = db.Open())
            Assert.Equal(0, await ctx.AlertSubscriptions.CountAsync(s => s.Channel == AlertChannel.Webhook));
    }

    [Fact]
    public async Task A_local_webhook_is_accepted_where_the_administrator_allows_it_and_a_configured_server_raises_no_warning()
    {
        var (bunit, db, _, _) = await SignedInAsync(new AlertOptions(SmtpHost: "127.0.0.1", AllowPrivateWebhooks: true));
        await using var database = db;
        await using var context = bunit;
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-GB");
        var cut = context.Render<AlertPreferencesPage>();
        cut.WaitForAssertion(() => Assert.Contains("My alerts", cut.Find("h1").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid=smtp-missing]"));
        Assert.Contains("Nothing was sent to you in this workspace yet.", cut.Find("[data-testid=deliveries-empty]").TextContent, StringComparison.Ordinal);

        cut.Find("input[data-testid=hook-kpi-off-track]").Change(true);
        cut.Find("input[data-testid=hook-url]").Change("http://127.0.0.1:8766/hook");
        cut.Find("button[data-testid=prefs-save]").Click();
        cut.WaitForAssertion(() => Assert.Contains("Saved: 1 choice", cut.Find("[data-testid=prefs-message]").TextContent, StringComparison.Ordinal));
    }
}
