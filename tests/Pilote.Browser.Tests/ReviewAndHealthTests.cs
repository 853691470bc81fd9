using System.Text.Json;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.Playwright;

namespace Pilote.Browser.Tests;

/// <summary>The weekly review, the plan's health panel and the committee report buttons, in French, on the demo.</summary>
public sealed class ReviewAndHealthTests(PiloteServer server) : IClassFixture<PiloteServer>
{
    [Fact]
    public async Task The_team_reads_the_weekly_review_and_records_a_changed_decision_that_the_log_keeps()
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync("/");
        await page.WaitForURLAsync(new Regex(@"/plans/\d+$"));
        var plan = new Uri(page.Url).AbsolutePath;
        var id = plan[(plan.LastIndexOf('/') + 1)..];
        // A click while the dashboard is still hydrating was lost once on CI (the page stayed on the dashboard for 20 s).
        await PiloteServer.InteractiveAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Revue hebdo" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Revue hebdomadaire");
        await PiloteServer.InteractiveAsync(page);

        // Last full week by default, as `pilote review` does; the Google Ads campaign's CPL misses its target for weeks: stop.
        var lastWeek = DateOnly.FromDateTime(DateTime.Today).AddDays(-7);
        var week = $"{System.Globalization.ISOWeek.GetYear(lastWeek.ToDateTime(TimeOnly.MinValue))}-W{System.Globalization.ISOWeek.GetWeekOfYear(lastWeek.ToDateTime(TimeOnly.MinValue)):00}";
        await Expect(page.GetByTestId("review-week")).ToContainTextAsync(week);
        var ads = page.GetByTestId("recommendation").Filter(new() { HasText = "Campagne Google Ads « rapports pays »" });
        await Expect(ads).ToHaveAttributeAsync("data-decision", "stop");
        await Expect(ads).ToContainTextAsync("contre une cible de <40 €");
        // The same review as the command line gives, decision by decision.
        var cli = JsonDocument.Parse(await server.CliAsync("review", id, "--week", week, "--json")).RootElement;
        var expected = cli.GetProperty("recommendations").EnumerateArray()
            .Select(r => $"{r.GetProperty("action").GetInt32()}:{r.GetProperty("decision").GetString()}").ToList();
        var shown = new List<string>();
        foreach (var r in await page.GetByTestId("recommendation").AllAsync())
            shown.Add($"{await r.GetAttributeAsync("data-action")}:{await r.GetAttributeAsync("data-decision")}");
        Assert.Equal(expected, shown);
        Assert.NotEmpty(expected);
        // Budget moves are shown in euros, French style.
        await Expect(page.GetByTestId("move").First).ToContainTextAsync(new Regex(@"\d\s€"));
        await PiloteServer.ShotAsync(page, "24-weekly-review");

        // The team keeps the campaign but changes its bids: "adjust" instead of "stop", with why.
        await ads.GetByTestId("decide-verdict").SelectOptionAsync("change");
        await ads.GetByTestId("decide-to").SelectOptionAsync("adjust");
        await ads.GetByTestId("decide-reason").FillAsync("Nouvelle landing page en test : on revoit les enchères avant de couper");
        await ads.GetByTestId("decide-save").ClickAsync();
        await Expect(ads.GetByTestId("decision")).ToContainTextAsync("modifié → ajuster");
        await Expect(page.GetByTestId("review-snapshot")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("log-row")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("log-row")).ToContainTextAsync("Nouvelle landing page en test");
        await PiloteServer.ShotAsync(page, "25-review-decided");

        // The decision is the one the command line's log reads.
        var log = JsonDocument.Parse(await server.CliAsync("review", "log", id, "--json")).RootElement.EnumerateArray().ToList();
        var entry = Assert.Single(log);
        Assert.Equal(week, entry.GetProperty("week").GetString());
        Assert.Equal("change", entry.GetProperty("verdict").GetString());
        Assert.Equal("adjust", entry.GetProperty("chosen").GetString());
        Assert.Equal("stop", entry.GetProperty("recommended").GetString());

        // A week earlier is one click away and reads as it was.
        await page.GetByTestId("week-previous").ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/revue\?semaine=\d{4}-W\d{2}$"));
        await Expect(page.GetByTestId("review-week")).Not.ToContainTextAsync(week);
        await Expect(page.GetByTestId("review-snapshot")).ToHaveCountAsync(0);
        Assert.StartsWith(plan, new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_health_panel_shows_what_NutriBoost_could_not_measure_and_the_reports_download()
    {
        var plans = JsonDocument.Parse(await server.CliAsync("plan", "list", "--json")).RootElement.EnumerateArray().ToList();
        var nutriboost = plans.Single(p => p.GetProperty("name").GetString()!.StartsWith("NutriBoost", StringComparison.Ordinal)).GetProperty("id").GetInt32();
        var page = await server.NewPageAsync();
        await page.GotoAsync($"/plans/{nutriboost}/sante");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Santé du plan");

        // The same audit as `pilote audit`: score, error count, and the rules the source document's story names.
        var audit = JsonDocument.Parse(await server.CliAsync(1, "audit", nutriboost.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json")).RootElement;
        await Expect(page.GetByTestId("health-score")).ToContainTextAsync($"{audit.GetProperty("score").GetInt32()} / 100");
        var errors = audit.GetProperty("findings").EnumerateArray().Count(f => f.GetProperty("severity").GetString() == "error");
        await Expect(page.GetByTestId("count-error")).ToContainTextAsync(errors.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(page.GetByTestId("finding")).ToHaveCountAsync(audit.GetProperty("findings").GetArrayLength());
        foreach (var rule in new[] { "objective-not-quantified", "action-without-kpi", "action-without-tracking", "budget-without-return-kpi" })
            await Expect(page.Locator($"[data-testid=finding][data-rule={rule}]").First).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=finding][data-rule=budget-without-return-kpi]").First).ToContainTextAsync("À faire :");
        await PiloteServer.ShotAsync(page, "26-plan-health");

        // The committee report, both formats, from the buttons.
        var html = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("report-html").ClickAsync());
        Assert.EndsWith("-rapport.html", html.SuggestedFilename, StringComparison.Ordinal);
        var htmlPath = Path.Combine(server.Folder, html.SuggestedFilename);
        await html.SaveAsAsync(htmlPath);
        var text = await File.ReadAllTextAsync(htmlPath);
        Assert.Contains("NutriBoost", text, StringComparison.Ordinal);
        Assert.Contains("budget-without-return-kpi", text, StringComparison.Ordinal);

        var pptx = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("report-pptx").ClickAsync());
        Assert.EndsWith("-rapport.pptx", pptx.SuggestedFilename, StringComparison.Ordinal);
        var pptxPath = Path.Combine(server.Folder, pptx.SuggestedFilename);
        await pptx.SaveAsAsync(pptxPath);
        using var deck = PresentationDocument.Open(pptxPath, false);
        Assert.True(deck.PresentationPart!.SlideParts.Count() >= 2);
    }

    [Fact]
    public async Task The_html_report_printed_to_pdf_keeps_the_summary_on_one_page_and_each_chart_with_its_table()
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync("/");
        await page.WaitForURLAsync(new Regex(@"/plans/\d+$"));
        var plan = new Uri(page.Url).AbsolutePath;
        // What the « Rapport de comité (HTML) » button downloads, opened and printed as a browser prints it.
        var response = await page.APIRequest.GetAsync($"{plan}/rapport/html");
        Assert.Equal(200, response.Status);
        await page.SetContentAsync(await response.TextAsync());
        var pdf = Path.Combine(server.Folder, "rapport-imprime.pdf");
        await page.PdfAsync(new() { Path = pdf, PreferCSSPageSize = true, PrintBackground = true });
        var start = new System.Diagnostics.ProcessStartInfo("/usr/bin/pdftotext") { RedirectStandardOutput = true };
        foreach (var a in new[] { "-layout", pdf, "-" })
            start.ArgumentList.Add(a);
        using var run = System.Diagnostics.Process.Start(start)!;
        var text = await run.StandardOutput.ReadToEndAsync();
        await run.WaitForExitAsync();
        var pages = text.Split('\f', StringSplitOptions.RemoveEmptyEntries).Where(p => p.Trim().Length > 0).ToList();

        // The summary's figures and both its charts on the first page: the budget chart used to print alone on the second.
        Assert.Contains("Synthèse", pages[0], StringComparison.Ordinal);
        Assert.Contains("Indicateurs par statut", pages[0], StringComparison.Ordinal);
        Assert.Contains("Budget par canal", pages[0], StringComparison.Ordinal);
        // An objective's attainment chart prints with its KPI table, never on a page of its own.
        var charts = pages.Where(p => p.Contains("Atteinte des cibles", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(charts);
        Assert.All(charts, p => Assert.Contains("Rythme", p, StringComparison.Ordinal));
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
