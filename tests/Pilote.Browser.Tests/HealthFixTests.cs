using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Pilote.Browser.Tests;

/// <summary>
/// From the health panel to the fix, in the web app alone: NutriBoost's point-of-sale action gets its tracked link and
/// promo code, its KPIs with targets and an objective, the objective gets its number, and the panel says so. A server of its own: it edits
/// the demo.
/// </summary>
public sealed class HealthFixTests(PiloteServer server) : IClassFixture<PiloteServer>
{
    [Fact]
    public async Task An_editor_fixes_NutriBoost_findings_from_the_health_panel_and_the_audit_agrees()
    {
        var plans = JsonDocument.Parse(await server.CliAsync("plan", "list", "--json")).RootElement.EnumerateArray().ToList();
        var id = plans.Single(p => p.GetProperty("name").GetString()!.StartsWith("NutriBoost", StringComparison.Ordinal)).GetProperty("id").GetInt32()
            .ToString(CultureInfo.InvariantCulture);
        // Another action already carries a code (given on the command line).
        await server.CliAsync("action", "set", "Ads Google", "--plan", id, "--utm", "nb-ads-google");
        var before = JsonDocument.Parse(await server.CliAsync(1, "audit", id, "--json")).RootElement;
        var page = await server.NewPageAsync();
        await page.GotoAsync($"/plans/{id}/sante");
        await PiloteServer.InteractiveAsync(page);

        // The hint names the page and its section, not a command; its link opens that section of the action's page.
        var blind = page.Locator("[data-testid=finding][data-rule=action-without-tracking]").Filter(new() { HasText = "Activation en points de vente" });
        await Expect(blind).ToContainTextAsync("page de l'action, « Liens de suivi »");
        await Expect(page.GetByTestId("finding").Filter(new() { HasText = "pilote action set" })).ToHaveCountAsync(0);
        await blind.GetByTestId("fix").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/actions/\d+#links-title$"));
        var action = Regex.Match(page.Url, @"/actions/(\d+)").Groups[1].Value;
        await Expect(page.GetByTestId("action-title")).ToHaveTextAsync("Activation en points de vente");
        await PiloteServer.InteractiveAsync(page);

        // One click: a UTM campaign and, at the point of sale, a promo code, the ones `pilote utm` gives.
        await Expect(page.GetByTestId("no-code")).ToBeVisibleAsync();
        await page.GetByTestId("link-create").ClickAsync();
        await Expect(page.GetByTestId("code")).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("link-create")).ToHaveCountAsync(0);
        var campaign = await page.GetByTestId("code").Nth(0).GetAttributeAsync("data-value");
        var promo = await page.GetByTestId("code").Nth(1).GetAttributeAsync("data-value");
        Assert.Equal("nutriboost-vitalite-activation-en-points-de-vente", campaign);
        Assert.Matches("^[A-Z0-9]{4,12}$", promo);
        await Expect(page.GetByTestId("utm-query")).ToContainTextAsync($"utm_campaign={campaign}&utm_content=a{action}");

        // A code another action carries is refused by name, and nothing is added.
        await page.GetByTestId("code-value").FillAsync("NB_Ads_Google");
        await page.GetByTestId("code-add").ClickAsync();
        await Expect(page.GetByTestId("code-error")).ToContainTextAsync("Campagne UTM : « NB_Ads_Google » est déjà le code de l'action");
        await Expect(page.GetByTestId("code-error")).ToContainTextAsync("« Ads Google »");
        await Expect(page.GetByTestId("code")).ToHaveCountAsync(2);

