using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;
using Pilote.Actions;
using Pilote.Kpis;
using Pilote.Office.Common;
using Pilote.Plans;
using Formats = Pilote.Common.Formats;
using S = Pilote.Office.Common.WorkbookStyles;

namespace Pilote.Office.Plans;

/// <summary>
/// Plan_Action_Marketing_Numerique.xlsx, the source's second workbook: one row per digital lever, filled from the plan's
/// actions on that channel. A lever the plan does not cover stays in the sheet, marked as a gap, with the KPIs the
/// catalog suggests for it: the point of the sheet is to see what is missing.
/// </summary>
public static class NumeriqueWorkbook
{
    public const string TableName = "Leviers";
    public const int HeaderRow = 4;

    /// <summary>The source's seven levers, by channel key, with the source's own labels.</summary>
    public static readonly (string Key, string Fr, string En)[] Levers =
    [
        ("seo", "SEO", "SEO"),
        ("sea", "SEA", "Search ads"),
        ("emailing", "Emailing automation", "Email automation"),
        ("social", "Réseaux sociaux", "Social media"),
        ("content", "Content marketing", "Content marketing"),
        ("influence", "Influence", "Influence"),
        ("ab_testing", "A/B testing & analytics", "A/B testing & analytics"),
    ];

    private static readonly (string Fr, string En, double Width)[] Columns =
    [
        ("Levier digital", "Digital lever", 27),
        ("Actions du plan", "Plan actions", 34),
        ("Objectifs spécifiques", "Specific objectives", 32),
        ("KPIs principaux", "Main KPIs", 30),
        ("Périodicité", "Periodicity", 14),
        ("Responsable", "Owner", 16),
        ("Statut", "Status", 14),
        ("Budget", "Budget", 12),
        ("Dépensé", "Spent", 12),
        ("Couverture", "Coverage", 13),
    ];

    public static string SheetName(bool french) => french ? "Plan numérique" : "Digital plan";
    public static string Covered(bool french) => french ? "Couvert" : "Covered";
    public static string Gap(bool french) => french ? "Non couvert" : "Not covered";

    public static void Write(PlanReport report, IReadOnlyList<CatalogChannel> catalog, Stream output, bool french, DateTimeOffset now)
    {
        var plan = report.Plan;
        var c = Formats.ForReader(french, plan.Culture);
        string T(string fr, string en) => french ? fr : en;
        var headers = Columns.Select(x => french ? x.Fr : x.En).ToList();
        var last = HeaderRow + Levers.Length;

        using var package = new WorkbookPackage(output, plan.Currency);
        var part = package.AddSheet(SheetName(french));
        var table = package.NewTable(part);
        package.Write(table, KpiDrivenWorkbook.BuildTable(table.Id, TableName, headers, HeaderRow, last));

        var byChannel = report.Actions.ToLookup(a => a.Action.Channel?.Key ?? "");
        var others = report.Actions.Where(a => !Levers.Any(l => l.Key == a.Action.Channel?.Key)).ToList();
        var coveredCount = Levers.Count(l => byChannel[l.Key].Any());
        var leverBudget = Levers.Sum(l => byChannel[l.Key].Sum(a => a.Action.PlannedBudget ?? 0m));

        using (var s = package.Open(part))
        {
            s.Element(new SheetProperties(new PageSetupProperties { FitToPage = true }) { TabColor = new TabColor { Rgb = "FF" + S.Green } });
            s.Element(KpiDrivenWorkbook.FrozenView(HeaderRow, selected: true));
            s.Element(new SheetFormatProperties { DefaultRowHeight = 15 });
            s.Element(KpiDrivenWorkbook.ColumnWidths(Columns.Select(x => x.Width)));
            s.StartData();
            s.StartRow(1, 34);
            s.Text(1, T($"Plan d'action marketing numérique — {plan.Name}", $"Digital marketing action plan — {plan.Name}"), S.Title);
            for (var col = 2; col <= Columns.Length; col++)
                s.Empty(col, S.Title);
            s.EndRow();
            s.StartRow(2, 22);
            s.Text(1, T($"Les sept leviers digitaux · {coveredCount} couverts sur {Levers.Length} · situation au {Formats.Date(report.AsOf, c)}",
                $"The seven digital levers · {coveredCount} of {Levers.Length} covered · as of {Formats.Date(report.AsOf, c)}"), S.Subtitle);
            for (var col = 2; col <= Columns.Length; col++)
                s.Empty(col, S.Subtitle);
            s.EndRow();
            s.StartRow(HeaderRow, 30);
            for (var i = 0; i < headers.Count; i++)
                s.Text(i + 1, headers[i], S.Header);
            s.EndRow();

            var row = HeaderRow;
            foreach (var lever in Levers)
            {
                var actions = byChannel[lever.Key].ToList();
                var channel = catalog.FirstOrDefault(x => x.Key == lever.Key);
                WriteLever(s, ++row, french ? lever.Fr : lever.En, actions, channel, french);
            }

            // Live counts over the table: start covering a lever in Excel and they follow.
            var coverage = $"{TableName}[{headers[9]}]";
            Line(s, last + 2, T("Leviers couverts", "Levers covered"), $"COUNTIF({coverage},\"{Covered(french)}\")", coveredCount, S.SummaryCount);
            Line(s, last + 3, T("Leviers non couverts", "Levers not covered"), $"COUNTIF({coverage},\"{Gap(french)}\")", Levers.Length - coveredCount, S.SummaryCount);
            Line(s, last + 4, T("Budget des leviers digitaux", "Digital levers' budget"), $"SUM({TableName}[{headers[7]}])", leverBudget, S.SummaryMoney);
            if (others.Count > 0)
            {
                s.StartRow(last + 6);
                s.Text(1, T($"{Formats.Many(others.Count, "action du plan sur un autre canal ne figure", "actions du plan sur d'autres canaux ne figurent", true)} pas ici : ",
                    $"{Formats.Many(others.Count, "plan action on another channel is", "plan actions on other channels are", false)} not listed here: ")
                    + string.Join(", ", others.Select(a => a.Action.Channel?.Name).Distinct()) + ".", S.Note);
                s.EndRow();
            }
            s.EndData();
            s.Element(new MergeCells(
                new MergeCell { Reference = $"A1:{CellRef.At(Columns.Length, 1)}" },
                new MergeCell { Reference = $"A2:{CellRef.At(Columns.Length, 2)}" },
                new MergeCell { Reference = $"A{last + 6}:{CellRef.At(Columns.Length, last + 6)}" })
            { Count = 3 });
            var priority = 0;
            var gapRange = $"A{HeaderRow + 1}:{CellRef.At(Columns.Length, last)}";
            s.Element(new ConditionalFormatting(new ConditionalFormattingRule(new Formula($"$J{HeaderRow + 1}=\"{Gap(french)}\""))
            { Type = ConditionalFormatValues.Expression, FormatId = S.BadDxf, Priority = ++priority })
            { SequenceOfReferences = new ListValue<StringValue> { InnerText = gapRange } });
            s.Element(new PageMargins { Left = 0.4, Right = 0.4, Top = 0.5, Bottom = 0.6, Header = 0.3, Footer = 0.3 });
            s.Element(new PageSetup { PaperSize = 9, Orientation = OrientationValues.Landscape, FitToWidth = 1, FitToHeight = 0 });
            s.Element(new TableParts(new TablePart { Id = table.RelationshipId }) { Count = 1 });
        }

        package.Define("_xlnm.Print_Titles", $"{CellRef.Sheet(SheetName(french))}!${HeaderRow}:${HeaderRow}", part.Index);
        package.Properties(
            T($"Plan d'action marketing numérique — {plan.Name}", $"Digital marketing action plan — {plan.Name}"),
            T("Les sept leviers digitaux du plan", "The plan's seven digital levers"), plan.Description, now);
    }

