using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Pilote.Browser.Tests;

/// <summary>
/// A plan just created, with no action yet, opens on every tab and says what is missing: its dashboard answered 500
/// (a maximum over no channel) until the twelfth session. A server of its own, so the demo's other tests keep their plans.
/// </summary>
public sealed class EmptyPlanTests(PiloteServer server) : IClassFixture<PiloteServer>
{
    [Fact]
    public async Task Every_tab_of_a_new_empty_plan_opens()
    {
        var created = await server.CliAsync("plan", "new", "--name", "Plan vierge", "--workspace", "1");
        var id = Regex.Match(created, @"Plan #(\d+)").Groups[1].Value;
        var page = await server.NewPageAsync();
        foreach (var tab in new[] { "", "/actions", "/kanban", "/calendrier", "/mes-actions", "/objectifs", "/revue", "/sante", "/imports" })
        {
            var response = await page.GotoAsync($"/plans/{id}{tab}");
            Assert.True(response?.Status == 200, $"/plans/{id}{tab} answered {response?.Status}");
            await Assertions.Expect(page.Locator("h1")).ToBeVisibleAsync();
        }
        await page.GotoAsync($"/plans/{id}/revue");
        await Assertions.Expect(page.GetByTestId("no-review-kpi")).ToContainTextAsync("Aucune action du plan n'a encore de KPI.");
        await page.GotoAsync($"/plans/{id}");
        await Assertions.Expect(page.GetByTestId("no-channel")).ToContainTextAsync("Aucune action : rien n'est encore prévu ni dépensé.");
        await Assertions.Expect(page.GetByTestId("no-kpi")).ToHaveTextAsync("aucun KPI suivi");
        await Assertions.Expect(page.GetByTestId("no-tile")).ToContainTextAsync("ajoutez des actions depuis l'onglet « Actions »");
        await PiloteServer.ShotAsync(page, "33-empty-plan-dashboard");
    }
}
