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
        await Expect(page.GetByTestId("grid-message")).ToHaveTextAsync("2 ligne(s) collée(s).");
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
        await Expect(page.GetByTestId("grid-message")).ToContainTextAsync("is not a date");
        await Expect(due).ToHaveAttributeAsync("aria-invalid", "true");
        await due.FocusAsync();
        await due.PressAsync("Escape");
        await Expect(due).ToHaveValueAsync(saved);
        await Expect(due).Not.ToHaveAttributeAsync("aria-invalid", "true");
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
