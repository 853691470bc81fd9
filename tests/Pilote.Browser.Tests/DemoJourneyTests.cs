using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.Playwright;

namespace Pilote.Browser.Tests;

/// <summary>A newcomer's paths through `pilote serve --demo`, in French, against the real server and Chromium.</summary>
public sealed partial class DemoJourneyTests(PiloteServer server) : IClassFixture<PiloteServer>
{
    [Fact]
    public async Task A_newcomer_opens_the_demo_and_reads_the_LocalScope_dashboard()
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync("/");
        // Signed in to the demo workspace without an account, and landed on the LocalScope plan's dashboard.
        await page.WaitForURLAsync(PlanUrl());
        await Expect(page.Locator("h1")).ToHaveTextAsync("LocalScope — lancement");
        await Expect(page.GetByTestId("summary-actions")).ToContainTextAsync("16");
        await Expect(page.GetByTestId("summary-actions")).ToContainTextAsync("actions au plan");
        await Expect(page.GetByTestId("tile")).ToHaveCountAsync(25);
        // French formats: the SEA budget line reads "… / 24 000 €" with a narrow no-break space.
        await Expect(page.Locator("[data-testid=channel][data-channel=sea]")).ToContainTextAsync(new Regex(@"24\u202f000\s€"));
        await Expect(page.GetByTestId("attention").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("attention").Filter(new() { HasText = "Campagne Google Ads" }).First).ToContainTextAsync("Hors trajectoire");
        var first = page.GetByTestId("tile").Filter(new() { HasText = "MVP — Rapport" });
        await Expect(first.GetByTestId("actual")).ToHaveTextAsync("340");
        await PiloteServer.ShotAsync(page, "01-dashboard");

        var planPath = new Uri(page.Url).AbsolutePath;
        foreach (var (path, name, heading) in new[]
        {
            ("/actions", "02-grid", "Tableau des actions"),
            ("/kanban", "03-board", "Actions par statut"),
            ("/calendrier", "04-timeline", "Calendrier des actions"),
            ("/mes-actions", "05-my-actions", "Mes actions"),
            ("/objectifs", "06-objectives", "Objectifs SMART"),
            ("/imports", "07-imports", "Imports & exports"),
        })
        {
            await page.GotoAsync(planPath + path);
            await Expect(page.Locator("h1")).ToHaveTextAsync(heading);
            await PiloteServer.ShotAsync(page, name);
        }
        // "Mes actions" of the demo user (Salma Benali): the landing page, Google Ads, LinkedIn Ads and the banners.
        await page.GotoAsync(planPath + "/mes-actions");
        await Expect(page.GetByTestId("grid-row")).ToHaveCountAsync(4);

        await page.GotoAsync(planPath + "/actions");
        await page.GetByRole(AriaRole.Link, new() { Name = "Ouvrir Campagne Google Ads « rapports pays »" }).ClickAsync();
        await Expect(page.GetByTestId("action-title")).ToHaveTextAsync("Campagne Google Ads « rapports pays »");
        await Expect(page.GetByTestId("action-kpi")).ToHaveCountAsync(2);
        await PiloteServer.ShotAsync(page, "08-action");

