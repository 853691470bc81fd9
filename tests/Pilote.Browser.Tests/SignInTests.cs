using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Pilote.Browser.Tests;

/// <summary>Sign-in, memberships and roles, with accounts made by `pilote user add` as an administrator would.</summary>
public sealed class SignInTests(PiloteServer server) : IClassFixture<PiloteServer>
{
    private static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/connexion");
        await page.GetByLabel("Adresse e-mail").FillAsync(email);
        await page.GetByLabel("Mot de passe").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
    }

    [Fact]
    public async Task A_wrong_password_is_refused_and_a_user_with_no_membership_sees_no_workspace()
    {
        await server.CliAsync("user", "add", "personne@example.com", "--password", "motdepasse-1");
        var page = await server.NewPageAsync();
        await SignInAsync(page, "personne@example.com", "pas-le-bon");
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("E-mail ou mot de passe incorrect.");
        await PiloteServer.ShotAsync(page, "20-sign-in-refused");

        await SignInAsync(page, "personne@example.com", "motdepasse-1");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Aucun espace pour l'instant");
        await page.GotoAsync("/espaces");
        await Expect(page.GetByTestId("no-workspace")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("workspace")).ToHaveCountAsync(0);
        await PiloteServer.ShotAsync(page, "21-no-workspace");
    }

    [Fact]
    public async Task A_viewer_reads_the_grid_and_the_review_but_cannot_change_them_and_can_switch_to_English()
    {
        await server.CliAsync("user", "add", "lecteur@example.com", "--password", "motdepasse-2", "--workspace", "demo", "--role", "viewer");
        var page = await server.NewPageAsync();
        await SignInAsync(page, "lecteur@example.com", "motdepasse-2");
        await page.WaitForURLAsync(new Regex(@"/plans/\d+$"));
        var planPath = new Uri(page.Url).AbsolutePath;
        await page.GotoAsync(planPath + "/actions");
        await Expect(page.GetByTestId("grid-row")).ToHaveCountAsync(16);
        await Expect(page.GetByTestId("add-row")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("status-select").First).ToBeDisabledAsync();
        await Expect(page.Locator("#action-grid input").First).Not.ToBeEditableAsync();
        await PiloteServer.ShotAsync(page, "22-viewer-grid");

        await page.Locator("form[action='/langue'] button").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Action grid");
        await page.GotoAsync(planPath);
        await Expect(page.GetByTestId("summary-actions")).ToContainTextAsync("actions in the plan");
        await Expect(page.Locator("[data-testid=channel][data-channel=sea]")).ToContainTextAsync("€24,000");
        await PiloteServer.ShotAsync(page, "23-dashboard-english");

        // The weekly review reads in English for a viewer, who may read the recommendations but not decide.
        await page.GotoAsync(planPath + "/revue");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Weekly review");
        await Expect(page.GetByTestId("recommendation").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("decide-save")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("recommendation").Filter(new() { HasText = "Campagne Google Ads" })).ToContainTextAsync("against a target of < €40");
        await page.GotoAsync(planPath + "/sante");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Plan health");
        await Expect(page.GetByTestId("health-score")).ToContainTextAsync("/ 100");

        // Signing out leads to the sign-in form (French, the default before signing in).
        await page.Locator("form[action='/deconnexion'] button").ClickAsync();
        await page.WaitForURLAsync(new Regex("/connexion"));
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
