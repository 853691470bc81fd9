using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Pilote.Actions;
using Pilote.Demo;
using Pilote.Kpis;
using Pilote.Office.Common;
using Pilote.Office.Plans;
using Pilote.Office.Tests.LibreOffice;
using Pilote.Plans;
using Pilote.Targets;
using Pilote.Testing;
using BarChartSeries = DocumentFormat.OpenXml.Drawing.Charts.BarChartSeries;
using NumberReference = DocumentFormat.OpenXml.Drawing.Charts.NumberReference;
using StringReference = DocumentFormat.OpenXml.Drawing.Charts.StringReference;

namespace Pilote.Office.Tests.Plans;

public sealed class KpiDrivenWorkbookTests
{
    private const string PlanSheet = "Plan KPI";
    private const string Summary = "Synthèse";

    private static async Task<(PlanReport Report, string Path)> ExportAsync(TestDatabase db, string planName, string folder)
    {
        var (report, channels) = await DemoPlans.ReportAsync(db, planName);
        List<DecisionEntry> decisions;
        await using (var ctx = db.Open())
            decisions = await App.Plans.PlanExports.DecisionsAsync(ctx, report, default);
        var path = Path.Combine(folder, "Plan_KPI_Driven_Enhanced.xlsx");
        await using (var stream = File.Create(path))
            KpiDrivenWorkbook.Write(report, channels, stream, french: true, DemoPlans.Clock.GetUtcNow(), decisions);
        return (report, path);
    }

    public static TheoryData<string, string> ProvidersAndPlans()
    {
        var data = new TheoryData<string, string>();
        foreach (var provider in ((IEnumerable<object[]>)TestDatabase.Providers).Select(p => (string)p[0]))
            foreach (var plan in new[] { DemoWorkspace.LocalScopeName, DemoWorkspace.MiniCaseName, DemoWorkspace.NutriBoostName })
                data.Add(provider, plan);
        return data;
    }

