using System.Net;
using System.Text.RegularExpressions;
using Pilote.Testing;

namespace Pilote.App.Tests.Reports;

public sealed class ReportCommandTests
{
    private const string Plan = "LocalScope — lancement";

    private static string Folder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "pilote-report-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>The page's text as a reader sees it: tags dropped, entities decoded, non-breaking spaces plain.</summary>
    private static string Visible(string html) =>
        WebUtility.HtmlDecode(Regex.Replace(Regex.Replace(html, "<style>.*?</style>", "", RegexOptions.Singleline), "<[^>]+>", " "))
            .Replace('\u202f', ' ').Replace('\u00a0', ' ');

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Html_report_holds_objectives_kpis_charts_decisions_and_findings(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await CliRun.OkAsync(db, "demo");
        await CliRun.OkAsync(db, "review", "decide", Plan, "--action", "Campagne Google Ads « rapports pays »", "--decision", "accept",
            "--reason", "CPL trop élevé trois semaines de suite");
        var folder = Folder();
        try
        {
            var path = Path.Combine(folder, "comite.html");
            var run = await CliRun.OkAsync(db, "report", Plan, "--format", "html", "-o", path);
            Assert.Contains("comite.html", run.Out);
            // One decision recorded: « 1 arbitrage », not « 1 arbitrage(s) ».
            Assert.Contains("1 arbitrage,", run.Out);
            Assert.DoesNotContain("(s)", run.Out);
            var html = await File.ReadAllTextAsync(path);
            var text = Visible(html);
            Assert.StartsWith("<!DOCTYPE html>", html);
            Assert.Contains("<html lang=\"fr\">", html);
            Assert.Contains("Comité de pilotage", text);
            Assert.Contains("du 17/08/2026 au 22/11/2026", text);
            Assert.Contains("120 000 €", text);

            // Each objective is a section, with its KPIs as plan show computes them.
            var objectives = (await CliRun.JsonAsync(db, "plan", "show", Plan)).Items("objectives").Select(o => o.Str("statement")!).ToList();
            Assert.NotEmpty(objectives);
            foreach (var o in objectives)
                Assert.Contains(WebUtility.HtmlEncode(o), html);
            Assert.Contains("Leads : 319 pour une cible de 400", text);
            Assert.Matches(@"Campagne Google Ads « rapports pays »\s+CPL\s+<40 €\s+51,66 €", text);

            // Inline SVG charts, nothing fetched from elsewhere, and a print style for PDF.
            Assert.True(Regex.Matches(html, "<svg ").Count >= 3);
            Assert.DoesNotContain("<script", html);
            Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", ""));
            Assert.Contains("@media print", html);

            Assert.Contains("CPL trop élevé trois semaines de suite", text);
            Assert.Matches(@"2026-W46\s+Campagne Google Ads « rapports pays »\s+arrêter\s+accepté", text);
            Assert.Contains("objective-not-quantified", text);
            Assert.Contains("Score 98/100", text);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task English_report_and_a_period_that_leaves_out_earlier_decisions()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");
        await CliRun.OkAsync(db, "demo");
        await CliRun.OkAsync(db, "review", "decide", Plan, "--week", "2026-W45", "--action", "Campagne Google Ads « rapports pays »",
            "--decision", "reject", "--reason", "Too early");
        var folder = Folder();
        try
        {
            var path = Path.Combine(folder, "committee.html");
            await CliRun.OkAsync(db, "report", Plan, "--format", "html", "-o", path, "--lang", "en", "--from", "2026-11-02", "--to", "2026-11-15");
            var text = Visible(await File.ReadAllTextAsync(path));
            Assert.Contains("Steering committee", text);
            Assert.Contains("from 02/11/2026 to 15/11/2026", text);
            Assert.Contains("€120,000", text);
            Assert.Contains("Too early", text);

            await CliRun.OkAsync(db, "report", Plan, "--format", "html", "-o", path, "--lang", "en", "--from", "2026-11-09");
            text = Visible(await File.ReadAllTextAsync(path));
            Assert.DoesNotContain("Too early", text);
            Assert.Contains("No decision recorded in the period.", text);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Bad_report_requests_exit_2_and_write_nothing()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");
        await CliRun.OkAsync(db, "demo");
        var folder = Folder();
        try
        {
            var path = Path.Combine(folder, "r.pdf");
            var bad = await CliRun.RunAsync(db, "report", Plan, "--format", "pdf", "-o", path);
            Assert.Equal(2, bad.Exit);
            Assert.Equal("pilote: --format : « pdf » n'est pas un format de rapport (utilisez html ou pptx)", Assert.Single(bad.ErrLines));
            var badEn = await CliRun.RunAsync(db, "report", Plan, "--format", "pdf", "-o", path, "--lang", "en");
            Assert.Equal("pilote: --format: 'pdf' is not a report format (use html or pptx)", Assert.Single(badEn.ErrLines));
            var inverted = await CliRun.RunAsync(db, "report", Plan, "--format", "html", "-o", path, "--from", "2026-11-10", "--to", "2026-11-01");
            Assert.Equal(2, inverted.Exit);
            Assert.Equal("pilote: --to : 01/11/2026 précède --from 10/11/2026", Assert.Single(inverted.ErrLines));
            var invertedEn = await CliRun.RunAsync(db, "report", Plan, "--format", "html", "-o", path, "--from", "2026-11-10", "--to", "2026-11-01", "--lang", "en");
            Assert.Equal(2, invertedEn.Exit);
            Assert.Equal("pilote: --to: 2026-11-01 is before --from 2026-11-10", Assert.Single(invertedEn.ErrLines));
            var missing = await CliRun.RunAsync(db, "report", Plan, "--format", "pptx", "-o", Path.Combine(folder, "nope", "r.pptx"));
            Assert.Equal(2, missing.Exit);
            // A folder given as -o (the file name forgotten) is refused in one line, not by an IOException once the report is built.
            var toFolder = await CliRun.RunAsync(db, "report", Plan, "--format", "html", "-o", folder);
            Assert.Equal(2, toFolder.Exit);
            Assert.Equal($"pilote: -o : « {folder} » est un dossier ; donnez le nom du fichier à écrire", Assert.Single(toFolder.ErrLines));
            Assert.Empty(Directory.GetFileSystemEntries(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
