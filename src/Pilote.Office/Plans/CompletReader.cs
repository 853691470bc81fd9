using Pilote.Common;
using Pilote.Office.Common;
using Pilote.Office.Reading;
using Pilote.Plans;

namespace Pilote.Office.Plans;

/// <summary>
/// Reads an edited copy of the complete workbook back into typed rows. Columns are found by their header (row 3), so a
/// person may reorder or hide columns; rows may be added, removed or left blank. Computed columns (réel, atteinte,
/// SMART…) are ignored: Pilote recomputes them.
/// </summary>
public static class CompletReader
{
    /// <summary>True when the workbook is a complete export: its Plan and Actions sheets carry ids.</summary>
    public static bool Recognises(WorkbookReader book) =>
        book.HasSheet(CompletWorkbook.PlanSheet) && book.HasSheet(CompletWorkbook.ActionsSheet) && book.HasSheet(CompletWorkbook.KpisSheet) &&
        Header(book, CompletWorkbook.PlanSheet) is { } h && h.ContainsKey("id") && h.ContainsKey("version");

    /// <summary>
    /// The plan's row, read now, and the other sheets' rows, each streamed from the file when enumerated (the file is
    /// opened again for each pass): a 100 000-action workbook is never held whole. A bad cell throws as its row goes by.
    /// </summary>
    public static PlanSheetRows Read(string path)
    {
        using var book = new WorkbookReader(path);
        var planRow = Table(book, CompletWorkbook.PlanSheet).FirstOrDefault()
            ?? throw new PiloteInputException($"{book.FileName} : feuille Plan, ligne {TableSheet.HeaderRow + 1} : pas de ligne de plan", $"{book.FileName}: sheet Plan, row {TableSheet.HeaderRow + 1}: no plan row");
        var planId = CellParse.Int(planRow.Get("id"), () => planRow.Where("id"))
            ?? throw new PiloteInputException($"{planRow.Where("id")} : l'id du plan est vide", $"{book.FileName}: {planRow.Where("id")}: the plan id is empty");
        var plan = new SheetPlan(CompletWorkbook.PlanSheet, planRow.Number, planId, CellParse.Int(planRow.Get("version"), () => planRow.Where("version")),
            planRow.Get("nom"), planRow.Get("description"), CellParse.Date(planRow.Get("début"), () => planRow.Where("début")),
            CellParse.Date(planRow.Get("fin"), () => planRow.Where("fin")), CellParse.Decimal(planRow.Get("budget"), () => planRow.Where("budget")),
            planRow.Get("devise"), planRow.Get("culture"),
            CellParse.Int(planRow.Get(CompletWorkbook.LastActionHeader), () => planRow.Where(CompletWorkbook.LastActionHeader)),
            CellParse.Int(planRow.Get(CompletWorkbook.LastObjectiveHeader), () => planRow.Where(CompletWorkbook.LastObjectiveHeader)));

        var actions = Stream(path, CompletWorkbook.ActionsSheet, r =>
        {
            var (start, due) = (CellParse.Date(r.Get("début"), () => r.Where("début")), CellParse.Date(r.Get("fin"), () => r.Where("fin")));
            var (budget, spent) = (CellParse.Decimal(r.Get("budget"), () => r.Where("budget")), CellParse.Decimal(r.Get("dépensé"), () => r.Where("dépensé")));
            // The order of CompletWorkbook's printed columns.
            var unchanged = Unchanged(r, r.Get("action"), r.Get("canal_id"), r.Get("canal"), r.Get("type"), r.Get("périodicité"), r.Get("objectif"),
                r.Get("objectifs liés"), r.Get("responsable"), r.Get("équipe"), start, due, r.Get("statut"), budget, spent, r.Get("outils"),
                r.Get("codes de suivi"));
            return new SheetAction(CompletWorkbook.ActionsSheet, r.Number,
                CellParse.Int(r.Get("id"), () => r.Where("id")), CellParse.Int(r.Get("version"), () => r.Where("version")), r.Get("action"),
                r.Get("canal_id"), r.Get("canal"), r.Get("type"), r.Get("périodicité"), r.Get("objectif"), r.Get("responsable"),
                r.Get("équipe"), start, due, r.Get("statut"), budget, spent, r.Get("outils"), r.Get("objectifs liés"), r.Get("codes de suivi"), unchanged);
        });
        var objectives = Stream(path, CompletWorkbook.ObjectivesSheet, r => new SheetObjective(CompletWorkbook.ObjectivesSheet, r.Number,
            CellParse.Int(r.Get("id"), () => r.Where("id")), CellParse.Int(r.Get("version"), () => r.Where("version")), r.Get("énoncé"),
            r.Get("kpi"), CellParse.Decimal(r.Get("base"), () => r.Where("base")), r.Get("cible"),
            CellParse.Date(r.Get("échéance"), () => r.Where("échéance")), r.Get("responsable")));
        var kpis = Stream(path, CompletWorkbook.KpisSheet, r =>
        {
            var actionId = CellParse.Int(r.Get("action_id"), () => r.Where("action_id"));
            var deadline = CellParse.Date(r.Get("échéance"), () => r.Where("échéance"));
            return new SheetKpi(CompletWorkbook.KpisSheet, r.Number,
                CellParse.Int(r.Get("id"), () => r.Where("id")), CellParse.Int(r.Get("version"), () => r.Where("version")),
                actionId, r.Get("action"), r.Get("kpi"), r.Get("cible"), deadline,
                Unchanged(r, actionId, r.Get("action"), r.Get("kpi"), r.Get("cible"), deadline));
        });
        // A copy exported before the comments had their own sheet has none: its comments are left as they are.
        var comments = book.HasSheet(CompletWorkbook.CommentsSheet)
            ? Stream(path, CompletWorkbook.CommentsSheet, r =>
            {
                var actionId = CellParse.Int(r.Get("action_id"), () => r.Where("action_id"));
                var date = CellParse.Date(r.Get("date"), () => r.Where("date"));
                return new SheetComment(CompletWorkbook.CommentsSheet, r.Number, CellParse.Int(r.Get("id"), () => r.Where("id")), actionId,
                    r.Get("action"), date, r.Get("auteur"), r.Get("type"), r.Get("texte"),
                    Unchanged(r, actionId, r.Get("action"), date, r.Get("auteur"), r.Get("type"), r.Get("texte")));
            })
            : null;
        // Every sheet's header is checked now: a workbook missing one is refused before anything is compared.
        foreach (var sheet in new[] { CompletWorkbook.ObjectivesSheet, CompletWorkbook.ActionsSheet, CompletWorkbook.KpisSheet })
            _ = Columns(book, sheet);
        return new PlanSheetRows(plan, actions, objectives, kpis, comments);
    }

