using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;
using Pilote.Actions;
using Pilote.Office.Common;
using Pilote.Plans;
using Pilote.Targets;
using S = Pilote.Office.Common.WorkbookStyles;

namespace Pilote.Office.Plans;

/// <summary>
/// The "zone synthèse": live formulas over the action table (counts by status, budget, share of KPIs met) with
/// Pilote's own numbers cached, and the native chart of actions by status that reads those formulas.
/// </summary>
internal static class SummarySheet
{
    private const int FirstStatusRow = 6;

    public static void Write(WorkbookPackage package, SheetPart part, PlanReport report, bool french,
        IReadOnlyList<string> statuses)
    {
        string T(string fr, string en) => french ? fr : en;
        var principal = report.Actions.Select(a => a.Kpis.FirstOrDefault()).Where(k => k is not null).Select(k => k!).ToList();
        var measured = principal.Count(k => k.Attainment is not null);
        var met = principal.Count(k => k.Attainment is not null && k.Status == KpiStatus.Met);
        var lastStatusRow = FirstStatusRow + statuses.Count - 1;
        var budgetRow = lastStatusRow + 1;
        var measuredRow = budgetRow + 2;

        var sheet = CellRef.Sheet(KpiDrivenWorkbook.SummarySheetName(french));
        var counts = Enum.GetValues<ActionStatus>().Select(s => report.Summary.ByStatus[s]).ToList();
        var drawing = package.AddChart(part,
            StatusChart.Xml(T("Actions par statut", "Actions by status"),
                $"{sheet}!$A${FirstStatusRow}:$A${lastStatusRow}", $"{sheet}!$B${FirstStatusRow}:$B${lastStatusRow}", statuses, counts),
            chart => StatusChart.Anchor(chart, 3, 2, 11, 21));

        using var s = package.Open(part);
        s.Element(new SheetProperties(new PageSetupProperties { FitToPage = true }) { TabColor = new TabColor { Rgb = "FF" + S.Green } });
        s.Element(new SheetViews(new SheetView { WorkbookViewId = 0, ShowGridLines = false }));
        s.Element(new SheetFormatProperties { DefaultRowHeight = 15 });
        s.Element(KpiDrivenWorkbook.ColumnWidths([30, 16, 3]));
        s.StartData();
        s.StartRow(1, 30);
        s.Text(1, T($"Synthèse — {report.Plan.Name}", $"Summary — {report.Plan.Name}"), S.Title);
        for (var col = 2; col <= 12; col++)
            s.Empty(col, S.Title);
        s.EndRow();
        s.StartRow(2, 20);
        s.Text(1, T("Formules en direct sur le tableau des actions : changez un statut, la synthèse suit.",
            "Live formulas over the action table: change a status and the summary follows."), S.Subtitle);
        for (var col = 2; col <= 12; col++)
            s.Empty(col, S.Subtitle);
        s.EndRow();
        s.StartRow(4, 20);
        s.Text(1, T("Indicateur", "Indicator"), S.Header);
        s.Text(2, T("Valeur", "Value"), S.Header);
        s.EndRow();

        var status = KpiDrivenWorkbook.StatusColumn(french);
        Line(s, 5, T("Total des actions", "Actions in total"), $"COUNTA({KpiDrivenWorkbook.TitleColumn(french)})", report.Summary.Actions, S.SummaryCount);
        for (var i = 0; i < statuses.Count; i++)
            Line(s, FirstStatusRow + i, statuses[i], $"COUNTIF({status},A{FirstStatusRow + i})", counts[i], S.SummaryCount);
        Line(s, budgetRow, T("Budget prévu", "Planned budget"), $"SUM({KpiDrivenWorkbook.BudgetColumn(french)})", report.Summary.Budget, S.SummaryMoney);
        Line(s, budgetRow + 1, T("Budget dépensé", "Budget spent"), $"SUM({KpiDrivenWorkbook.SpentColumn(french)})", report.Summary.Spent, S.SummaryMoney);
        var attainment = KpiDrivenWorkbook.AttainmentColumn(french);
        Line(s, measuredRow, T("KPI principaux mesurés", "Main KPIs measured"), $"COUNT({attainment})", measured, S.SummaryCount);
        Line(s, measuredRow + 1, T("Part des KPI atteints", "Share of KPIs met"),
            $"IF(B{measuredRow}=0,0,COUNTIF({attainment},\">=1\")/B{measuredRow})",
            measured == 0 ? 0 : Math.Round((decimal)met / measured, 6), S.SummaryPercent);
        s.StartRow(measuredRow + 3);
        s.Text(1, T("Un KPI est atteint quand son % d'atteinte est d'au moins 100 %. Les montants sont en ",
            "A KPI is met when its attainment is at least 100 %. Amounts in ") + report.Plan.Currency + ".", S.Note);
        s.EndRow();
        s.EndData();
        s.Element(new MergeCells(
            new MergeCell { Reference = "A1:L1" }, new MergeCell { Reference = "A2:L2" },
            new MergeCell { Reference = $"A{measuredRow + 3}:B{measuredRow + 3}" })
        { Count = 3 });
        s.Element(new PageMargins { Left = 0.4, Right = 0.4, Top = 0.5, Bottom = 0.6, Header = 0.3, Footer = 0.3 });
        s.Element(new PageSetup { PaperSize = 9, Orientation = OrientationValues.Landscape, FitToWidth = 1, FitToHeight = 0 });
        s.Element(new Drawing { Id = drawing });
    }

    private static void Line(SheetStream s, int row, string label, string formula, decimal value, uint style)
    {
        s.StartRow(row, 18);
        s.Text(1, label, S.SummaryLabel);
        s.Formula(2, formula, value, style);
        s.EndRow();
    }
}
