using Microsoft.Playwright;

namespace Pilote.Browser.Tests;

/// <summary>Spreadsheet habits in the action grid, on a server of its own (these tests add rows to the plan).</summary>
public sealed class GridEditingTests(PiloteServer server) : IClassFixture<PiloteServer>
{
    [Fact]
    public async Task Rows_pasted_from_Excel_become_actions_and_undo_takes_the_paste_back()
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync("/");
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/plans/\d+$"));
        await page.GotoAsync(new Uri(page.Url).AbsolutePath + "/actions");
        await PiloteServer.InteractiveAsync(page);
        var rows = page.GetByTestId("grid-row");
        await Expect(rows).ToHaveCountAsync(16);

        await page.GetByTestId("add-row").ClickAsync();
        await Expect(rows).ToHaveCountAsync(17);
        var title = page.Locator("input[aria-label='Activité / action — Nouvelle action']");
        await Expect(title).ToBeVisibleAsync();

        // Two lines copied from Excel: title, channel (its French name), aim. The first fills the new row, the second
        // becomes another action.
        const string copied = "Webinaire partenaires\tEmailing\tRéactivation\r\nPodcast « Voix du Golfe »\tContent marketing\tExpertise\r\n";
        await title.EvaluateAsync("(el, text) => { const dt = new DataTransfer(); dt.setData('text/plain', text); "
            + "el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true })); }", copied);
        await Expect(page.GetByTestId("grid-message")).ToHaveTextAsync("2 lignes collées.");
        await Expect(rows).ToHaveCountAsync(18);
        await Expect(page.Locator("select[aria-label='Canal — Webinaire partenaires']")).ToHaveValueAsync("emailing");
        await Expect(page.Locator("input[aria-label='Objectif visé — Podcast « Voix du Golfe »']")).ToHaveValueAsync("Expertise");
        await PiloteServer.ShotAsync(page, "16-grid-pasted");