    [Theory]
    [MemberData(nameof(ProvidersAndPlans))]
    public async Task Every_demo_plan_exports_a_workbook_the_validator_accepts(string provider, string planName)
    {
        await using var db = await DemoPlans.LoadAsync(provider);
        var folder = DemoPlans.Folder();
        var (report, path) = await ExportAsync(db, planName, folder);

        Assert.Empty(Workbooks.ValidationErrors(path));
        using var book = new Workbooks(path);
        Assert.Equal([PlanSheet, Summary, "Journal des décisions", "Listes"], book.SheetNames);
        Assert.Equal(SheetStateValues.Hidden, book.SheetEntry("Listes").State?.Value);
        Assert.Equal($"Plan d'action KPI-driven — {report.Plan.Name}", book.Text(PlanSheet, "A1"));
        Assert.Equal(report.Actions.Count, book.Rows(PlanSheet).Count(r => r.Row > KpiDrivenWorkbook.HeaderRow));
        Directory.Delete(folder, true);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Actions_are_a_filtered_table_with_typed_cells_drop_downs_rules_and_print_setup(string provider)
    {
        await using var db = await DemoPlans.LoadAsync(provider);
        var folder = DemoPlans.Folder();
        var (report, path) = await ExportAsync(db, DemoWorkspace.LocalScopeName, folder);
        using var book = new Workbooks(path);
        var part = book.Part(PlanSheet);
        var last = KpiDrivenWorkbook.HeaderRow + report.Actions.Count;

        // A real table over the header and every action, with its filter, under the headers the user reads.
        var table = Assert.Single(part.TableDefinitionParts).Table;
        Assert.Equal("Actions", table.Name?.Value);
        Assert.Equal($"A4:N{last}", table.Reference?.Value);
        Assert.Equal($"A4:N{last}", table.AutoFilter?.Reference?.Value);
        string[] headers = ["Activité / Action", "Canal", "Objectif", "KPI principal", "Cible", "Réel", "% d'atteinte", "Début", "Fin",
            "Responsable", "Statut", "Budget", "Dépensé", "Commentaires & ajustements"];
        Assert.Equal(headers, table.TableColumns!.Elements<TableColumn>().Select(c => c.Name!.Value));
        Assert.Equal(headers, Enumerable.Range(1, headers.Length).Select(i => book.Text(PlanSheet, CellRef.At(i, 4))));

        // The header stays visible while scrolling and on every printed page.
        var pane = part.Worksheet.Descendants<Pane>().Single();
        Assert.Equal(PaneStateValues.Frozen, pane.State?.Value);
        Assert.Equal(4d, pane.VerticalSplit?.Value);
        var names = book.Document.WorkbookPart!.Workbook.DefinedNames!.Elements<DefinedName>().ToList();
        Assert.Equal("'Plan KPI'!$4:$4", names.Single(n => n.Name == "_xlnm.Print_Titles" && n.LocalSheetId?.Value == 0).Text);
        var setup = part.Worksheet.Descendants<PageSetup>().Single();
        Assert.Equal(9u, setup.PaperSize?.Value); // A4
        Assert.Equal(OrientationValues.Landscape, setup.Orientation?.Value);
        Assert.Equal(1u, setup.FitToWidth?.Value);
        Assert.Equal(0u, setup.FitToHeight?.Value);
        Assert.True(part.Worksheet.Descendants<PageSetupProperties>().Single().FitToPage?.Value);

        // Drop-downs on Statut (K) and Canal (B), from lists that hold every status and the workspace's channels.
        var validations = part.Worksheet.Descendants<DataValidation>().ToDictionary(v => v.SequenceOfReferences!.InnerText!);
        Assert.Equal("Statuts", validations[$"K5:K{last}"].Formula1!.Text);
        Assert.Equal("Canaux", validations[$"B5:B{last}"].Formula1!.Text);
        Assert.Equal(DataValidationValues.List, validations[$"K5:K{last}"].Type?.Value);
        Assert.Equal("'Listes'!$A$1:$A$7", names.Single(n => n.Name == "Statuts").Text);
        Assert.Equal(["Prévu", "À lancer", "En cours", "Actif", "En pause", "Terminé", "Abandonné"],
            Enumerable.Range(1, 7).Select(i => book.Text("Listes", $"A{i}")));
        var channels = Enumerable.Range(1, 40).Select(i => book.Text("Listes", $"B{i}")).Where(t => t is not null).ToList();
        Assert.Contains("SEA", channels);
        Assert.All(report.Actions, a => Assert.Contains(a.Action.Channel!.Name, channels));

        // Conditional formatting: attainment (three bands) and overdue end dates.
        var rules = part.Worksheet.Elements<ConditionalFormatting>().ToDictionary(c => c.SequenceOfReferences!.InnerText!);
        Assert.Equal(3, rules[$"G5:G{last}"].Elements<ConditionalFormattingRule>().Count());
        Assert.Contains("TODAY()", rules[$"I5:I{last}"].Descendants<Formula>().Single().Text);

        // Amounts, percentages and dates are typed numbers with French formats, never text.
        Assert.Contains(report.Actions, a => a.Kpis.FirstOrDefault() is { Unit: KpiUnit.Seconds, Actual: not null });
        for (var i = 0; i < report.Actions.Count; i++)
        {
            var row = KpiDrivenWorkbook.HeaderRow + 1 + i;
            var a = report.Actions[i];
            Assert.Equal(a.Action.Title, book.Text(PlanSheet, $"A{row}"));
            Assert.Equal(a.Action.Status.Label(), book.Text(PlanSheet, $"K{row}"));
            AssertNumber(book, $"L{row}", a.Action.PlannedBudget, "€");
            AssertNumber(book, $"M{row}", a.Action.Spent, "€");
            AssertNumber(book, $"H{row}", a.Action.Start is { } s ? CellRef.Serial(s) : null, "dd/mm/yyyy");
            AssertNumber(book, $"I{row}", a.Action.Due is { } d ? CellRef.Serial(d) : null, "dd/mm/yyyy");
            var kpi = a.Kpis.FirstOrDefault();
            AssertNumber(book, $"G{row}", kpi?.Attainment is { } t ? Math.Round(t, 4) : null, "%");
            // A duration is a typed day fraction with a duration format: « 2 min 13 s » as Pilote says, not « 133 s ».
            if (kpi is { Unit: KpiUnit.Seconds, Actual: { } seconds })
                AssertNumber(book, $"F{row}", Math.Round(seconds, 10) / 86_400m, "[m]\\ \"min\"\\ ss\\ \"s\"");
            Assert.Equal(kpi?.Target?.Text, book.Text(PlanSheet, $"E{row}"));
        }

        // The chart reads the live counts of the summary sheet.
        var chart = Assert.Single(book.Part(Summary).DrawingsPart!.ChartParts);
        var series = chart.ChartSpace.Descendants<BarChartSeries>().Single();
        Assert.Equal("'Synthèse'!$B$6:$B$12", series.Descendants<NumberReference>().Single().Formula!.Text);
        Assert.Equal("'Synthèse'!$A$6:$A$12", series.Descendants<StringReference>().Single().Formula!.Text);

        // Document properties.
        var core = book.Document.PackageProperties;
        Assert.Equal($"Plan d'action KPI-driven — {report.Plan.Name}", core.Title);
        Assert.Equal("Pilote", core.Creator);
        Directory.Delete(folder, true);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task LibreOffice_computes_the_summary_and_each_attainment_to_pilote_numbers_also_after_a_status_or_an_actual_is_edited(string provider)
    {
        await using var db = await DemoPlans.LoadAsync(provider);
        var folder = DemoPlans.Folder();
        var (report, path) = await ExportAsync(db, DemoWorkspace.LocalScopeName, folder);
        var rows = report.Actions.Select((a, i) => (Report: a, Row: KpiDrivenWorkbook.HeaderRow + 1 + i)).ToList();

        // Edits a user makes in the sheet: one live action is done, one budget grows, and three Réel cells change: a
        // higher-better KPI reaches 125 % of its target, a lower-better one (a CPL) costs twice its ceiling, a duration
        // (« Temps moyen par page », > 2 min) is now 1 min 30 s.
        var finished = rows.First(r => r.Report.Action.Status == ActionStatus.Live);
        var budgeted = rows.First(r => r.Report.Action.PlannedBudget is not null);
        var reached = rows.First(r => r.Report.Kpis.FirstOrDefault() is { Attainment: < 1m, Unit: not KpiUnit.Seconds, Target.Comparator: Comparator.AtLeast or Comparator.GreaterThan });
        var costly = rows.First(r => r.Report.Kpis.FirstOrDefault() is { Attainment: not null, Target.Comparator: Comparator.AtMost or Comparator.LessThan });
        var timed = rows.First(r => r.Report.Kpis.FirstOrDefault() is { Attainment: >= 1m, Unit: KpiUnit.Seconds });
        var attained = Attainments(rows);
        var editedAttainment = new Dictionary<string, decimal?>(attained)
        {
            [$"G{reached.Row}"] = 1.25m,
            [$"G{costly.Row}"] = 0.5m,
            [$"G{timed.Row}"] = 90m / timed.Report.Kpis[0].Target!.Value,
        };
        var expected = Expected(report);
        var edited = new Dictionary<string, decimal>(expected)
        {
            ["Actif"] = expected["Actif"] - 1,
            ["Terminé"] = expected["Terminé"] + 1,
            ["Budget prévu"] = expected["Budget prévu"] + 1000m,
        };
        // As many KPIs met: one more (125 %), one less (the duration, 90 s for more than 2 min).
        edited["Part des KPI atteints"] = expected["Part des KPI atteints"];

        var (before, after) = await LibreOfficeRunner.RecalculateAsync(path,
            $"{PlanSheet}!K{finished.Row}=Terminé",
            $"{PlanSheet}!L{budgeted.Row}={(budgeted.Report.Action.PlannedBudget!.Value + 1000m).ToString(CultureInfo.InvariantCulture)}",
            $"{PlanSheet}!F{reached.Row}={Invariant(reached.Report.Kpis[0].Target!.Value * 1.25m)}",
            $"{PlanSheet}!F{costly.Row}={Invariant(costly.Report.Kpis[0].Target!.Value * 2m)}",
            $"{PlanSheet}!F{timed.Row}={Invariant(90m / 86_400m)}");

        using var book = new Workbooks(path);
        AssertFormulas(book, before, expected, attained);
        AssertFormulas(book, after, edited, editedAttainment);
        Directory.Delete(folder, true);
    }

    [Fact]
    public async Task The_workbook_renders_through_LibreOffice_on_landscape_pages()
    {
        await using var db = await DemoPlans.LoadAsync("sqlite");
        await using (var ctx = db.Open())
        {
            var plan = await PlanLoader.FindAsync(ctx, DemoWorkspace.LocalScopeName);
            var sea = await ctx.Actions.SingleAsync(a => a.PlanId == plan.Id && a.Title.StartsWith("Campagne Google Ads"));
            await new Reviews.ReviewService(ctx, DemoPlans.Clock).DecideAsync(plan.Id, new DateOnly(2026, 11, 9), sea.Id, "change", "adjust",
                "On garde les requêtes de marque, on coupe le générique", "Salma", true);
        }
        var folder = DemoPlans.Folder();
        var (_, path) = await ExportAsync(db, DemoWorkspace.LocalScopeName, folder);

        var pages = await LibreOfficeRunner.RenderPngAsync(path, folder);

        // The action table fits one page wide and long, the summary with its chart the second, the decision log the third.
        Assert.Equal(3, pages.Count);
        // Kept for a person to look at: the last rendering of the demo plan.
        var keep = Path.Combine(Path.GetTempPath(), "pilote-render");
        Directory.CreateDirectory(keep);
        foreach (var page in pages)
            File.Copy(page, Path.Combine(keep, Path.GetFileName(page)), overwrite: true);
        foreach (var (page, i) in pages.Select((p, i) => (p, i)))
        {
            var (width, height) = PngSize(page);
            Assert.True(width > height, $"{page} is {width}×{height}: not landscape");
            // The decision log holds one line: a title, a header and a row.
            Assert.True(new FileInfo(page).Length > (i < 2 ? 20_000 : 8_000), $"{page} looks empty ({new FileInfo(page).Length} bytes)");
        }
        Directory.Delete(folder, true);
    }

    /// <summary>Pilote's own numbers for each summary line, by its label.</summary>
    private static Dictionary<string, decimal> Expected(PlanReport report)
    {
        var expected = new Dictionary<string, decimal> { ["Total des actions"] = report.Summary.Actions };
        foreach (var (status, count) in report.Summary.ByStatus)
            expected[status.Label()] = count;
        expected["Budget prévu"] = report.Summary.Budget;
        expected["Budget dépensé"] = report.Summary.Spent;
        var principal = report.Actions.Select(a => a.Kpis.FirstOrDefault()).Where(k => k?.Attainment is not null).ToList();
        expected["KPI principaux mesurés"] = principal.Count;
        expected["Part des KPI atteints"] = principal.Count == 0 ? 0 : (decimal)principal.Count(k => k!.Status == KpiStatus.Met) / principal.Count;
        return expected;
    }

    /// <summary>Pilote's attainment of each row's main KPI, by its « % d'atteinte » cell, for the rows whose target gives one.</summary>
    private static Dictionary<string, decimal?> Attainments(IEnumerable<(ActionReport Report, int Row)> rows) =>
        rows.Where(r => r.Report.Kpis.FirstOrDefault()?.Target is not null).ToDictionary(r => $"G{r.Row}", r => r.Report.Kpis[0].Attainment);

    private static string Invariant(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static void AssertFormulas(Workbooks book, List<FormulaCell> cells, Dictionary<string, decimal> expected,
        Dictionary<string, decimal?> attainment)
    {
        // « % d'atteinte » is a formula over Réel on every row with a target; no value (an empty Réel) is no number.
        var rows = cells.Where(c => c.Sheet == PlanSheet).ToList();
        foreach (var cell in rows)
        {
            Assert.True(cell.Error == 0, $"{cell.Cell} {cell.Formula}: error {cell.Error}");
            if (attainment[cell.Cell] is not { } want)
                Assert.Equal("", cell.Text);
            else
                Assert.True(Math.Abs((double)want - cell.Value) < 1e-4, $"{cell.Cell}: LibreOffice computes {cell.Value} with {cell.Formula}, Pilote says {want}");
        }
        Assert.Equal(attainment.Keys.Order(), rows.Select(c => c.Cell).Order());
        var seen = new HashSet<string>();
        foreach (var cell in cells.Except(rows))
        {
            Assert.Equal(Summary, cell.Sheet);
            Assert.True(cell.Error == 0, $"{cell.Cell} {cell.Formula}: error {cell.Error}");
            var label = book.Text(Summary, "A" + cell.Cell[1..])!;
            Assert.True(expected.ContainsKey(label), $"{cell.Cell} ({label}) has a formula Pilote has no number for");
            Assert.True(Math.Abs((double)expected[label] - cell.Value) < 1e-6,
                $"{label}: LibreOffice computes {cell.Value} with {cell.Formula}, Pilote says {expected[label]}");
            seen.Add(label);
        }
        Assert.Equal(expected.Keys.Order(), seen.Order());
    }

    private static void AssertNumber(Workbooks book, string reference, decimal? expected, string format)
    {
        var cell = book.Cell(PlanSheet, reference);
        Assert.NotNull(cell);
        if (expected is null)
        {
            Assert.Null(cell.CellValue);
            return;
        }
        Assert.Null(cell.DataType); // a number, not a string
        Assert.Equal(expected.Value, decimal.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture));
        Assert.Contains(format, book.NumberFormat(cell) ?? "General");
    }

    private static (int Width, int Height) PngSize(string path)
    {
        var header = new byte[24];
        using (var f = File.OpenRead(path))
            f.ReadExactly(header);
        return ((header[16] << 24) | (header[17] << 16) | (header[18] << 8) | header[19],
            (header[20] << 24) | (header[21] << 16) | (header[22] << 8) | header[23]);
    }
}
