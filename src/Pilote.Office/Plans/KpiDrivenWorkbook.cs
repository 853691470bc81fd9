using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;
using Pilote.Actions;
using Pilote.Office.Common;
using Pilote.Plans;
using Pilote.Reviews;
using Pilote.Targets;
using Formats = Pilote.Common.Formats;
using S = Pilote.Office.Common.WorkbookStyles;

namespace Pilote.Office.Plans;

/// <summary>
/// Plan_KPI_Driven_Enhanced.xlsx, the source's first workbook done properly: the action table as a real Excel table,
/// a summary sheet whose formulas count the table live (edit a status, the counts follow), a native chart of actions
/// by status, drop-downs, conditional formatting and an A4 landscape print setup.
/// </summary>
public static class KpiDrivenWorkbook
{
    public const string TableName = "Actions";
    public const int HeaderRow = 4;

    private static readonly (string Fr, string En, double Width)[] Columns =
    [
        ("Activité / Action", "Activity / Action", 34),
        ("Canal", "Channel", 16),
        ("Objectif", "Objective", 30),
        ("KPI principal", "Main KPI", 18),
        ("Cible", "Target", 12),
        ("Réel", "Actual", 12),
        ("% d'atteinte", "% attained", 11),
        ("Début", "Start", 11.5),
        ("Fin", "End", 11.5),
        ("Responsable", "Owner", 14),
        ("Statut", "Status", 12),
        ("Budget", "Budget", 12),
        ("Dépensé", "Spent", 12),
        ("Commentaires & ajustements", "Comments & adjustments", 42),
    ];

    // 1-based positions of the columns the formulas and rules read.
    private const int ColChannel = 2, ColAttainment = 7, ColEnd = 9, ColStatus = 11, ColBudget = 12, ColSpent = 13;

    public static string SheetName(bool french) => french ? "Plan KPI" : "KPI plan";
    public static string SummarySheetName(bool french) => french ? "Synthèse" : "Summary";
    public static string ListsSheetName(bool french) => french ? "Listes" : "Lists";
    public static string DecisionsSheetName(bool french) => french ? "Journal des décisions" : "Decision log";

    /// <summary>The column headers in order, as the table names them.</summary>
    public static IReadOnlyList<string> Headers(bool french) => [.. Columns.Select(c => french ? c.Fr : c.En)];