        // A code added by mistake is taken back, after saying what that unties; « annuler » keeps it.
        await page.GetByTestId("code-value").FillAsync("essai-retrait");
        await page.GetByTestId("code-add").ClickAsync();
        var mistake = page.Locator("[data-testid=code][data-value=essai-retrait]");
        await Expect(page.GetByTestId("code")).ToHaveCountAsync(3);
        await mistake.GetByTestId("code-remove").ClickAsync();
        await Expect(mistake.GetByTestId("code-remove-confirm")).ToContainTextAsync("ne seront plus reliés à l'action");
        await PiloteServer.ShotAsync(page, "32-code-remove-confirm");
        await mistake.GetByTestId("code-remove-no").ClickAsync();
        await Expect(mistake.GetByTestId("code-remove-confirm")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("code")).ToHaveCountAsync(3);
        await mistake.GetByTestId("code-remove").ClickAsync();
        await mistake.GetByTestId("code-remove-yes").ClickAsync();
        await Expect(page.GetByTestId("code")).ToHaveCountAsync(2);
        await Expect(mistake).ToHaveCountAsync(0);

        // The action serves the objective; the history says who did what.
        await page.GetByTestId("objective-pick").SelectOptionAsync(new SelectOptionValue { Label = "Faire connaître la gamme Vitalité Boost" });
        await page.GetByTestId("objective-link").ClickAsync();
        await Expect(page.GetByTestId("served")).ToHaveTextAsync(new Regex("^Faire connaître la gamme Vitalité Boost"));
        await Expect(page.GetByTestId("change").Filter(new() { HasText = campaign! })).ToHaveCountAsync(1);

        // Its KPIs: the channel's own (promo codes redeemed) and a cost per result for the money, each with a target read
        // as it is typed; a target that is not a number is refused before anything is sent.
        await Expect(page.GetByTestId("no-kpi")).ToBeVisibleAsync();
        await page.GetByTestId("kpi-pick").SelectOptionAsync("codes_promo");
        await page.GetByTestId("kpi-target").FillAsync("beaucoup");
        await Expect(page.GetByTestId("kpi-add-msg")).ToHaveClassAsync("validation-message");
        await Expect(page.GetByTestId("kpi-save")).ToBeDisabledAsync();
        await page.GetByTestId("kpi-target").FillAsync("1 500");
        await Expect(page.GetByTestId("kpi-add-msg")).ToContainTextAsync("Compris");
        await page.GetByTestId("kpi-save").ClickAsync();
        await Expect(page.GetByTestId("action-kpi")).ToHaveCountAsync(1);
        await page.GetByTestId("kpi-pick").SelectOptionAsync("cpa");
        await page.GetByTestId("kpi-target").FillAsync("< 12 €");
        await page.GetByTestId("kpi-save").ClickAsync();
        await Expect(page.GetByTestId("action-kpi")).ToHaveCountAsync(2);
        var cpa = page.Locator("[data-testid=action-kpi][data-kpi=cpa]");
        await Expect(cpa).ToContainTextAsync("cible < 12 €");
        // The target then changes in place, read as it is typed and refused while it is not a number.
        var changeTarget = cpa.GetByRole(AriaRole.Button, new() { Name = "Changer la cible" });
        await cpa.GetByTestId("new-target").FillAsync("moins");
        await Expect(cpa.Locator(".target-edit [aria-live]")).ToHaveClassAsync("validation-message");
        await Expect(changeTarget).ToBeDisabledAsync();
        await cpa.GetByTestId("new-target").FillAsync("< 10 €");
        await Expect(cpa.Locator(".target-edit [aria-live]")).ToContainTextAsync("Compris");
        await changeTarget.ClickAsync();
        await Expect(cpa).ToContainTextAsync("cible < 10 €");
        await Expect(cpa.GetByTestId("new-target")).ToHaveValueAsync("");
        await PiloteServer.ShotAsync(page, "27-action-tracking-fixed");