        // At a tablet width the dashboard stacks into one column and stays readable.
        var tablet = await server.NewPageAsync(820, 1180);
        await tablet.GotoAsync(planPath);
        await Expect(tablet.GetByTestId("tile")).ToHaveCountAsync(25);
        await PiloteServer.ShotAsync(tablet, "09-dashboard-tablet");
    }

    [Fact]
    public async Task Changing_a_status_in_the_grid_moves_the_summary_zone()
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync("/");
        await page.WaitForURLAsync(PlanUrl());
        var planPath = new Uri(page.Url).AbsolutePath;
        await Expect(page.GetByTestId("status-in_progress")).ToContainTextAsync("1");

        await page.GotoAsync(planPath + "/actions");
        await PiloteServer.InteractiveAsync(page);
        // Arrow keys move between cells like a spreadsheet.
        var firstTitle = page.Locator("#action-grid [data-r='0'][data-c='0']");
        await firstTitle.FocusAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(page.Locator("#action-grid [data-r='1'][data-c='0']")).ToBeFocusedAsync();

        await page.Locator("select[aria-label='Statut — Relance « Inactifs 90j » segmentée']").SelectOptionAsync("live");
        await Expect(page.GetByTestId("grid-message")).ToHaveTextAsync("Enregistré.");
        await PiloteServer.ShotAsync(page, "10-grid-status-changed");

        await page.GotoAsync(planPath);
        await Expect(page.GetByTestId("status-in_progress")).ToContainTextAsync("0");
        await Expect(page.GetByTestId("status-live")).ToContainTextAsync("12");
    }

    [Fact]
    public async Task Importing_a_GA4_export_moves_a_KPI_on_an_open_dashboard()
    {
        var dashboard = await server.NewPageAsync();
        await dashboard.GotoAsync("/");
        await dashboard.WaitForURLAsync(PlanUrl());
        var planPath = new Uri(dashboard.Url).AbsolutePath;
        var landing = dashboard.GetByTestId("tile").Filter(new() { HasText = "MVP — Landing page" });
        var before = await landing.GetByTestId("actual").InnerTextAsync();

        // A real GA4 acquisition export, its dates moved into last week so it falls inside the demo plan.
        var source = Path.Combine(PiloteServer.Fixtures, "ga4", "Anas3rdshade_Teefusion__User_acquisition_First_user_primary_channel_group_(Default_Channel_Group).csv");
        var monday = DateOnly.FromDateTime(DateTime.Today).AddDays(-(((int)DateTime.Today.DayOfWeek + 6) % 7) - 7);
        var text = (await File.ReadAllTextAsync(source))
            .Replace("Start date: 20250201", $"Start date: {monday:yyyyMMdd}", StringComparison.Ordinal)
            .Replace("End date: 20250804", $"End date: {monday.AddDays(6):yyyyMMdd}", StringComparison.Ordinal);
        var file = Path.Combine(server.Folder, "ga4-user-acquisition.csv");
        await File.WriteAllTextAsync(file, text);

        var imports = await server.NewPageAsync();
        await imports.GotoAsync(planPath + "/imports");
        await PiloteServer.InteractiveAsync(imports);
        await PiloteServer.FileInputsReadyAsync(imports);
        await imports.Locator("input[type=file]").SetInputFilesAsync(file);
        var preview = imports.GetByTestId("preview");
        await Expect(preview.GetByTestId("preview-source")).ToHaveTextAsync("ga4");
        await Expect(preview.GetByTestId("preview-matched")).ToHaveTextAsync("3");
        await Expect(preview.GetByTestId("preview-unmatched")).ToHaveTextAsync("5");
        await PiloteServer.ShotAsync(imports, "11-import-preview");
        // Nothing is stored by the preview.
        await Expect(imports.GetByTestId("batch")).ToHaveCountAsync(0);

        await preview.GetByTestId("confirm-import").ClickAsync();
        await Expect(imports.GetByTestId("import-message")).ToContainTextAsync("importé");
        await Expect(imports.GetByTestId("batch")).ToHaveCountAsync(1);
        // "Direct" (1 209 users, 22 key events) is nobody's: give it to the landing page, whose conversion rate moves.
        var direct = imports.Locator("[data-testid=unmatched][data-key=Direct]");
        var landingOption = await direct.Locator("option").Filter(new() { HasText = "MVP — Landing page" }).GetAttributeAsync("value");
        await direct.GetByTestId("assign").SelectOptionAsync(landingOption!);
        await Expect(imports.GetByTestId("import-message")).ToContainTextAsync("rattachée");
        await PiloteServer.ShotAsync(imports, "12-import-assigned");

        // The dashboard opened before the import updates by itself.
        await Expect(landing.GetByTestId("actual")).Not.ToHaveTextAsync(before, new() { Timeout = 15_000 });
        await PiloteServer.ShotAsync(dashboard, "13-dashboard-after-import");

        // Undoing the import brings the KPI back.
        await imports.GetByTestId("undo-batch").ClickAsync();
        await Expect(imports.GetByTestId("import-message")).ToContainTextAsync("annulé");
        await Expect(landing.GetByTestId("actual")).ToHaveTextAsync(before, new() { Timeout = 15_000 });
    }

    [Fact]
    public async Task A_broken_export_dropped_on_the_imports_tab_is_refused_in_french_naming_row_column_and_value()
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync("/");
        await page.WaitForURLAsync(PlanUrl());
        var planPath = new Uri(page.Url).AbsolutePath;
        var file = Path.Combine(server.Folder, "ga4-date-fausse.csv");
        await File.WriteAllTextAsync(file, "# Start date: 20261101\r\n# End date: 20261107\r\nDate,Session campaign,Sessions,Key events\r\n"
            + "20261102,t1-sea-produit,120,4\r\n2026-13-45,salon,5,1\r\n");

        await page.GotoAsync(planPath + "/imports");
        await PiloteServer.InteractiveAsync(page);
        await PiloteServer.FileInputsReadyAsync(page);
        await page.Locator("input[type=file]").SetInputFilesAsync(file);

        // In the reader's language (the page showed the importer's English before), by the name it was dropped with.
        await Expect(page.GetByTestId("preview-error")).ToHaveTextAsync(
            "ga4-date-fausse.csv, ligne 5, colonne « Date » : « 2026-13-45 » n'est pas une date (20260327, 2026-03-27, 27/03/2026, Mar 27, 2026). Rien n'a été enregistré.");
        await Expect(page.GetByTestId("confirm-import")).ToHaveCountAsync(0);
        await PiloteServer.ShotAsync(page, "14-import-refused");
    }

    [Fact]
    public async Task An_all_time_report_dropped_on_the_imports_tab_asks_for_its_period_and_reads_again_with_it()
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync("/");
        await page.WaitForURLAsync(PlanUrl());
        var planPath = new Uri(page.Url).AbsolutePath;
        var file = Path.Combine(server.Folder, "google-ads-depuis-le-debut.csv");
        File.Copy(Path.Combine(PiloteServer.Fixtures, "google-ads", "intragoinc__Campaign_report_alltime.csv"), file, overwrite: true);

        await page.GotoAsync(planPath + "/imports");
        await PiloteServer.InteractiveAsync(page);
        await PiloteServer.FileInputsReadyAsync(page);
        await page.Locator("input[type=file]").SetInputFilesAsync(file);

        await Expect(page.GetByTestId("preview-needs-period")).ToContainTextAsync("ne dit pas sur quelle période portent ses chiffres");
        await page.GetByTestId("period-start").FillAsync("01/01/2026");
        await page.GetByTestId("period-end").FillAsync("31/03/2026");
        await PiloteServer.ShotAsync(page, "34-import-period");
        await page.GetByTestId("period-apply").ClickAsync();
        await Expect(page.GetByTestId("preview-period")).ToHaveTextAsync("01/01/2026 → 31/03/2026");
        await Expect(page.GetByTestId("preview-source")).ToHaveTextAsync("google-ads");
        await Expect(page.GetByTestId("confirm-import")).ToHaveCountAsync(1);
        await PiloteServer.ShotAsync(page, "35-import-period-read");
    }

    [Fact]
    public async Task The_kpi_driven_workbook_downloads_in_one_click_and_opens()
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync("/");
        await page.WaitForURLAsync(PlanUrl());
        await page.GotoAsync(new Uri(page.Url).AbsolutePath + "/imports");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-kpi-driven").ClickAsync());
        Assert.EndsWith("-kpi-driven.xlsx", download.SuggestedFilename, StringComparison.Ordinal);
        var path = Path.Combine(server.Folder, download.SuggestedFilename);
        await download.SaveAsAsync(path);

        using var workbook = SpreadsheetDocument.Open(path, false);
        var sheets = workbook.WorkbookPart!.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Select(s => s.Name!.Value).ToList();
        Assert.NotEmpty(sheets);
        var strings = workbook.WorkbookPart.SharedStringTablePart?.SharedStringTable.InnerText ?? "";
        var inline = string.Concat(workbook.WorkbookPart.WorksheetParts.Select(w => w.Worksheet.InnerText));
        Assert.Contains("Campagne Google Ads « rapports pays »", strings + inline, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_people_edit_the_same_action_and_the_second_is_told_and_chooses()
    {
        var alice = await server.NewPageAsync();
        await alice.GotoAsync("/");
        await alice.WaitForURLAsync(PlanUrl());
        var grid = new Uri(alice.Url).AbsolutePath + "/actions";
        var bruno = await server.NewPageAsync();
        await alice.GotoAsync(grid);
        await bruno.GotoAsync(grid);
        await PiloteServer.InteractiveAsync(alice);
        await PiloteServer.InteractiveAsync(bruno);

        var owner = "input[aria-label='Responsable — Stand au salon Africa CEO Forum']";
        await alice.Locator(owner).FillAsync("Alice Martin");
        await alice.Locator(owner).PressAsync("Enter");
        await Expect(alice.GetByTestId("grid-message")).ToHaveTextAsync("Enregistré.");

        // Bruno's grid still holds the version before Alice's change.
        await bruno.Locator(owner).FillAsync("Bruno Petit");
        await bruno.Locator(owner).PressAsync("Enter");
        var conflict = bruno.GetByTestId("conflict");
        await Expect(conflict).ToBeVisibleAsync();
        await Expect(conflict).ToContainTextAsync("Alice Martin");
        await Expect(conflict).ToContainTextAsync("Bruno Petit");
        await PiloteServer.ShotAsync(bruno, "14-conflict");

        await conflict.GetByTestId("take-theirs").ClickAsync();
        await Expect(bruno.Locator(owner)).ToHaveValueAsync("Alice Martin");
        // Nothing was overwritten: a fresh page shows Alice's value.
        await alice.ReloadAsync();
        await Expect(alice.Locator(owner)).ToHaveValueAsync("Alice Martin");
    }

    [Fact]
    public async Task Something_missing_and_something_in_another_workspace_show_the_same_not_found_page()
    {
        await server.CliAsync("plan", "new", "--name", "Client B — plan confidentiel");
        var listing = await server.CliAsync("plan", "list", "--json");
        var other = int.Parse(PlanIdRegex().Matches(listing).Select(m => m.Groups[1].Value).Last(), System.Globalization.CultureInfo.InvariantCulture);

        var page = await server.NewPageAsync();
        await page.GotoAsync("/");
        await page.WaitForURLAsync(PlanUrl());
        var missing = await page.GotoAsync("/plans/987654");
        var missingText = await page.Locator("h1").InnerTextAsync();
        await PiloteServer.ShotAsync(page, "15-not-found");
        var foreign = await page.GotoAsync($"/plans/{other}");
        Assert.Equal(missingText, await page.Locator("h1").InnerTextAsync());
        Assert.Equal("Page introuvable", missingText);
        Assert.Equal(missing!.Status, foreign!.Status);
        Assert.DoesNotContain("confidentiel", await page.ContentAsync(), StringComparison.Ordinal);
    }

    [GeneratedRegex("\"id\"\\s*:\\s*(\\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex PlanIdRegex();

    private static Regex PlanUrl() => new(@"/plans/\d+$");

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