    public static void Write(PlanReport report, IReadOnlyList<string> channels, Stream output, bool french, DateTimeOffset now,
        IReadOnlyList<DecisionEntry>? decisions = null)
    {
        var plan = report.Plan;
        var c = Formats.ForReader(french, plan.Culture);
        string T(string fr, string en) => french ? fr : en;
        var headers = Headers(french);
        var statuses = Enum.GetValues<ActionStatus>().Select(s => s.Label(french)).ToList();
        var channelList = channels.Count > 0 ? channels : [.. report.Actions.Select(a => a.Action.Channel?.Name ?? "").Distinct()];

        using var package = new WorkbookPackage(output, plan.Currency);
        var planPart = package.AddSheet(SheetName(french));
        var summaryPart = package.AddSheet(SummarySheetName(french));

        var rows = Math.Max(report.Actions.Count, 1);
        var last = HeaderRow + rows;
        var table = package.NewTable(planPart);
        package.Write(table, BuildTable(table.Id, TableName, headers, HeaderRow, last));

        using (var s = package.Open(planPart))
        {
            s.Element(new SheetProperties(new PageSetupProperties { FitToPage = true }) { TabColor = new TabColor { Rgb = "FF" + S.Navy } });
            s.Element(new SheetDimension { Reference = $"A1:{CellRef.At(Columns.Length, last)}" });
            s.Element(FrozenView(HeaderRow, selected: true));
            s.Element(new SheetFormatProperties { DefaultRowHeight = 15 });
            s.Element(ColumnWidths(Columns.Select(x => x.Width)));
            s.StartData();

            s.StartRow(1, 34);
            s.Text(1, T($"Plan d'action KPI-driven — {plan.Name}", $"KPI-driven action plan — {plan.Name}"), S.Title);
            for (var col = 2; col <= Columns.Length; col++)
                s.Empty(col, S.Title);
            s.EndRow();
            s.StartRow(2, 22);
            var budget = plan.Budget is { } b ? " · " + T("budget ", "budget ") + Formats.Money(b, plan.Currency, c) : "";
            s.Text(1, T($"Période du {Formats.Date(plan.Start, c)} au {Formats.Date(plan.End, c)}{budget} · situation au {Formats.Date(report.AsOf, c)} · « Ce qui ne se mesure pas ne s'améliore pas »",
                $"From {Formats.Date(plan.Start, c)} to {Formats.Date(plan.End, c)}{budget} · as of {Formats.Date(report.AsOf, c)}"), S.Subtitle);
            for (var col = 2; col <= Columns.Length; col++)
                s.Empty(col, S.Subtitle);
            s.EndRow();

            s.StartRow(HeaderRow, 32);
            for (var i = 0; i < headers.Count; i++)
                s.Text(i + 1, headers[i], S.Header);
            s.EndRow();

            var row = HeaderRow;
            foreach (var a in report.Actions)
                WriteAction(s, ++row, a, french, c);
            if (report.Actions.Count == 0)
            {
                s.StartRow(++row);
                for (var col = 1; col <= Columns.Length; col++)
                    s.Empty(col, S.Text);
                s.EndRow();
            }
            s.EndData();

            s.Element(new MergeCells(
                new MergeCell { Reference = $"A1:{CellRef.At(Columns.Length, 1)}" },
                new MergeCell { Reference = $"A2:{CellRef.At(Columns.Length, 2)}" })
            { Count = 2 });
            var first = HeaderRow + 1;
            var att = CellRef.At(ColAttainment, first);
            var priority = 0;
            s.Element(Rule($"{CellRef.Column(ColAttainment)}{first}:{CellRef.Column(ColAttainment)}{last}", ref priority,
                ($"AND(ISNUMBER({att}),{att}>=1)", S.GoodDxf),
                ($"AND(ISNUMBER({att}),{att}>=0.8,{att}<1)", S.WarningDxf),
                ($"AND(ISNUMBER({att}),{att}<0.8)", S.BadDxf)));
            // Overdue: the end date is past and the action is neither done nor stopped.
            var end = "$" + CellRef.Column(ColEnd) + first;
            var status = "$" + CellRef.Column(ColStatus) + first;
            s.Element(Rule($"{CellRef.Column(ColEnd)}{first}:{CellRef.Column(ColEnd)}{last}", ref priority,
                ($"AND(ISNUMBER({end}),{end}<TODAY(),{status}<>\"{ActionStatus.Done.Label(french)}\",{status}<>\"{ActionStatus.Stopped.Label(french)}\")", S.OverdueDxf)));
            s.Element(new DataValidations(
                ListValidation($"{CellRef.Column(ColStatus)}{first}:{CellRef.Column(ColStatus)}{last}", "Statuts",
                    T("Statut", "Status"), T("Choisissez un statut de la liste.", "Pick a status from the list.")),
                ListValidation($"{CellRef.Column(ColChannel)}{first}:{CellRef.Column(ColChannel)}{last}", "Canaux",
                    T("Canal", "Channel"), T("Choisissez un canal du catalogue.", "Pick a channel from the catalog.")))
            { Count = 2 });
            s.Element(new PageMargins { Left = 0.4, Right = 0.4, Top = 0.5, Bottom = 0.6, Header = 0.3, Footer = 0.3 });
            s.Element(new PageSetup
            {
                PaperSize = 9, Orientation = OrientationValues.Landscape, FitToWidth = 1, FitToHeight = 0,
            });
            s.Element(new HeaderFooter(new OddFooter($"&L&8{Amp(plan.Name)}&R&8Page &P / &N")));
            s.Element(new TableParts(new TablePart { Id = table.RelationshipId }) { Count = 1 });
        }

        SummarySheet.Write(package, summaryPart, report, french, statuses);
        TableSheet.Write(package, DecisionSheet(decisions ?? [], french));
        var listsPart = package.AddSheet(ListsSheetName(french), hidden: true);
        WriteLists(package, listsPart, statuses, channelList);

        var sheet = CellRef.Sheet(SheetName(french));
        package.Define("_xlnm.Print_Titles", $"{sheet}!${HeaderRow}:${HeaderRow}", planPart.Index);
        var lists = CellRef.Sheet(ListsSheetName(french));
        package.Define("Canaux", $"{lists}!$B$1:$B${Math.Max(channelList.Count, 1)}");
        package.Define("Statuts", $"{lists}!$A$1:$A${statuses.Count}");
        package.Properties(
            T($"Plan d'action KPI-driven — {plan.Name}", $"KPI-driven action plan — {plan.Name}"),
            T("Plan d'action marketing piloté par les KPI", "KPI-driven marketing action plan"),
            plan.Description, now);
    }

    /// <summary>A structured reference to a column of the action table: Actions[% d''atteinte].</summary>
    public static string Column(bool french, int index) => $"{TableName}[{EscapeColumn(Headers(french)[index - 1])}]";

