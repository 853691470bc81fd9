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

    /// <summary>
    /// The HTML report <c>pilote report PLAN --format html -o FILE</c> writes with these further arguments, read back; the
    /// file's temporary folder goes with it.
    /// </summary>
    private static async Task<string> HtmlAsync(TestDatabase db, string plan, params string[] args)
    {
        var folder = Folder();
        try
        {
            var path = Path.Combine(folder, "comite.html");
            await CliRun.OkAsync(db, ["report", plan, "--format", "html", "-o", path, .. args]);
            return await File.ReadAllTextAsync(path);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

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
        var text = Visible(await HtmlAsync(db, Plan, "--lang", "en", "--from", "2026-11-02", "--to", "2026-11-15"));
        Assert.Contains("Steering committee", text);
        Assert.Contains("from 02/11/2026 to 15/11/2026", text);
        Assert.Contains("€120,000", text);
        Assert.Contains("Too early", text);

        text = Visible(await HtmlAsync(db, Plan, "--lang", "en", "--from", "2026-11-09"));
        Assert.DoesNotContain("Too early", text);
        Assert.Contains("No decision recorded in the period.", text);
    }

    /// <summary>A machine in Paris, half an hour after midnight on 24/11/2026 (23:30 UTC the day before).</summary>
    private sealed class ParisClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(2026, 11, 23, 23, 30, 0, TimeSpan.Zero);

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    }

    [Fact]
    public async Task A_report_made_after_midnight_is_dated_the_day_its_period_ends_by_default()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");
        var clock = new ParisClock();
        Assert.Equal(0, (await CliRun.RunAsync(clock, "demo", "--db", db.DbArgument)).Exit);
        var folder = Folder();
        try
        {
            // The default end is the local today; the labels said the UTC day, one day earlier, beside it.
            var path = Path.Combine(folder, "today.html");
            Assert.Equal(0, (await CliRun.RunAsync(clock, "report", Plan, "--format", "html", "-o", path, "--db", db.DbArgument)).Exit);
            var text = Visible(await File.ReadAllTextAsync(path));
            Assert.Contains("Produit par Pilote le 24/11/2026", text);
            Assert.DoesNotContain("23/11/2026", text);

            // A period that ended earlier says that today's figures are as of today, the same local day.
            var past = Path.Combine(folder, "past.html");
            Assert.Equal(0, (await CliRun.RunAsync(clock, "report", Plan, "--format", "html", "-o", past, "--to", "2026-11-15", "--db", db.DbArgument)).Exit);
            var pastText = Visible(await File.ReadAllTextAsync(past));
            Assert.Contains("(au 24/11/2026)", pastText);
            Assert.DoesNotContain("(au 23/11/2026)", pastText);
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
            // Only --from, after the day the report ends by default: the refusal speaks of --from and says where that end comes from.
            var late = await CliRun.RunAsync(db, "report", Plan, "--format", "html", "-o", path, "--from", "2026-12-01");
            Assert.Equal(2, late.Exit);
            Assert.Equal("pilote: --from : 01/12/2026 est après la fin du rapport, le 22/11/2026 (aujourd'hui) ; donnez une date antérieure ou --to", Assert.Single(late.ErrLines));
            var ended = await CliRun.RunAsync(db, "report", "NutriBoost — Vitalité Boost", "--format", "html", "-o", path, "--from", "2026-08-01", "--lang", "en");
            Assert.Equal(2, ended.Exit);
            Assert.Matches(@"^pilote: --from: 2026-08-01 is after the report's end, 2026-\d\d-\d\d \(the plan's end\); give an earlier date or --to$", Assert.Single(ended.ErrLines));
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
    [Fact]
    public async Task A_plan_with_nothing_to_judge_says_why_instead_of_empty_charts()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");
        await CliRun.OkAsync(db, "demo");
        await CliRun.OkAsync(db, "plan", "new", "--name", "Vide", "--start", "2026-10-01", "--end", "2026-12-31");
        // NutriBoost: five actions with money and no KPI; its objective is served by none of them.
        var html = await HtmlAsync(db, "NutriBoost — Vitalité Boost");
        var text = Visible(html);
        Assert.Matches(@"Indicateurs par statut\s+Aucun indicateur : aucune action du plan n'a de KPI, rien ne peut être jugé\.", text);
        Assert.Matches(@"KPI atteints ou en bonne voie\s+aucun KPI", text);
        Assert.Contains("Aucune action ne sert cet objectif : rien ne le mesure.", text);
        // Only the budget chart is drawn: no SVG with a title and nothing under it.
        Assert.Single(Regex.Matches(html, "<svg "));

        // A plan just created: no budget, no action.
        text = Visible(await HtmlAsync(db, "Vide", "--lang", "en"));
        Assert.Matches(@"Plan budget\s+not set", text);
        Assert.Matches(@"KPIs by status\s+No KPI: the plan has no action yet\.", text);
        Assert.Contains("No budget planned or spent on the plan's actions.", text);
    }

    [Fact]
    public async Task A_headline_with_no_value_says_why_and_english_names_the_kpis_in_english()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");
        await CliRun.OkAsync(db, "demo");
        var text = Visible(await HtmlAsync(db, Plan));
        // « Conversions : — pour une cible de 12, atteinte —, rythme — » told the committee nothing.
        Assert.Contains("Conversions : pas de valeur pour une cible de 12 — aucune des actions qui servent cet objectif n'a mesuré conversions au 22/11/2026", text);
        Assert.DoesNotContain("atteinte —, rythme —", text);

        text = Visible(await HtmlAsync(db, Plan, "--lang", "en"));
        Assert.Contains("Conversions: no value for a target of 12 — none of the actions serving this objective has measured conversions as of 22/11/2026", text);
        Assert.Matches(@"Newsletter décideurs bimensuelle\s+Open rate\s+>30%", text);
        Assert.DoesNotContain("Taux d'ouverture", text);
    }

    [Fact]
    public async Task A_period_that_ended_before_today_does_not_pass_todays_spend_off_as_its_own()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");
        await CliRun.OkAsync(db, "demo");
        var text = Visible(await HtmlAsync(db, Plan, "--from", "2026-06-01", "--to", "2026-06-30"));
        Assert.Contains("du 01/06/2026 au 30/06/2026", text);
        // The actions' spend and statuses are today's: the labels say so.
        Assert.Contains("Dépensé (au 22/11/2026)", text);
        Assert.Contains("Actions en cours (au 22/11/2026)", text);
        Assert.Contains("Budget par canal : prévu et dépensé (au 22/11/2026)", text);
        // The plan had not started in June: the headline says so rather than leave « — ».
        Assert.Matches(@"Trafic : pas de valeur pour une cible de 20 000 — la période n'a pas commencé : elle commence le \d\d/\d\d/2026", text);

        // A period up to today needs no such note.
        Assert.DoesNotContain("(au 22/11/2026)", Visible(await HtmlAsync(db, Plan)));
    }

    [Fact]
    public async Task Html_values_never_wrap_between_a_number_and_its_unit()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");
        await CliRun.OkAsync(db, "demo");
        var html = await HtmlAsync(db, Plan);
        // Printed on A4, « > 1 500 € » and « 2 min 13 s » left « € » and « s » alone on the next line.
        var kpiTables = html.Split("<table>").Where(t => t.Contains("<th>Rythme</th>", StringComparison.Ordinal));
        var cells = kpiTables.SelectMany(t => Regex.Matches(t[..t.IndexOf("</table>", StringComparison.Ordinal)], "<td>([^<]*)</td>"))
            .Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        Assert.Contains("2\u00A0min\u00A013\u00A0s", cells);
        Assert.Contains(">\u00A01\u00A0500\u00A0€", cells);
        Assert.Contains(cells, c => Regex.IsMatch(c, "^\\d+,\\d\u00A0%$"));
        // Action titles and KPI names still wrap at their spaces; the values (targets onwards) never do.
        Assert.DoesNotContain(cells, c => Regex.IsMatch(c, @"\d [€%s]"));
        var figures = Regex.Matches(html, "<dd>([^<]*)</dd>").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        Assert.Contains(figures, f => Regex.IsMatch(f, "^\\d+\u202F\\d{3}\u00A0€ \\(\\d+,\\d\u00A0%\\)$"));
    }
}