    private static void WriteLever(SheetStream s, int row, string label, List<ActionReport> actions, CatalogChannel? channel,
        bool french)
    {
        var covered = actions.Count > 0;
        string? Join(IEnumerable<string?> items) =>
            items.Where(x => !string.IsNullOrWhiteSpace(x)).Distinct().ToList() is { Count: > 0 } list ? string.Join("\n", list) : null;
        var titles = covered ? Join(actions.Select(a => a.Action.Title)) : (french ? "Aucune action : levier non couvert" : "No action: lever not covered");
        var aims = Join(actions.SelectMany(a => a.Action.Objectives.Select(o => o.Objective?.Statement).Prepend(a.Action.Aim)));
        var kpis = covered
            ? Join(actions.SelectMany(a => a.Kpis).Select(k => k.Target is { } t ? $"{k.Name} ({t.Text})" : k.Name))
            : channel is { Kpis.Count: > 0 } ? (french ? "À définir, par exemple : " : "To define, for example: ") + string.Join(", ", channel.Kpis) : null;
        var periodicity = Join(actions.Select(a => a.Action.Periodicity?.Label(french) ?? a.Action.Kind.Label(french)));
        var owners = Join(actions.Select(a => a.Action.Owner));
        var status = Status(actions, french);
        var style = covered ? S.Text : S.Gap;
        var lines = new[] { titles, aims, kpis }.Select((t, i) => KpiDrivenWorkbook.Lines(t, Columns[i + 1].Width * 0.85)).Max();
        s.StartRow(row, Math.Max(lines, 2) * 15 + 3);
        s.Text(1, label, covered ? S.Lever : S.Gap);
        s.Text(2, titles, style);
        s.Text(3, aims, style);
        s.Text(4, kpis, style);
        s.Text(5, periodicity, style);
        s.Text(6, owners, style);
        s.Text(7, status, covered ? S.Centered : S.Gap);
        s.Number(8, actions.Any(a => a.Action.PlannedBudget is not null) ? actions.Sum(a => a.Action.PlannedBudget ?? 0m) : null, S.Money0);
        s.Number(9, covered ? actions.Sum(a => a.Action.Spent) : null, S.Money0);
        s.Text(10, covered ? Covered(french) : Gap(french), covered ? S.Centered : S.Gap);
        s.EndRow();
    }

    private static void Line(SheetStream s, int row, string label, string formula, decimal value, uint style)
    {
        s.StartRow(row, 18);
        s.Text(1, label, S.SummaryLabel);
        s.Formula(2, formula, value, style);
        s.EndRow();
    }

    /// <summary>One status when the lever's actions share it, else each status with its count: "Actif ×2, Prévu".</summary>
    private static string? Status(List<ActionReport> actions, bool french)
    {
        if (actions.Count == 0)
            return "—";
        var groups = actions.GroupBy(a => a.Action.Status).OrderBy(g => g.Key).ToList();
        return groups.Count == 1
            ? groups[0].Key.Label(french)
            : string.Join(", ", groups.Select(g => g.Count() > 1 ? $"{g.Key.Label(french)} ×{g.Count()}" : g.Key.Label(french)));
    }
}
