using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using Microsoft.EntityFrameworkCore;
using Pilote.Common;
using Pilote.Demo;
using Pilote.Office.Reports;
using Pilote.Office.Tests.LibreOffice;
using Pilote.Plans;
using Pilote.Reports;
using Pilote.Reviews;
using Pilote.Targets;
using Pilote.Testing;
using A = DocumentFormat.OpenXml.Drawing;
using C = DocumentFormat.OpenXml.Drawing.Charts;

namespace Pilote.Office.Tests.Reports;

public sealed class CommitteeDeckTests
{
    private const string LeadsObjective = "Générer 400 leads qualifiés B2B d'ici la fin du semestre";
    private const string GoogleAds = "Campagne Google Ads « rapports pays »";

    private static async Task<(CommitteeReport Report, PlanReport Plan, string Path)> WriteAsync(TestDatabase db, string folder)
    {
        await using var ctx = db.Open();
        var plan = await PlanLoader.FindAsync(ctx, DemoWorkspace.LocalScopeName);
        var ads = await ctx.Actions.SingleAsync(a => a.PlanId == plan.Id && a.Title == GoogleAds);
        await new ReviewService(ctx, DemoPlans.Clock).DecideAsync(plan.Id, DemoPlans.Today.AddDays(-7), ads.Id, "accept", null,
            "CPL au-dessus de la cible depuis trois semaines", "Salma", true);
        var report = await CommitteeReportService.BuildAsync(ctx, plan.Id, null, null, DemoPlans.Today, true, DemoPlans.Clock);
        var path = Path.Combine(folder, "comite.pptx");
        await using (var stream = File.Create(path))
            PptxReportWriter.Write(report, stream);
        // What plan show prints, computed on its own path: the report must say the same.
        var shown = await PlanReportBuilder.BuildAsync(ctx, plan.Id, DemoPlans.Today);
        return (report, shown, path);
    }

    private static List<List<string>> Rows(SlidePart slide) =>
        [.. slide.Slide.Descendants<A.TableRow>().Select(r => r.Elements<A.TableCell>().Select(c => c.InnerText).ToList())];

    private static string Text(SlidePart slide) => string.Join("\n", slide.Slide.Descendants<A.Paragraph>().Select(p => p.InnerText));

