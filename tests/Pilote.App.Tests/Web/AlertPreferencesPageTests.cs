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
    private static async Task<(BunitContext Ctx, TestDatabase Db, int UserId, int WorkspaceId)> SignedInAsync()
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
}
