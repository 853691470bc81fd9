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
        var report = await CommitteeReportService.BuildAsync(ctx, plan.Id, null, null, DemoPlans.Today, true, DemoPlans.Clock.GetUtcNow());
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
}