    public static string StatusColumn(bool french) => Column(french, ColStatus);
    public static string BudgetColumn(bool french) => Column(french, ColBudget);
    public static string SpentColumn(bool french) => Column(french, ColSpent);
    public static string AttainmentColumn(bool french) => Column(french, ColAttainment);
    public static string TitleColumn(bool french) => Column(french, 1);

    private static string EscapeColumn(string name) =>
        name.Replace("'", "''").Replace("[", "'[").Replace("]", "']").Replace("#", "'#");

    /// <summary>
    /// The values of an action's row, typed (text, decimal, DateOnly) in column order: what the writer styles, and what
    /// the benchmark's bare writer writes unstyled.
    /// </summary>
    public static object?[] Cells(ActionReport a, bool french, System.Globalization.CultureInfo c)
    {
        var action = a.Action;
        var kpi = a.Kpis.Count > 0 ? a.Kpis[0] : null;
        return
        [
            action.Title, action.Channel?.Name, Aim(action), kpi?.Name, kpi?.Target?.Text,
            AttainmentCell.Actual(kpi), kpi?.Attainment is { } t ? Math.Round(t, 4) : null,
            action.Start, action.Due, action.Owner, action.Status.Label(french), action.PlannedBudget, action.Spent, Comments(action, c),
        ];
    }

    private static string? Aim(PlanAction action)
    {
        if (action.Aim is not null)
            return action.Aim;
        foreach (var o in action.Objectives)
            if (o.Objective?.Statement is { } statement)
                return statement;
        return null;
    }

    private static void WriteAction(SheetStream s, int row, ActionReport a, bool french, System.Globalization.CultureInfo c)
    {
        var action = a.Action;
        var kpi = a.Kpis.Count > 0 ? a.Kpis[0] : null;
        var aim = Aim(action);
        var comments = Comments(action, c);
        var lines = Math.Max(Math.Max(Lines(comments, Columns[13].Width), Lines(action.Title, Columns[0].Width)),
            Math.Max(Math.Max(Lines(action.Channel?.Name, Columns[1].Width), Lines(aim, Columns[2].Width)), Lines(kpi?.Name, Columns[3].Width)));
        s.StartRow(row, lines * 15 + 3);
        s.Text(1, action.Title, S.Text);
        s.Text(2, action.Channel?.Name, S.Text);
        s.Text(3, aim, S.Text);
        s.Text(4, kpi?.Name, S.Text);
        s.Text(5, kpi?.Target?.Text, S.Centered);
        s.Number(6, AttainmentCell.Actual(kpi), kpi is null ? S.Count : S.ForUnit(kpi.Unit, kpi.Actual));
        // Live over Réel (edit it in Excel, the attainment and its colour follow), with Pilote's value cached.
        var attainment = kpi?.Attainment is { } t ? Math.Round(t, 4) : (decimal?)null;
        if (AttainmentCell.Formula(kpi, CellRef.At(6, row)) is { } formula)
            s.Formula(7, formula, attainment, S.Percent0);
        else
            s.Number(7, attainment, S.Percent0);
        s.Date(8, action.Start, S.Date);
        s.Date(9, action.Due, S.Date);
        s.Text(10, action.Owner, S.Text);
        s.Text(11, action.Status.Label(french), S.Centered);
        s.Number(12, action.PlannedBudget, S.Money0);
        s.Number(13, action.Spent, S.Money0);
        s.Text(14, comments, S.Text);
        s.EndRow();
    }

    /// <summary>The review decision log as a table sheet: week, action, recommendation, verdict, reason, who and when.</summary>
    public static DataSheet DecisionSheet(IReadOnlyList<DecisionEntry> decisions, bool french)
    {
        string T(string fr, string en) => french ? fr : en;
        return new DataSheet(DecisionsSheetName(french), "Decisions",
            T("Journal des décisions — les arbitrages des revues hebdomadaires et leurs raisons",
                "Decision log — what the weekly reviews decided, and why"),
        [
            new(T("Semaine", "Week"), 10, S.Centered), new("Action", 34), new(T("Recommandé", "Recommended"), 13, S.Centered),
            new(T("Arbitrage", "Decision"), 18, S.Centered), new(T("Raison", "Reason"), 60), new(T("Par", "By"), 14),
            new(T("Le", "On"), 12, S.Date),
        ],
        decisions.Select(d => new object?[]
        {
            d.Week, d.Action, VerdictWords.Decision(d.Recommended, french), VerdictWords.Say(d.Verdict, d.Chosen, french), d.Reason, d.DecidedBy,
            d.DecidedOn,
        }));
    }