    private static List<SlidePart> Slides(PresentationDocument doc) =>
        [.. doc.PresentationPart!.Presentation.SlideIdList!.Elements<DocumentFormat.OpenXml.Presentation.SlideId>()
            .Select(id => (SlidePart)doc.PresentationPart.GetPartById(id.RelationshipId!))];

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_deck_is_valid_and_says_what_Pilote_computes(string provider)
    {
        await using var db = await DemoPlans.LoadAsync(provider);
        var folder = DemoPlans.Folder();
        try
        {
            var (report, shown, path) = await WriteAsync(db, folder);
            using var doc = PresentationDocument.Open(path, false);
            var errors = new OpenXmlValidator(FileFormatVersions.Microsoft365).Validate(doc)
                .Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToList();
            Assert.True(errors.Count == 0, string.Join("\n", errors));

            var slides = Slides(doc);
            Assert.Contains("Comité de pilotage".ToUpper(CultureInfo.GetCultureInfo("fr-FR")), Text(slides[0]));
            Assert.Contains(DemoWorkspace.LocalScopeName, Text(slides[0]));
            // One slide per objective (the demo's fit on one each), and one for the actions serving none.
            foreach (var o in report.Objectives)
                Assert.Contains(slides, s => Text(s).Contains(o.Title));

            var c = CultureInfo.GetCultureInfo("fr-FR");
            var leads = slides.Single(s => Text(s).Contains(LeadsObjective));
            var action = shown.Actions.Single(a => a.Action.Title == GoogleAds);
            var cpl = action.Kpis.Single(k => k.Kpi == "cpl");
            var row = Rows(leads).Single(r => r[0] == GoogleAds && r[1] == cpl.Name);
            Assert.Equal(cpl.Target!.Text, row[2]);
            Assert.Equal(Formats.Kpi(cpl.Actual, cpl.Unit, "EUR", c), row[3]);
            Assert.Equal(Formats.Percent(Math.Round(cpl.Attainment!.Value, 3), c), row[5]);
            Assert.Equal(cpl.Status.Label(), row[7]);

            // The objective's headline: the leads of every action serving it, as stored.
            await using (var ctx = db.Open())
            {
                var serving = await ctx.ActionObjectives.Where(l => l.Objective!.Statement == LeadsObjective).Select(l => l.ActionId).ToListAsync();
                var stored = await ctx.Measurements.Where(m => serving.Contains(m.ActionId) && m.Metric == "leads" && m.PeriodEnd <= DemoPlans.Today).SumAsync(m => m.Value);
                Assert.True(stored > 0);
                Assert.Contains($"Leads : {Formats.Count(stored, c)} pour une cible de 400", Text(leads));
            }

            // The chart is native, carries its data for "Edit data", and its bars are the attainments of the table.
            var chart = Assert.Single(leads.ChartParts);
            Assert.NotNull(chart.EmbeddedPackagePart);
            var values = chart.ChartSpace.Descendants<C.BarChartSeries>().Single()
                .Descendants<C.NumericPoint>().Select(p => decimal.Parse(p.InnerText, CultureInfo.InvariantCulture)).ToList();
            var section = report.Objectives.Single(o => o.Title == LeadsObjective);
            Assert.Equal([Math.Round(section.Headline!.Attainment!.Value, 4), .. section.Kpis.Where(k => k.Attainment is not null).Select(k => Math.Round(k.Attainment!.Value, 4))], values);
            Assert.Contains(Math.Round(cpl.Attainment.Value, 4), values);

            var decisions = slides.Single(s => Text(s).Contains("Arbitrages de la revue"));
            var decision = Assert.Single(Rows(decisions).Skip(1));
            Assert.Equal([GoogleAds, "arrêter", "accepté", "CPL au-dessus de la cible depuis trois semaines"], decision.Skip(1).Take(4));

            var findings = slides.Where(s => Text(s).Contains("Constats d'audit ouverts")).SelectMany(s => Rows(s).Skip(1)).ToList();
            Assert.Equal(report.Audit.Findings.Select(f => f.Rule), findings.Select(f => f[1]));
            Assert.Contains(findings, f => f[1] == "objective-not-quantified" && f[0] == "erreur");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task LibreOffice_renders_every_slide()
    {
        await using var db = await DemoPlans.LoadAsync("sqlite");
        var folder = DemoPlans.Folder();
        try
        {
            var (_, _, path) = await WriteAsync(db, folder);
            int count;
            using (var doc = PresentationDocument.Open(path, false))
                count = Slides(doc).Count;
            var pages = await LibreOfficeRunner.RenderPngAsync(path, folder, dpi: 60);
            Assert.Equal(count, pages.Count);
            // A blank page is a few hundred bytes; a slide with a table and a chart is tens of kilobytes.
            Assert.All(pages.Skip(1), p => Assert.True(new FileInfo(p).Length > 10_000, $"{p} looks empty"));
            var keep = Environment.GetEnvironmentVariable("PILOTE_KEEP_RENDERS");
            if (!string.IsNullOrEmpty(keep))
            {
                Directory.CreateDirectory(keep);
                foreach (var p in pages)
                    File.Copy(p, Path.Combine(keep, "deck-" + Path.GetFileName(p)), overwrite: true);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
    private static async Task<string> WriteDeckAsync(TestDatabase db, string folder, string planName, bool french, string file)
    {
        await using var ctx = db.Open();
        var plan = await PlanLoader.FindAsync(ctx, planName);
        var report = await CommitteeReportService.BuildAsync(ctx, plan.Id, null, null, DemoPlans.Today, french, DemoPlans.Clock);
        var path = Path.Combine(folder, file);
        await using (var stream = File.Create(path))
            PptxReportWriter.Write(report, stream);
        return path;
    }

    [Fact]
    public async Task A_plan_with_no_kpi_says_so_instead_of_drawing_an_empty_chart()
    {
        await using var db = await DemoPlans.LoadAsync("sqlite");
        var folder = DemoPlans.Folder();
        try
        {
            // NutriBoost: five actions, not one KPI, one objective no action serves.
            var path = await WriteDeckAsync(db, folder, DemoWorkspace.NutriBoostName, true, "nutriboost.pptx");
            using var doc = PresentationDocument.Open(path, false);
            var slides = Slides(doc);
            // The cover, then the summary.
            var summary = slides[1];
            Assert.StartsWith("Synthèse", Text(summary));
            // The budget chart is drawn; the KPI chart would have been a title over a bare axis.
            var chart = Assert.Single(summary.ChartParts);
            Assert.Contains("Budget par canal", chart.ChartSpace.InnerText);
            Assert.Contains("Indicateurs par statut", Text(summary));
            Assert.Contains("Aucun indicateur : aucune action du plan n'a de KPI, rien ne peut être jugé.", Text(summary));
            Assert.Contains("aucun KPI", Text(summary));
            Assert.DoesNotContain("0 / 0", Text(summary));
            var objective = slides.Single(s => Text(s).StartsWith("Faire connaître la gamme Vitalité Boost", StringComparison.Ordinal));
            Assert.Contains("Aucune action ne sert cet objectif : rien ne le mesure.", Text(objective));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task An_objective_headline_with_no_value_says_why_in_the_readers_language()
    {
        await using var db = await DemoPlans.LoadAsync("sqlite");
        var folder = DemoPlans.Folder();
        try
        {
            // LocalScope's subscriptions objective is judged on conversions, which none of its five actions measures.
            const string Subscriptions = "Signer 12 abonnements « Insights Flow » d'ici la fin du semestre";
            using var frDeck = PresentationDocument.Open(await WriteDeckAsync(db, folder, DemoWorkspace.LocalScopeName, true, "fr.pptx"), false);
            var fr = Slides(frDeck).Single(s => Text(s).StartsWith(Subscriptions, StringComparison.Ordinal));
            Assert.Contains("Conversions : pas de valeur pour une cible de 12 — aucune des actions qui servent cet objectif n'a mesuré conversions au 22/11/2026", Text(fr));
            using var enDeck = PresentationDocument.Open(await WriteDeckAsync(db, folder, DemoWorkspace.LocalScopeName, false, "en.pptx"), false);
            var en = Slides(enDeck).Single(s => Text(s).StartsWith(Subscriptions, StringComparison.Ordinal));
            Assert.Contains("Conversions: no value for a target of 12 — none of the actions serving this objective has measured conversions as of 22/11/2026", Text(en));
            // KPIs are named from the catalog's English names, as the dashboard and the review name them.
            var rows = Rows(en).Skip(1).ToList();
            Assert.Contains(rows, r => r[0] == "Newsletter décideurs bimensuelle" && r[1] == "Open rate");
            Assert.DoesNotContain(rows, r => r[1] == "Taux d'ouverture");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Chart_labels_are_written_in_the_readers_conventions_and_the_plans_currency()
    {
        await using var db = await DemoPlans.LoadAsync("sqlite");
        await using (var ctx = db.Open())
        {
            var nutriboost = await ctx.Plans.SingleAsync(p => p.Name == DemoWorkspace.NutriBoostName);
            nutriboost.Currency = "USD";
            await ctx.SaveChangesAsync();
        }
        var folder = DemoPlans.Folder();
        try
        {
            static List<string> Formats(string path)
            {
                using var doc = PresentationDocument.Open(path, false);
                return [.. Slides(doc).SelectMany(s => s.ChartParts).SelectMany(c => c.ChartSpace.Descendants<C.NumberingFormat>()).Select(f => f.FormatCode!.Value!).Distinct()];
            }

            var fr = Formats(await WriteDeckAsync(db, folder, DemoWorkspace.LocalScopeName, true, "fr.pptx"));
            // « 120 % » and « 24 000 € » as every table of the deck writes them, not « 120% ».
            Assert.Contains("0\"\u00A0\"%", fr);
            Assert.Contains("#,##0\"\u00A0€\"", fr);
            Assert.DoesNotContain("0%", fr);
            var en = Formats(await WriteDeckAsync(db, folder, DemoWorkspace.LocalScopeName, false, "en.pptx"));
            Assert.Contains("0%", en);
            Assert.Contains("\"€\"#,##0", en);
            // A dollar plan's budget bars are in dollars.
            var usd = Formats(await WriteDeckAsync(db, folder, DemoWorkspace.NutriBoostName, true, "usd.pptx"));
            Assert.Contains("#,##0\"\u00A0$\"", usd);
            Assert.DoesNotContain(usd, f => f.Contains('€'));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task LibreOffice_breaks_no_kpi_table_word_in_two()
    {
        await using var db = await DemoPlans.LoadAsync("sqlite");
        var folder = DemoPlans.Folder();
        try
        {
            foreach (var (french, words) in new[] { (true, new[] { "Téléchargements", "Atteinte" }), (false, new[] { "Downloads", "Attainment" }) })
            {
                var sub = Path.Combine(folder, french ? "fr" : "en");
                Directory.CreateDirectory(sub);
                var path = await WriteDeckAsync(db, sub, DemoWorkspace.LocalScopeName, french, "deck.pptx");
                await LibreOfficeRunner.RenderPngAsync(path, sub, dpi: 30);
                var text = await LibreOfficeRunner.PdfTextAsync(Path.Combine(sub, "deck.pdf"));
                // « Téléchargement » over « s », « Attainm » over « ent »: the column was narrower than its longest word.
                foreach (var word in words)
                    Assert.Matches($@"(?<!\w){word}(?!\w)", text);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
    [Fact]
    public async Task Decisions_with_a_paragraph_of_reason_stay_above_the_slides_footer()
    {
        await using var db = await DemoPlans.LoadAsync("sqlite");
        await using (var ctx = db.Open())
        {
            var plan = await PlanLoader.FindAsync(ctx, DemoWorkspace.LocalScopeName);
            var live = await ctx.Actions.Where(a => a.PlanId == plan.Id && a.Status == Actions.ActionStatus.Live).OrderBy(a => a.Id).Select(a => a.Id).Take(10).ToListAsync();
            Assert.Equal(10, live.Count);
            var review = new ReviewService(ctx, DemoPlans.Clock);
            for (var i = 0; i < live.Count; i++)
                await review.DecideAsync(plan.Id, DemoPlans.Today.AddDays(-7), live[i], "accept", null,
                    $"motif{i:00} : le CPL dépasse la cible depuis trois semaines malgré la refonte des annonces ; on réaffecte le budget vers "
                    + "LinkedIn Ads et la newsletter, qui convertissent mieux, en attendant la nouvelle landing page prévue pour décembre.", "Salma", true);
        }
        var folder = DemoPlans.Folder();
        try
        {
            var path = await WriteDeckAsync(db, folder, DemoWorkspace.LocalScopeName, true, "deck.pptx");
            await LibreOfficeRunner.RenderPngAsync(path, folder, dpi: 30);
            var pages = await LibreOfficeRunner.PdfWordsAsync(Path.Combine(folder, "deck.pdf"));
            var seen = new List<string>();
            foreach (var page in pages.Where(p => p.Words.Any(w => w.Text == "Arbitrages")))
            {
                // The footer « LocalScope — lancement · du … » sits at the slide's foot: every word of the table is above it.
                var footer = page.Words.Where(w => w.Text == "LocalScope").Max(w => w.YMin);
                Assert.All(page.Words.Where(w => w.Text.StartsWith("motif", StringComparison.Ordinal) || w.Text == "décembre."),
                    w => Assert.True(w.YMax < footer, $"« {w.Text} » at {w.YMax:0} runs into the footer at {footer:0}"));
                Assert.True(page.Words.Max(w => w.YMax) <= page.Height, "a word lies below the slide");
                seen.AddRange(page.Words.Where(w => w.Text.StartsWith("motif", StringComparison.Ordinal)).Select(w => w.Text));
            }
            // Ten decisions, each once: none cut off the bottom of a slide.
            Assert.Equal(Enumerable.Range(0, 10).Select(i => $"motif{i:00}"), seen.Order());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
    [Fact]
    public async Task A_long_plan_name_and_a_long_objective_stay_clear_of_the_cover_dates_and_the_slides_top()
    {
        const string Name = "Plan d'action marketing numérique 2027 — lancement de la gamme Vitalité Boost Premium en Afrique francophone";
        const string Statement = "Générer 5 000 leads qualifiés via une campagne SEA et LinkedIn Ads auprès des cabinets de conseil et des agences "
            + "de stratégie d'ici la fin du trimestre, avec un CPL inférieur à 40 € et un taux de conversion supérieur à 5 %";
        await using var db = await DemoPlans.LoadAsync("sqlite");
        await using (var ctx = db.Open())
        {
            var plan = await ctx.Plans.Include(p => p.Objectives).SingleAsync(p => p.Name == DemoWorkspace.NutriBoostName);
            plan.Name = Name;
            plan.Objectives.Single().Statement = Statement;
            await ctx.SaveChangesAsync();
        }
        var folder = DemoPlans.Folder();
        try
        {
            var path = await WriteDeckAsync(db, folder, Name, true, "deck.pptx");
            await LibreOfficeRunner.RenderPngAsync(path, folder, dpi: 30);
            var pages = await LibreOfficeRunner.PdfWordsAsync(Path.Combine(folder, "deck.pdf"));

            // The cover: the name's last line sits above the period « du 01/04/2026 au 30/06/2026 » (40 pt wrote over it).
            var cover = pages[0].Words;
            var nameBottom = cover.Single(w => w.Text == "francophone").YMax;
            Assert.True(nameBottom < cover.Single(w => w.Text == "du").YMin, $"the plan's name ends at {nameBottom:0}, over the period");

            // The objective's slide: its title grows down from the top band, not up past the slide's edge.
            var slide = pages.Single(p => p.Words.Any(w => w.Text == "Générer") && p.Words.Any(w => w.Text == "Responsable"));
            var band = 0.12 * 72;
            Assert.True(slide.Words.Single(w => w.Text == "Générer").YMin > band, "the objective's first line is above the slide");
            var titleBottom = slide.Words.Where(w => w.Text == "%").Min(w => w.YMax);
            Assert.True(titleBottom < slide.Words.Single(w => w.Text == "Responsable").YMin, "the title runs over its subtitle");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