        // The objective gets a metric, a number, a deadline and an owner, in the form it was written with.
        await page.GotoAsync($"/plans/{id}/objectifs");
        await PiloteServer.InteractiveAsync(page);
        var objective = page.GetByTestId("objective").Filter(new() { HasText = "Faire connaître la gamme Vitalité Boost" });
        await Expect(objective.GetByTestId("objective-actions")).ToContainTextAsync("Activation en points de vente");
        await objective.GetByTestId("obj-edit").ClickAsync();
        await Expect(page.GetByTestId("obj-statement")).ToHaveValueAsync("Faire connaître la gamme Vitalité Boost");
        await page.GetByTestId("obj-kpi").SelectOptionAsync("reach");
        await page.GetByTestId("obj-target").FillAsync("500 000");
        await page.GetByTestId("obj-deadline").FillAsync("30/06/2026");
        await page.GetByTestId("obj-owner").FillAsync("Claire Martin");
        await page.GetByTestId("obj-save").ClickAsync();
        await Expect(page.GetByTestId("obj-save")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("obj-statement")).ToHaveValueAsync("");
        await Expect(objective).ToContainTextAsync("Cible : 500 000");
        await Expect(objective).ToContainTextAsync("30/06/2026");

        // Back on the panel: those findings are gone, the score moved, and it is the command line's.
        await page.GotoAsync($"/plans/{id}/sante");
        await PiloteServer.InteractiveAsync(page);
        var after = JsonDocument.Parse(await server.CliAsync(1, "audit", id, "--json")).RootElement;
        Assert.True(after.GetProperty("score").GetInt32() > before.GetProperty("score").GetInt32());
        await Expect(page.GetByTestId("health-score")).ToContainTextAsync($"{after.GetProperty("score").GetInt32()} / 100");
        await Expect(page.GetByTestId("finding")).ToHaveCountAsync(after.GetProperty("findings").GetArrayLength());
        await Expect(page.Locator("[data-testid=finding][data-rule=action-without-tracking]").Filter(new() { HasText = "Activation en points de vente" })).ToHaveCountAsync(0);
        foreach (var rule in new[] { "objective-not-quantified", "objective-without-deadline", "objective-without-owner", "objective-without-action" })
            await Expect(page.Locator($"[data-testid=finding][data-rule={rule}]")).ToHaveCountAsync(0);
        // Exactly what was fixed is gone: the objective's findings and the action's blind spot; nothing else moved.
        static IEnumerable<string> Keys(JsonElement audit) => audit.GetProperty("findings").EnumerateArray()
            .Select(f => $"{f.GetProperty("rule").GetString()} {f.GetProperty("subjectType").GetString()} {f.GetProperty("subjectId").GetInt32()}");
        var fixedNow = Keys(before).Except(Keys(after)).ToList();
        Assert.Empty(Keys(after).Except(Keys(before)));
        var onAction = new[] { "action-without-tracking", "action-without-kpi", "budget-without-return-kpi" }.Select(r => $"{r} action {action}").ToList();
        Assert.All(onAction, k => Assert.Contains(k, fixedNow));
        Assert.Contains(fixedNow, k => k.StartsWith("objective-not-quantified objective ", StringComparison.Ordinal));
        Assert.All(fixedNow, k => Assert.True(k.StartsWith("objective-", StringComparison.Ordinal) || onAction.Contains(k), k));
        await PiloteServer.ShotAsync(page, "28-plan-health-after-fixes");

        // Last, the same form adds a new objective.
        await page.GotoAsync($"/plans/{id}/objectifs");
        await PiloteServer.InteractiveAsync(page);
        await page.GetByTestId("obj-statement").FillAsync("Générer 300 visites en magasin avec les codes promo");
        await page.GetByTestId("obj-kpi").SelectOptionAsync("visites_magasin");
        await page.GetByTestId("obj-target").FillAsync("300");
        await page.GetByTestId("obj-deadline").FillAsync("30/06/2026");
        await page.GetByTestId("obj-owner").FillAsync("Claire Martin");
        await page.GetByTestId("obj-add").ClickAsync();
        await Expect(page.GetByTestId("objective")).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("objective").Filter(new() { HasText = "Générer 300 visites en magasin" })).ToContainTextAsync("Cible : 300");
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