    /// <summary>
    /// How many lines a wrapped text takes in a column. Neither Excel nor LibreOffice fits row heights on open, so the
    /// rows carry a height estimated from the text (a column width counts characters of the digit 0).
    /// </summary>
    internal static int Lines(string? text, double width)
    {
        if (string.IsNullOrEmpty(text))
            return 1;
        var perLine = Math.Max(1, (int)(width * 1.05));
        var lines = 0;
        foreach (var range in text.AsSpan().Split('\n'))
            lines += Math.Max(1, (range.End.GetOffset(text.Length) - range.Start.GetOffset(text.Length) + perLine - 1) / perLine);
        return lines;
    }

    /// <summary>The three latest comments, newest first, each with its date.</summary>
    private static string? Comments(PlanAction action, System.Globalization.CultureInfo c)
    {
        var comments = action.Comments;
        string Line(ActionComment x) => Formats.Date(DateOnly.FromDateTime(x.At.UtcDateTime), c) + " — " + x.Text;
        switch (comments.Count)
        {
            case 0:
                return null;
            case 1:
                // Most actions carry one comment: no sorting, no enumerators (this runs once per row of a large plan).
                return Line(comments[0]);
            default:
                return string.Join("\n", comments.OrderByDescending(x => x.At).Take(3).Select(Line));
        }
    }

    internal static Table BuildTable(uint id, string name, IReadOnlyList<string> headers, int headerRow, int last)
    {
        var reference = $"A{headerRow}:{CellRef.At(headers.Count, last)}";
        var columns = new TableColumns { Count = (uint)headers.Count };
        for (var i = 0; i < headers.Count; i++)
            columns.Append(new TableColumn { Id = (uint)(i + 1), Name = headers[i] });
        return new Table(
            new AutoFilter { Reference = reference },
            columns,
            new TableStyleInfo { Name = "TableStyleLight15", ShowRowStripes = true, ShowColumnStripes = false, ShowFirstColumn = false, ShowLastColumn = false })
        {
            Id = id, Name = name, DisplayName = name, Reference = reference, TotalsRowShown = false,
        };
    }

    private static void WriteLists(WorkbookPackage package, SheetPart part, IReadOnlyList<string> statuses, IReadOnlyList<string> channels)
    {
        using var s = package.Open(part);
        s.StartData();
        for (var i = 0; i < Math.Max(statuses.Count, channels.Count); i++)
        {
            s.StartRow(i + 1);
            if (i < statuses.Count)
                s.Text(1, statuses[i], 0);
            if (i < channels.Count)
                s.Text(2, channels[i], 0);
            s.EndRow();
        }
    }

    internal static SheetViews FrozenView(int headerRow, bool selected)
    {
        var topLeft = $"A{headerRow + 1}";
        return new SheetViews(new SheetView(
            new Pane { VerticalSplit = headerRow, TopLeftCell = topLeft, ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
            new Selection { Pane = PaneValues.BottomLeft, ActiveCell = topLeft, SequenceOfReferences = new ListValue<StringValue> { InnerText = topLeft } })
        { TabSelected = selected, WorkbookViewId = 0, ZoomScale = 90, ZoomScaleNormal = 90 });
    }

    internal static Columns ColumnWidths(IEnumerable<double> widths)
    {
        var columns = new Columns();
        var i = 0u;
        foreach (var width in widths)
        {
            i++;
            // A width of 0 is a column kept for Pilote alone (the complete workbook's row fingerprints): hidden.
            columns.Append(width == 0
                ? new Column { Min = i, Max = i, Width = 8, CustomWidth = true, Hidden = true }
                : new Column { Min = i, Max = i, Width = width, CustomWidth = true });
        }
        return columns;
    }

    private static ConditionalFormatting Rule(string range, ref int priority, params (string Formula, uint Dxf)[] rules)
    {
        var cf = new ConditionalFormatting { SequenceOfReferences = new ListValue<StringValue> { InnerText = range } };
        foreach (var (formula, dxf) in rules)
            cf.Append(new ConditionalFormattingRule(new Formula(formula))
            {
                Type = ConditionalFormatValues.Expression, FormatId = dxf, Priority = ++priority,
            });
        return cf;
    }

    private static DataValidation ListValidation(string range, string listName, string title, string message) =>
        new(new Formula1(listName))
        {
            Type = DataValidationValues.List, AllowBlank = true, ShowErrorMessage = true, ShowInputMessage = false,
            ErrorTitle = title, Error = message,
            SequenceOfReferences = new ListValue<StringValue> { InnerText = range },
        };

    /// <summary>A header/footer treats &amp; as a code: double it in text.</summary>
    private static string Amp(string text) => text.Replace("&", "&&");
}