    /// <summary>True when the row carries the fingerprint of these values, as read: the person did not edit it.</summary>
    private static bool Unchanged(NamedRow row, params ReadOnlySpan<object?> values) =>
        row.Get(RowPrint.Header) is { } print && row.Get("id") is not null && print == RowPrint.Of(values);

    private static IEnumerable<T> Stream<T>(string path, string sheet, Func<NamedRow, T> row)
    {
        using var book = new WorkbookReader(path);
        foreach (var r in Table(book, sheet))
            yield return row(r);
    }

    /// <summary>A data row with its cells named by the sheet's headers.</summary>
    private sealed record NamedRow(string File, string Sheet, int Number, SheetRow Row, Dictionary<string, int> Columns)
    {
        public string? Get(string header) => Columns.TryGetValue(header, out var i) && Row[i] is { } v && v.Length > 0 ? v : null;

        public string Where(string header) =>
            $"{File}: sheet {Sheet}, row {Number}, column {header}" +
            (Columns.TryGetValue(header, out var i) ? $" ({CellRef.At(i + 1, Number)})" : "");
    }

    private static Dictionary<string, int>? Header(WorkbookReader book, string sheet)
    {
        var header = book.Rows(sheet).FirstOrDefault(r => r.Number == TableSheet.HeaderRow);
        if (header is null)
            return null;
        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Cells.Length; i++)
            if (header.Cells[i] is { Length: > 0 } name)
                columns.TryAdd(name.Trim(), i);
        return columns;
    }

    private static Dictionary<string, int> Columns(WorkbookReader book, string sheet) =>
        Header(book, sheet) ?? throw new PiloteInputException($"{book.FileName} : la feuille {sheet} n'a pas d'en-tête en ligne {TableSheet.HeaderRow}", $"{book.FileName}: sheet {sheet} has no header on row {TableSheet.HeaderRow}");

    private static IEnumerable<NamedRow> Table(WorkbookReader book, string sheet)
    {
        var columns = Columns(book, sheet);
        return book.Rows(sheet).Where(r => r.Number > TableSheet.HeaderRow && !r.IsBlank)
            .Select(r => new NamedRow(book.FileName, sheet, r.Number, r, columns));
    }
}
