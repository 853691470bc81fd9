using System.Globalization;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Playwright;

namespace Pilote.Browser.Tests;

/// <summary>
/// The plan goes out to Excel and comes back edited, in the web app: the complete workbook downloaded from the imports
/// page, a cell changed as a person would, dropped back on the same page, its diff shown, then applied; a plan changed
/// meanwhile and another plan's workbook are refused with nothing changed. A server of its own: it edits the demo.
/// </summary>
public sealed class WorkbookRoundTripTests(PiloteServer server) : IClassFixture<PiloteServer>
{
    [Fact]
    public async Task An_edited_complete_workbook_dropped_on_the_imports_page_shows_its_diff_then_applies_or_is_refused()
    {
        var plans = JsonDocument.Parse(await server.CliAsync("plan", "list", "--json")).RootElement.EnumerateArray().ToList();
        string Id(string prefix) => plans.Single(p => p.GetProperty("name").GetString()!.StartsWith(prefix, StringComparison.Ordinal))
            .GetProperty("id").GetInt32().ToString(CultureInfo.InvariantCulture);
        var (localScope, nutriBoost) = (Id("LocalScope"), Id("NutriBoost"));
        var action = JsonDocument.Parse(await server.CliAsync("action", "list", localScope, "--json")).RootElement.EnumerateArray()
            .First(a => a.GetProperty("status").GetString() is "in_progress" or "live");
        var actionId = action.GetProperty("id").GetInt32();
        var owner = action.GetProperty("owner").GetString();

        var page = await server.NewPageAsync();
        await page.GotoAsync($"/plans/{localScope}/imports");
        await PiloteServer.InteractiveAsync(page);
        var first = await DownloadEditedAsync(page, actionId, "Nadia Roux", "complet-1.xlsx");

        // Dropped back: recognised as the plan's own workbook, one row changed, nothing stored yet.
        await PiloteServer.FileInputsReadyAsync(page);
        await page.Locator("input[type=file]").SetInputFilesAsync(first);
        var card = page.GetByTestId("workbook-update");
        await Expect(card.GetByTestId("diff-changed")).ToHaveTextAsync("1");
        await Expect(card.GetByTestId("diff-added")).ToHaveTextAsync("0");
        await Expect(card.GetByTestId("diff-removed")).ToHaveTextAsync("0");
        await Expect(card.GetByTestId("diff-row")).ToContainTextAsync($"{owner ?? "∅"} → Nadia Roux");
        await Expect(page.GetByTestId("preview")).ToHaveCountAsync(0);
        await PiloteServer.ShotAsync(page, "29-workbook-diff");
        Assert.Equal(owner, await OwnerAsync(localScope, actionId));

        // Someone changes the action in Pilote before the apply: the whole file is refused, nothing changes.
        await server.CliAsync("action", "set", actionId.ToString(CultureInfo.InvariantCulture), "--comment", "Point avec l'agence jeudi");
        await card.GetByTestId("workbook-apply").ClickAsync();
        await Expect(card.GetByTestId("workbook-error")).ToContainTextAsync("Rien n'a été modifié.");
        await Expect(card.GetByTestId("workbook-error")).ToContainTextAsync("la ligne a été modifiée dans Pilote depuis l'export");
        Assert.Equal(owner, await OwnerAsync(localScope, actionId));

        // Exported again and edited again: applied in one transaction, as the command line would.
        await page.ReloadAsync();
        await PiloteServer.InteractiveAsync(page);
        var second = await DownloadEditedAsync(page, actionId, "Nadia Roux", "complet-2.xlsx");
        await PiloteServer.FileInputsReadyAsync(page);
        await page.Locator("input[type=file]").SetInputFilesAsync(second);
        await Expect(page.GetByTestId("workbook-update").GetByTestId("diff-changed")).ToHaveTextAsync("1");
        await page.GetByTestId("workbook-apply").ClickAsync();
        await Expect(page.GetByTestId("import-message")).ToContainTextAsync("appliqué en une seule transaction : 0 ajout, 1 modification, 0 suppression.");
        await Expect(page.GetByTestId("workbook-update")).ToHaveCountAsync(0);
        Assert.Equal("Nadia Roux", await OwnerAsync(localScope, actionId));

        // Another plan's workbook, dropped on this plan's page: refused by name, before anything is read from it.
        var other = Path.Combine(server.Folder, "nutriboost-complet.xlsx");
        await server.CliAsync("plan", "export", nutriBoost, "--format", "complet", "-o", other);
        await PiloteServer.FileInputsReadyAsync(page);
        await page.Locator("input[type=file]").SetInputFilesAsync(other);
        await Expect(page.GetByTestId("workbook-error")).ToContainTextAsync($"c'est l'export complet du plan n°{nutriBoost}, pas de celui-ci (n°{localScope})");
        await Expect(page.GetByTestId("workbook-apply")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_teams_own_spreadsheet_becomes_a_plan_from_the_workspaces_page_after_showing_what_was_read()
    {
        var before = JsonDocument.Parse(await server.CliAsync("plan", "list", "--json")).RootElement.GetArrayLength();
        var page = await server.NewPageAsync();
        await page.GotoAsync("/espaces");
        await Expect(page.GetByTestId("intake")).ToBeVisibleAsync();
        await PiloteServer.FileInputsReadyAsync(page);

        // A plan's complete workbook is not taken here: it updates its plan from that plan's imports tab.
        var complet = Path.Combine(server.Folder, "complet-demo.xlsx");
        await server.CliAsync("plan", "export", "1", "--format", "complet", "-o", complet);
        await page.GetByTestId("intake-file").SetInputFilesAsync(complet);
        await Expect(page.GetByTestId("intake-error")).ToContainTextAsync("onglet « Imports & exports »");

        // The team's "Plan d'action.xlsx": 17 actions, the "Acteur" column read as the owner, shown before anything exists.
        await page.GetByTestId("intake-name").FillAsync("Projet BDD");
        await page.GetByTestId("intake-file").SetInputFilesAsync(Path.Combine(PiloteServer.Fixtures, "plans", "HugoPoi__Plan d'action.xlsx"));
        await Expect(page.GetByTestId("intake-summary")).ToContainTextAsync("« Projet BDD » : 17 actions lues");
        await Expect(page.Locator("[data-testid=intake-column][data-role=responsable]")).ToContainTextAsync("Acteur");
        await Expect(page.GetByTestId("intake-note").Filter(new() { HasText = "ligne 21" })).Not.ToHaveCountAsync(0);
        Assert.Equal(before, JsonDocument.Parse(await server.CliAsync("plan", "list", "--json")).RootElement.GetArrayLength());
        // The plan's audit before it exists, as `pilote audit FILE` gives it: no KPI, nothing tracked.
        var file = Path.Combine(PiloteServer.Fixtures, "plans", "HugoPoi__Plan d'action.xlsx");
        var audit = JsonDocument.Parse(await server.CliAsync(1, "audit", file, "--json")).RootElement;
        await Expect(page.GetByTestId("intake-score")).ToHaveTextAsync($"{audit.GetProperty("score").GetInt32()} / 100");
        var errors = audit.GetProperty("findings").EnumerateArray().Count(f => f.GetProperty("severity").GetString() == "error");
        await Expect(page.GetByTestId("intake-audit")).ToContainTextAsync(errors < 2 ? $"{errors} erreur," : $"{errors} erreurs,");
        var blind = page.Locator("[data-testid=intake-finding][data-rule=action-without-kpi]");
        await Expect(blind).ToHaveAttributeAsync("data-count", audit.GetProperty("findings").EnumerateArray().Count(f => f.GetProperty("rule").GetString() == "action-without-kpi").ToString(CultureInfo.InvariantCulture));
        await Expect(blind).ToContainTextAsync("action ligne 4 « construction du plan d'action »");

        // No row names a channel Pilote knows: they go to the channel the person picks, shown again before anything exists.
        await Expect(page.GetByTestId("intake-action").First).ToContainTextAsync("Content marketing (déduit)");
        await page.GetByTestId("intake-channel").SelectOptionAsync("seo");
        await Expect(page.GetByTestId("intake-action").First).ToContainTextAsync("SEO (déduit)");
        // The note says what to do on this page, not which command to type.
        var unplaced = page.GetByTestId("intake-note").Filter(new() { HasText = "ne nomment aucun canal" });
        await Expect(unplaced).ToContainTextAsync("mises sur « SEO » ; choisissez ci-dessus un autre canal pour elles, ou changez-le ensuite dans la grille du plan");
        await Expect(unplaced).Not.ToContainTextAsync("--channel");
        await PiloteServer.ShotAsync(page, "30-plan-from-spreadsheet");

        await page.GetByTestId("intake-create").ClickAsync();
        // The app navigates within the page (no load event): wait for the address itself.
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/plans/\d+$"));
        var id = page.Url[(page.Url.LastIndexOf('/') + 1)..];
        var plan = JsonDocument.Parse(await server.CliAsync("plan", "show", id, "--json")).RootElement;
        Assert.Equal("Projet BDD", plan.GetProperty("name").GetString());
        Assert.Contains("Partie catalogue", plan.ToString());
        var actions = JsonDocument.Parse(await server.CliAsync("action", "list", id, "--json")).RootElement.EnumerateArray().ToList();
        Assert.Equal(17, actions.Count);
        Assert.All(actions, a => Assert.Equal("seo", a.GetProperty("channel").GetString()));
        Assert.Equal(before + 1, JsonDocument.Parse(await server.CliAsync("plan", "list", "--json")).RootElement.GetArrayLength());
    }

    private async Task<string> DownloadEditedAsync(IPage page, int actionId, string owner, string name)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-complet").ClickAsync());
        var path = Path.Combine(server.Folder, name);
        await download.SaveAsAsync(path);
        SetCell(path, "Actions", actionId, "responsable", owner);
        return path;
    }

    private async Task<string?> OwnerAsync(string plan, int actionId) =>
        JsonDocument.Parse(await server.CliAsync("action", "list", plan, "--json")).RootElement.EnumerateArray()
            .Single(a => a.GetProperty("id").GetInt32() == actionId).GetProperty("owner").GetString();

    /// <summary>Types text into a cell found by its row's id and its column's header, as a person would in Excel.</summary>
    private static void SetCell(string path, string sheet, int id, string header, string text)
    {
        using var doc = SpreadsheetDocument.Open(path, true);
        var entry = doc.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == sheet);
        var data = ((WorksheetPart)doc.WorkbookPart.GetPartById(entry.Id!)).Worksheet.GetFirstChild<SheetData>()!;
        static string Text(Cell c) => c.InlineString?.InnerText ?? c.CellValue?.Text ?? "";
        static string Column(Cell c) => new(c.CellReference!.Value!.TakeWhile(char.IsLetter).ToArray());
        var headers = data.Elements<Row>().First(r => r.Elements<Cell>().Any(c => Text(c) == "id") && r.Elements<Cell>().Any(c => Text(c) == header));
        var idColumn = Column(headers.Elements<Cell>().First(c => Text(c) == "id"));
        var column = Column(headers.Elements<Cell>().First(c => Text(c) == header));
        var row = data.Elements<Row>().Single(r => r.Elements<Cell>().Any(c => Column(c) == idColumn && Text(c) == id.ToString(CultureInfo.InvariantCulture)));
        var cell = row.Elements<Cell>().Single(c => Column(c) == column);
        cell.CellValue = null;
        cell.DataType = CellValues.InlineString;
        cell.InlineString = new InlineString(new Text(text));
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