        // One undo takes the whole paste back: the new row has its placeholder title again, the pasted extra row is gone.
        await page.GetByTestId("undo").ClickAsync();
        await Expect(rows).ToHaveCountAsync(17);
        await Expect(page.Locator("input[aria-label='Activité / action — Nouvelle action']")).ToHaveCountAsync(1);
        // A second undo removes the row that was added.
        await page.GetByTestId("undo").ClickAsync();
        await Expect(rows).ToHaveCountAsync(16);
    }

    [Fact]
    public async Task A_bad_date_is_refused_in_its_cell_and_Escape_puts_the_saved_value_back()
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync("/");
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/plans/\d+$"));
        await page.GotoAsync(new Uri(page.Url).AbsolutePath + "/actions");
        await PiloteServer.InteractiveAsync(page);
        var due = page.Locator("input[aria-label='Échéance — Stand au salon Africa CEO Forum']");
        var saved = await due.InputValueAsync();
        await due.FillAsync("31/02/2027");
        await due.PressAsync("Tab");
        // The field is named as the grid names it, in the person's language, not by its command-line option.
        await Expect(page.GetByTestId("grid-message")).ToHaveTextAsync("Échéance : « 31/02/2027 » n'est pas une date (attendu JJ/MM/AAAA ou AAAA-MM-JJ)");
        await Expect(due).ToHaveAttributeAsync("aria-invalid", "true");
        await due.FocusAsync();
        await due.PressAsync("Escape");
        await Expect(due).ToHaveValueAsync(saved);
        await Expect(due).Not.ToHaveAttributeAsync("aria-invalid", "true");
    }

    [Fact]
    public async Task Undo_takes_back_a_KPI_and_a_comment_added_in_the_grid_and_the_action_page_shows_each_change()
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync("/");
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/plans/\d+$"));
        await page.GotoAsync(new Uri(page.Url).AbsolutePath + "/actions");
        await PiloteServer.InteractiveAsync(page);
        const string title = "Flux privé WhatsApp « Insights Flow »";
        var id = await page.GetByTestId("grid-row").Filter(new() { Has = page.Locator($"input[aria-label='Activité / action — {title}']") })
            .GetAttributeAsync("data-action");
        var actionPage = await page.Context.NewPageAsync();

        // A second KPI picked in the grid is added to the action; undo takes it off again.
        await page.Locator($"select[aria-label='KPI — {title}']").SelectOptionAsync("leads");
        await Expect(page.GetByTestId("grid-message")).ToHaveTextAsync("Enregistré.");
        await actionPage.GotoAsync($"/actions/{id}");
        await Expect(actionPage.Locator("[data-testid=action-kpi][data-kpi=leads]")).ToHaveCountAsync(1);
        await page.GetByTestId("undo").ClickAsync();
        await Expect(page.GetByTestId("grid-message")).ToHaveTextAsync("Dernière modification annulée.");
        await actionPage.ReloadAsync();
        await Expect(actionPage.Locator("[data-testid=action-kpi][data-kpi=leads]")).ToHaveCountAsync(0);
        await Expect(actionPage.Locator("[data-testid=action-kpi][data-kpi=taux_lecture]")).ToHaveCountAsync(1);

        // A comment typed in the grid is posted; undo takes it back and the cell shows the earlier comment again.
        var comment = page.Locator($"input[aria-label='Commentaires & ajustements — {title}']");
        var earlier = await comment.InputValueAsync();
        await comment.FillAsync("Relance jeudi, taux de lecture en baisse");
        await comment.PressAsync("Tab");
        await Expect(page.GetByTestId("grid-message")).ToHaveTextAsync("Enregistré.");
        await actionPage.ReloadAsync();
        await Expect(actionPage.Locator("ul.log").First).ToContainTextAsync("Relance jeudi, taux de lecture en baisse");
        await page.GetByTestId("undo").ClickAsync();
        await Expect(page.GetByTestId("grid-message")).ToHaveTextAsync("Dernière modification annulée.");
        await Expect(page.Locator($"input[aria-label='Commentaires & ajustements — {title}']")).ToHaveValueAsync(earlier);

        // The owner changed in the grid, then everything above, reads on the action page, newest first, in French.
        var owner = page.Locator($"input[aria-label='Responsable — {title}']");
        var before = await owner.InputValueAsync();
        await owner.FillAsync("Awa Diop");
        await owner.PressAsync("Tab");
        await Expect(page.GetByTestId("grid-message")).ToHaveTextAsync("Enregistré.");
        await actionPage.ReloadAsync();
        var history = actionPage.GetByTestId("change-history");
        await Expect(history.GetByTestId("change").First).ToContainTextAsync($"Responsable : {before} → Awa Diop");
        await Expect(history).ToContainTextAsync("Indicateur leads ajouté");
        await Expect(history).ToContainTextAsync("Indicateur leads retiré");
        await Expect(history).ToContainTextAsync("Commentaire retiré : Relance jeudi, taux de lecture en baisse");
        await Expect(actionPage.Locator("ul.log").First).Not.ToContainTextAsync("Relance jeudi");
        await PiloteServer.ShotAsync(actionPage, "20-action-change-history");
    }

    [Fact]
    public async Task Dragging_a_card_to_another_column_of_the_board_stores_its_new_status()
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync("/");
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/plans/\d+$"));
        await page.GotoAsync(new Uri(page.Url).AbsolutePath + "/kanban");
        await PiloteServer.InteractiveAsync(page);
        var card = page.GetByTestId("board-card").Filter(new() { HasText = "Stand au salon Africa CEO Forum" });
        var id = await card.GetAttributeAsync("data-action");
        await Expect(page.Locator($"section[data-status='planned'] [data-action='{id}']")).ToHaveCountAsync(1);

        await card.DragToAsync(page.Locator("section[data-status='in_progress']"));
        await Expect(page.Locator($"section[data-status='in_progress'] [data-action='{id}']")).ToHaveCountAsync(1);
        await Expect(page.Locator($"section[data-status='planned'] [data-action='{id}']")).ToHaveCountAsync(0);
        await PiloteServer.ShotAsync(page, "21-board-after-drag");

        // Stored, not just moved on screen: the API (with the same session) and a fresh page both read the new status.
        using var json = System.Text.Json.JsonDocument.Parse(await (await page.Context.APIRequest.GetAsync($"/api/v1/actions/{id}")).TextAsync());
        Assert.Equal("in_progress", json.RootElement.GetProperty("status").GetString());
        var fresh = await page.Context.NewPageAsync();
        await fresh.GotoAsync($"/actions/{id}");
        await Expect(fresh.GetByTestId("change-history").GetByTestId("change").First).ToContainTextAsync("Statut : Prévu → En cours");
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
