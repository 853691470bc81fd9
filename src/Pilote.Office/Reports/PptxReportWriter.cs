using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using Pilote.Audit;
using Pilote.Office.Common;
using Pilote.Reports;

namespace Pilote.Office.Reports;

/// <summary>
/// The committee report as a 16:9 PowerPoint deck: a cover, a summary with its charts, one slide per objective (more
/// when its KPIs do not fit), the review's decisions and the audit's open findings. Tables are native tables and
/// charts native charts with their data, so the deck stays editable.
/// </summary>
public static class PptxReportWriter
{
    private const int KpiRows = 7, DecisionRows = 7, FindingRows = 8;

    /// <summary>Where a table must end: the footer (plan, period, page number) starts at 7,05 in.</summary>
    private const double TableBottom = 6.95;

    private static readonly double[] KpiWidths = [1.9, 1.45, 0.9, 0.95, 0.95, 1.05, 0.75, 0.95];
    private static readonly double[] DecisionWidths = [1.1, 2.8, 1.2, 1.5, 3.9, 1.8];
    private static readonly double[] FindingWidths = [1.35, 1.9, 2.6, 3.5, 2.95];

    public static void Write(CommitteeReport r, Stream output)
    {
        var w = new ReportWords(r);
        var lang = r.French ? "fr-FR" : "en-GB";
        using var doc = PresentationDocument.Create(output, PresentationDocumentType.Presentation);
        var presentation = doc.AddPresentationPart();
        var master = presentation.AddNewPart<SlideMasterPart>();
        var layout = master.AddNewPart<SlideLayoutPart>();
        WorkbookPackage.Feed(layout, PptxMaster.Layout(r.French));
        layout.AddPart(master);
        var theme = master.AddNewPart<ThemePart>();
        WorkbookPackage.Feed(theme, PptxMaster.Theme);
        WorkbookPackage.Feed(master, PptxMaster.Master(master.GetIdOfPart(layout)));
        presentation.AddPart(theme);

        var slideIds = new List<string>();
        var pageCount = 0;
        PptxSlide NewSlide(string title, string? subtitle)
        {
            var s = new PptxSlide(lang);
            pageCount++;
            s.Rect(0, 0, 13.333, 0.12, PptxSlide.Navy);
            s.Text(0.5, 0.2, 12.3, 0.8, new Run(title, PptxSlide.FitSize(title, 12.3, 0.8, true, 26, 19, 16, 13), true, PptxSlide.Navy), anchor: "b");
            if (subtitle is not null)
                s.Text(0.5, 1.0, 12.3, 0.45, new Run(subtitle, 13, false, PptxSlide.Muted));
            s.Text(0.5, 7.05, 9, 0.35, new Run($"{r.Plan} · {w.Period(r)}", 9, false, PptxSlide.Muted));
            s.Text(11.3, 7.05, 1.55, 0.35, new Run(pageCount.ToString(w.Culture), 9, false, PptxSlide.Muted), align: "r");
            return s;
        }
        void Save(PptxSlide s, SlidePart part)
        {
            WorkbookPackage.Feed(part, s.Xml());
            part.AddPart(layout);
            slideIds.Add(presentation.GetIdOfPart(part));
        }
        void AddChart(PptxSlide s, SlidePart part, ReportChart chart, double x, double y, double width, double height)
        {
            // An empty chart is a title over a bare axis: say instead what cannot be drawn and why.
            if (chart.Categories.Count == 0)
            {
                s.Text(x, y, width, 0.4, new Run(chart.Title, 12, true, PptxSlide.Navy), align: "ctr");
                s.Text(x, y + 0.5, width, 0.9, new Run(w.Empty(chart), 13, false, PptxSlide.Muted), align: "ctr");
                return;
            }
            var chartPart = part.AddNewPart<ChartPart>();
            PptxChart.Add(chartPart, chart, lang, w);
            s.Chart(x, y, width, height, part.GetIdOfPart(chartPart), chart.Title);
        }

        // Cover.
        {
            var s = new PptxSlide(lang);
            pageCount++;
            s.Rect(0, 0, 13.333, 7.5, PptxSlide.Navy);
            s.Rect(0.8, 2.2, 0.12, 2.6, "548235");
            s.Text(1.1, 2.1, 11, 0.5, new Run(w.Title.ToUpper(w.Culture), 16, true, "A9D18E"));
            s.Text(1.1, 2.6, 11.4, 1.3, new Run(r.Plan, PptxSlide.FitSize(r.Plan, 11.4, 1.3, true, 40, 32, 26, 22, 18), true, PptxSlide.White), anchor: "t");
            s.Text(1.1, 3.9, 11, 0.5, new Run(w.Period(r), 18, false, "D9E1F2"));
            s.Text(1.1, 4.4, 11, 0.5, new Run(w.T($"Produit par Pilote le {w.Date(ReportWords.Day(r.GeneratedAt))}",
                $"Produced by Pilote on {w.Date(ReportWords.Day(r.GeneratedAt))}"), 12, false, "D9E1F2"));
            Save(s, presentation.AddNewPart<SlidePart>());
        }

        // Summary: six key figures, then the two charts.
        {
            var s = NewSlide(w.T("Synthèse", "Summary"), r.Description is { Length: > 0 } d ? CommitteeReportBuilder.Short(d, 150) : null);
            var part = presentation.AddNewPart<SlidePart>();
            var figures = w.KeyFigures(r);
            for (var i = 0; i < figures.Count; i++)
            {
                var x = 0.5 + (i % 3 * 4.15);
                var y = 1.55 + (i / 3 * 1.0);
                s.Rect(x, y, 0.07, 0.85, PptxSlide.Navy);
                s.Text(x + 0.07, y, 3.9, 0.85, [[new Run(figures[i].Label, 11, false, PptxSlide.Muted)], [new Run(figures[i].Value, 20, true, PptxSlide.Navy)]], PptxSlide.Soft, "ctr");
            }
            AddChart(s, part, r.Summary.KpiChart, 0.5, 3.65, 5.6, 3.3);
            AddChart(s, part, r.Summary.BudgetChart, 6.4, 3.65, 6.4, 3.3);
            Save(s, part);
        }

        foreach (var o in r.Objectives)
        {
            var facts = new List<string>();
            if (o.Target is { } t)
                facts.Add($"{w.T("Cible :", "Target:")} {t}");
            if (o.Deadline is { } dl)
                facts.Add($"{w.T("Échéance", "Deadline")} {w.Date(dl)}");
            if (o.Owner is { } owner)
                facts.Add($"{w.T("Responsable", "Owner")} {owner}");
            if (o.SmartMissing.Count > 0 && o.ObjectiveId is not null)
                facts.Add(w.T("pas SMART : ", "not SMART: ") + string.Join(", ", o.SmartMissing));
            // Rows go to the next slide by the height their wrapped titles take, the first slide's headline counted.
            var firstTop = o.Headline is { } h0 ? 1.5 + (w.Headline(h0, " — ").Length > 90 ? 0.8 : 0.6) : 1.5;
            var kpiPages = PptxSlide.Fit(o.Kpis, w.KpiCells, w.KpiHeaders, KpiWidths, 9.5, TableBottom - firstTop, KpiRows);
            var pages = kpiPages.Count;
            for (var page = 0; page < pages; page++)
            {
                var title = pages > 1 ? $"{o.Title} ({page + 1}/{pages})" : o.Title;
                var s = NewSlide(title, facts.Count > 0 ? string.Join(" · ", facts) : null);
                var part = presentation.AddNewPart<SlidePart>();
                var top = 1.5;
                if (o.Headline is { } k && page == 0)
                {
                    s.Text(0.5, top, 1.6, 0.4, new Run(w.Status(k.Status), 12, true, PptxSlide.White), ReportWords.StatusColour(k.Status), "ctr", "ctr");
                    // A headline that says why it has no value runs to two lines: the table moves down to make room.
                    var headline = w.Headline(k, " — ");
                    var tall = headline.Length > 90;
                    s.Text(2.2, top, 10.6, tall ? 0.6 : 0.4, new Run(headline, 14, true, PptxSlide.Ink), anchor: "ctr");
                    top += tall ? 0.8 : 0.6;
                }
                var rows = kpiPages[page];
                if (rows.Count == 0)
                    s.Text(0.5, top, 12, 0.5, new Run(w.NoKpis(o), 13, false, PptxSlide.Muted));
                else
                    // The KPI and attainment columns hold single long words (« Téléchargements », « Attainment ») that a
                    // narrower column broke in two; the action's title wraps at its spaces instead.
                    s.Table(0.5, top, KpiWidths, w.KpiHeaders, rows.Select(w.KpiCells), 9.5, 7,
                        [.. rows.Select(k => (string?)ReportWords.StatusColour(k.Status))]);
                if (o.Chart is { } chart && page == 0)
                    AddChart(s, part, chart, 9.55, top, 3.3, Math.Min(0.8 + (0.5 * chart.Categories.Count), 6.9 - top));
                Save(s, part);
            }
        }

        // Seven decisions with a paragraph of reason each ran a table past the slide's foot: slides are filled by height.
        Paged(w.T("Arbitrages de la revue", "Review decisions"),
            PptxSlide.Fit(r.Decisions, w.DecisionCells, w.DecisionHeaders, DecisionWidths, 10, TableBottom - 1.55, DecisionRows), (s, rows) =>
        {
            if (rows.Count == 0)
                s.Text(0.5, 1.6, 12, 0.5, new Run(w.T("Aucun arbitrage consigné sur la période.", "No decision recorded in the period."), 14, false, PptxSlide.Muted));
            else
                s.Table(0.5, 1.55, DecisionWidths, w.DecisionHeaders, rows.Select(w.DecisionCells), 10);
        });

        var audit = r.Audit.Summary(r.French);
        Paged(w.T("Constats d'audit ouverts", "Open audit findings"),
            PptxSlide.Fit(r.Audit.Findings, w.FindingCells, w.FindingHeaders, FindingWidths, 9, TableBottom - 1.55, FindingRows), (s, rows) =>
        {
            if (rows.Count == 0)
            {
                s.Text(0.5, 1.6, 12, 0.5, new Run(w.T("Rien à signaler.", "Nothing found."), 14, false, PptxSlide.Muted));
                return;
            }
            s.Table(0.5, 1.55, FindingWidths, w.FindingHeaders, rows.Select(w.FindingCells), 9, 0,
                [.. rows.Select(f => (string?)ReportWords.SeverityColour(f.Severity))]);
        }, audit);

        WorkbookPackage.Feed(presentation, PptxMaster.Presentation(presentation.GetIdOfPart(master), slideIds));
        Properties(doc, r, w);

        void Paged<T>(string title, List<List<T>> pages, Action<PptxSlide, List<T>> fill, string? subtitle = null)
        {
            for (var page = 0; page < pages.Count; page++)
            {
                var s = NewSlide(pages.Count > 1 ? $"{title} ({page + 1}/{pages.Count})" : title, subtitle);
                fill(s, pages[page]);
                Save(s, presentation.AddNewPart<SlidePart>());
            }
        }
    }

    private static void Properties(PresentationDocument doc, CommitteeReport r, ReportWords w)
    {
        var core = doc.AddCoreFilePropertiesPart();
        var at = r.GeneratedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ");
        WorkbookPackage.Feed(core, $"""
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{WorkbookPackage.Xml($"{w.Title} — {r.Plan}")}</dc:title><dc:creator>Pilote</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">{at}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">{at}</dcterms:modified></cp:coreProperties>
            """);
        var app = doc.AddExtendedFilePropertiesPart();
        app.Properties = new DocumentFormat.OpenXml.ExtendedProperties.Properties(new DocumentFormat.OpenXml.ExtendedProperties.Application("Pilote"));
    }
}
