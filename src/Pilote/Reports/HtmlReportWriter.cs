using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Pilote.Audit;

namespace Pilote.Reports;

/// <summary>
/// The committee report as one self-contained HTML page: no script, no external file, charts as inline SVG, and a
/// print style that starts each objective on a new A4 page so a browser's "print to PDF" gives the committee pack.
/// </summary>
public static class HtmlReportWriter
{
    public static string Write(CommitteeReport r)
    {
        var w = new ReportWords(r);
        var h = new StringBuilder();
        h.Append($"""
            <!DOCTYPE html>
            <html lang="{(r.French ? "fr" : "en")}">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="generator" content="Pilote">
            <title>{E(w.Title)} — {E(r.Plan)}</title>
            <style>{Css}</style>
            </head>
            <body>
            <header class="cover">
            <p class="kicker">{E(w.Title)}</p>
            <h1>{E(r.Plan)}</h1>
            <p class="period">{E(w.Period(r))} · {E(w.T("plan", "plan"))} {E(w.Date(r.PlanStart))} → {E(w.Date(r.PlanEnd))}</p>
            {(r.Description is { Length: > 0 } d ? $"<p class=\"description\">{E(d)}</p>" : "")}
            </header>
            """);

        h.Append($"<section class=\"summary\" id=\"summary\"><h2>{E(w.T("Synthèse", "Summary"))}</h2><dl class=\"figures\">");
        foreach (var (label, value) in w.KeyFigures(r))
            h.Append($"<div><dt>{E(label)}</dt><dd>{E(Joined(value))}</dd></div>");
        h.Append("</dl><div class=\"charts\">");
        h.Append(Svg(r.Summary.KpiChart, w));
        h.Append(Svg(r.Summary.BudgetChart, w));
        h.Append("</div></section>");

        foreach (var o in r.Objectives)
            Objective(h, o, w);

        h.Append($"<section class=\"decisions\" id=\"decisions\"><h2>{E(w.T("Arbitrages de la revue", "Review decisions"))}</h2>");
        if (r.Decisions.Count == 0)
            h.Append($"<p class=\"empty\">{E(w.T("Aucun arbitrage consigné sur la période.", "No decision recorded in the period."))}</p>");
        else
            Table(h, w.DecisionHeaders, r.Decisions.Select(d => (w.DecisionCells(d), (string?)null)));
        h.Append("</section>");

        h.Append($"<section class=\"findings\" id=\"findings\"><h2>{E(w.T("Constats d'audit ouverts", "Open audit findings"))}</h2>");
        h.Append($"<p>{E(r.Audit.Summary(r.French) + ".")}</p>");
        if (r.Audit.Findings.Count == 0)
            h.Append($"<p class=\"empty\">{E(w.T("Rien à signaler.", "Nothing found."))}</p>");
        else
            Table(h, w.FindingHeaders, r.Audit.Findings.Select(f => (w.FindingCells(f), (string?)ReportWords.SeverityColour(f.Severity))), colourColumn: 0);
        h.Append("</section>");

        h.Append($"<footer>{E(w.T($"Produit par Pilote le {w.Date(ReportWords.Day(r.GeneratedAt))}", $"Produced by Pilote on {w.Date(ReportWords.Day(r.GeneratedAt))}"))}</footer>");
        h.Append("</body></html>\n");
        return h.ToString();
    }

    private static void Objective(StringBuilder h, ObjectiveSection o, ReportWords w)
    {
        h.Append($"<section class=\"objective\" id=\"objective-{(o.ObjectiveId?.ToString(CultureInfo.InvariantCulture) ?? "none")}\"><h2>{E(o.Title)}</h2>");
        var facts = new List<string>();
        if (o.Target is { } t)
            facts.Add($"{w.T("Cible :", "Target:")} {t}");
        if (o.Deadline is { } d)
            facts.Add($"{w.T("Échéance", "Deadline")} {w.Date(d)}");
        if (o.Owner is { } owner)
            facts.Add($"{w.T("Responsable", "Owner")} {owner}");
        if (facts.Count > 0)
            h.Append($"<p class=\"facts\">{E(string.Join(" · ", facts))}</p>");
        if (o.SmartMissing.Count > 0 && o.ObjectiveId is not null)
            h.Append($"<p class=\"smart\">{E(w.T("Pas SMART : ", "Not SMART: ") + string.Join(", ", o.SmartMissing))}</p>");
        if (o.Headline is { } k)
        {
            h.Append($"<p class=\"headline\"><span class=\"status\" style=\"background:#{ReportWords.StatusColour(k.Status)}\">{E(w.Status(k.Status))}</span> ");
            h.Append(E(w.Headline(k, ", ")));
            h.Append("</p>");
        }
        if (o.Kpis.Count == 0)
            h.Append($"<p class=\"empty\">{E(w.NoKpis(o))}</p>");
        else
            Table(h, w.KpiHeaders, o.Kpis.Select(k => (w.KpiCells(k), (string?)ReportWords.StatusColour(k.Status))), colourColumn: 7, firstValueColumn: 2);
        if (o.Chart is { } chart)
            h.Append($"<div class=\"charts\">{Svg(chart, w)}</div>");
        h.Append("</section>");
    }

    /// <summary>
    /// A value never wraps inside itself: its spaces (the plain one .NET puts before « € » or « % », those of « 2 min 13 s »
    /// or of a target typed « > 1 500 € ») become non-breaking, so a narrow printed column does not leave « € » or « s »
    /// alone on a line. Only « 42 969 € (35,8 %) » may break, before its parenthesis.
    /// </summary>
    internal static string Joined(string text) => Regex.Replace(text, @" (?!\()", "\u00A0");

    private static void Table(StringBuilder h, IReadOnlyList<string> headers, IEnumerable<(IReadOnlyList<string> Cells, string? Colour)> rows, int colourColumn = -1,
        int firstValueColumn = int.MaxValue)
    {
        h.Append("<table><thead><tr>");
        foreach (var c in headers)
            h.Append($"<th>{E(c)}</th>");
        h.Append("</tr></thead><tbody>");
        foreach (var (cells, colour) in rows)
        {
            h.Append("<tr>");
            for (var i = 0; i < cells.Count; i++)
            {
                h.Append(i == colourColumn && colour is not null
                    ? $"<td><span class=\"status\" style=\"background:#{colour}\">{E(cells[i])}</span></td>"
                    : $"<td>{E(i >= firstValueColumn ? Joined(cells[i]) : cells[i])}</td>");
            }
            h.Append("</tr>");
        }
        h.Append("</tbody></table>");
    }

    /// <summary>A horizontal bar chart: one row per category, one bar per series, the value written at the bar's end.</summary>
    internal static string Svg(ReportChart chart, ReportWords w)
    {
        // An empty chart is a title over blank space: say instead what cannot be drawn and why.
        if (chart.Categories.Count == 0)
            return $"<figure class=\"chart chart-empty\"><figcaption class=\"chart-title\">{E(chart.Title)}</figcaption><p class=\"empty\">{E(w.Empty(chart))}</p></figure>";

        const int labelWidth = 280, barArea = 320, valueWidth = 90, rowGap = 10, barHeight = 16, top = 34;
        var seriesCount = chart.Series.Count;
        var rowHeight = (seriesCount * barHeight) + rowGap;
        var legend = seriesCount > 1 ? 22 : 0;
        var height = top + (chart.Categories.Count * rowHeight) + legend + 8;
        var width = labelWidth + barArea + valueWidth;
        var values = chart.Series.SelectMany(s => s.Values).OfType<decimal>().ToList();
        var max = Math.Max(values.Count == 0 ? 0 : values.Max(), chart.Reference ?? 0);
        if (max <= 0)
            max = 1;
        double X(decimal v) => labelWidth + ((double)(Math.Max(0, v) / max) * barArea);
        string N(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

        var s = new StringBuilder();
        s.Append($"<figure class=\"chart\"><svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" aria-label=\"{E(chart.Title)}\">");
        s.Append($"<text x=\"0\" y=\"18\" class=\"chart-title\">{E(chart.Title)}</text>");
        for (var i = 0; i < chart.Categories.Count; i++)
        {
            var y = top + (i * rowHeight);
            s.Append($"<text x=\"{labelWidth - 8}\" y=\"{y + (seriesCount * barHeight / 2) + 4}\" text-anchor=\"end\" class=\"label\">{E(CommitteeReportBuilder.Short(chart.Categories[i], 40))}<title>{E(chart.Categories[i])}</title></text>");
            for (var j = 0; j < seriesCount; j++)
            {
                var series = chart.Series[j];
                if (series.Values[i] is not { } v)
                    continue;
                var by = y + (j * barHeight);
                s.Append($"<rect x=\"{labelWidth}\" y=\"{by + 1}\" width=\"{N(X(v) - labelWidth)}\" height=\"{barHeight - 2}\" fill=\"#{series.PointColours?[i] ?? series.Colour}\"><title>{E(series.Name)} : {E(w.Chart(v, chart.Values))}</title></rect>");
                s.Append($"<text x=\"{N(X(v) + 4)}\" y=\"{by + barHeight - 4}\" class=\"value\">{E(w.Chart(v, chart.Values))}</text>");
            }
        }
        if (chart.Reference is { } reference)
        {
            var x = N(X(reference));
            s.Append($"<line x1=\"{x}\" y1=\"{top - 6}\" x2=\"{x}\" y2=\"{top + (chart.Categories.Count * rowHeight) - rowGap + 4}\" class=\"reference\"/>");
            s.Append($"<text x=\"{x}\" y=\"{top - 9}\" text-anchor=\"middle\" class=\"value\">{E(w.Chart(reference, chart.Values))}</text>");
        }
        if (seriesCount > 1)
        {
            var ly = height - 14;
            var lx = labelWidth;
            foreach (var series in chart.Series)
            {
                s.Append($"<rect x=\"{lx}\" y=\"{ly}\" width=\"12\" height=\"12\" fill=\"#{series.Colour}\"/><text x=\"{lx + 16}\" y=\"{ly + 10}\" class=\"label\">{E(series.Name)}</text>");
                lx += 30 + (series.Name.Length * 7);
            }
        }
        s.Append("</svg></figure>");
        return s.ToString();
    }

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    private const string Css = """
        :root { --navy: #1F3864; --line: #D9D9D9; --soft: #F2F5FA; }
        * { box-sizing: border-box; }
        body { font-family: "Segoe UI", "DejaVu Sans", Arial, sans-serif; color: #222; margin: 0 auto; max-width: 1100px; padding: 24px 32px; line-height: 1.4; }
        .cover { border-bottom: 4px solid var(--navy); margin-bottom: 24px; padding-bottom: 12px; }
        .kicker { color: #548235; font-weight: 600; text-transform: uppercase; letter-spacing: .08em; margin: 0; }
        h1 { color: var(--navy); font-size: 30px; margin: 4px 0; }
        h2 { color: var(--navy); font-size: 21px; border-bottom: 1px solid var(--line); padding-bottom: 4px; margin-top: 32px; }
        .period, .facts { color: #555; margin: 4px 0; }
        .description { max-width: 80ch; }
        .figures { display: grid; grid-template-columns: repeat(3, 1fr); gap: 12px; margin: 0 0 16px; }
        .figures div { background: var(--soft); border-left: 4px solid var(--navy); padding: 8px 12px; }
        .figures dt { font-size: 13px; color: #555; }
        .figures dd { margin: 2px 0 0; font-size: 20px; font-weight: 600; color: var(--navy); }
        .charts { display: flex; flex-wrap: wrap; gap: 16px; }
        .chart { margin: 8px 0; }
        .chart svg { max-width: 100%; height: auto; font-family: inherit; }
        .chart-title { font-size: 14px; font-weight: 600; fill: var(--navy); color: var(--navy); }
        .chart-empty { min-width: 280px; max-width: 480px; }
        .label { font-size: 12px; fill: #333; }
        .value { font-size: 11px; fill: #333; }
        .reference { stroke: #C00000; stroke-width: 1.5; stroke-dasharray: 4 3; }
        table { border-collapse: collapse; width: 100%; font-size: 13px; margin: 8px 0; }
        th { background: var(--navy); color: #fff; text-align: left; padding: 6px 8px; font-weight: 600; }
        td { border-bottom: 1px solid var(--line); padding: 5px 8px; vertical-align: top; }
        tbody tr:nth-child(even) td { background: #FAFBFD; }
        .status { color: #fff; border-radius: 10px; padding: 1px 8px; white-space: nowrap; font-size: 12px; }
        .headline { font-size: 15px; }
        .smart { color: #C55A11; }
        .empty { color: #777; font-style: italic; }
        footer { margin-top: 32px; color: #777; font-size: 12px; border-top: 1px solid var(--line); padding-top: 8px; }
        @page { size: A4 landscape; margin: 12mm; }
        @media print {
          body { max-width: none; padding: 0; }
          section.objective, section.decisions, section.findings { break-before: page; }
          /* The summary on one page: its six figures in one row and its two charts side by side, shrunk (a 690 px chart
             does not fit twice across A4 landscape); the budget chart and an objective's chart each went to a page of their own. */
          .figures { grid-template-columns: repeat(6, 1fr); gap: 8px; }
          .figures dd { font-size: 16px; }
          .charts { flex-wrap: nowrap; }
          .charts .chart { flex: 1 1 0; min-width: 0; }
          section.objective .chart svg { max-width: 520px; }
          tr, .chart, .figures div { break-inside: avoid; }
          th, .status, .figures div, tbody tr:nth-child(even) td { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        }
        """;
}
