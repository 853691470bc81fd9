using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Pilote.Office.Common;
using Pilote.Office.Plans;
using Pilote.Plans;

namespace Pilote.Benchmarks.Excel;

/// <summary>
/// The floor: the same cells Pilote writes (values from the same functions), through the SDK's OpenXmlWriter in the
/// loop its documentation shows, with no styles, tables, formats, validations, chart or print setup. Also dumps those
/// cells to a text file, the input the Python peers write from.
/// </summary>
public static class BareWriter
{
    public sealed record Sheet(string Name, IEnumerable<(int Row, object?[] Cells)> Rows);

    public static IEnumerable<Sheet> Sheets(string format, PlanReport report, IReadOnlyList<StoredMeasure> measures, IReadOnlyList<DecisionEntry> decisions)
    {
        if (format == "complet")
            return CompletWorkbook.Sheets(report, measures, decisions).Select(Table);
        var c = Pilote.Common.Formats.Culture(report.Plan.Culture);
        var headers = KpiDrivenWorkbook.Headers(true);
        return
        [
            new Sheet(KpiDrivenWorkbook.SheetName(true), Prepend(
                [
                    (1, [$"Plan d'action KPI-driven — {report.Plan.Name}"]),
                    (2, [$"Période du {report.Plan.Start:dd/MM/yyyy} au {report.Plan.End:dd/MM/yyyy} · « Ce qui ne se mesure pas ne s'améliore pas »"]),
                    (KpiDrivenWorkbook.HeaderRow, [.. headers]),
                ],
                report.Actions.Select((a, i) => (KpiDrivenWorkbook.HeaderRow + 1 + i, KpiDrivenWorkbook.Cells(a, true, c))))),
            Table(KpiDrivenWorkbook.DecisionSheet(decisions, true)),
        ];
    }

    private static Sheet Table(DataSheet s) => new(s.Name, Prepend(
        [(1, [s.Title]), (TableSheet.HeaderRow, [.. s.Columns.Select(c => c.Header)])],
        s.Rows.Select((r, i) => (TableSheet.HeaderRow + 1 + i, r))));

    private static IEnumerable<(int, object?[])> Prepend((int, object?[])[] first, IEnumerable<(int, object?[])> rest) => first.Concat(rest);

    public static void Write(IEnumerable<Sheet> sheets, Stream output)
    {
        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbookPart = document.AddWorkbookPart();
        var list = new Sheets();
        uint id = 1;
        foreach (var sheet in sheets)
        {
            var part = workbookPart.AddNewPart<WorksheetPart>();
            list.Append(new DocumentFormat.OpenXml.Spreadsheet.Sheet { Name = sheet.Name, SheetId = id++, Id = workbookPart.GetIdOfPart(part) });
            using var w = OpenXmlWriter.Create(part);
            w.WriteStartElement(new Worksheet());
            w.WriteStartElement(new SheetData());
            foreach (var (row, cells) in sheet.Rows)
            {
                w.WriteStartElement(new Row(), [new OpenXmlAttribute("r", "", row.ToString(CultureInfo.InvariantCulture))]);
                for (var i = 0; i < cells.Length; i++)
                {
                    var reference = CellRef.At(i + 1, row);
                    switch (cells[i] is bool yes ? yes ? "oui" : "non" : cells[i])
                    {
                        case null:
                            break;
                        case string text when text.Length == 0:
                            break;
                        case string text:
                            w.WriteStartElement(new Cell(), [new OpenXmlAttribute("r", "", reference), new OpenXmlAttribute("t", "", "inlineStr")]);
                            w.WriteElement(new InlineString(new Text(text)));
                            w.WriteEndElement();
                            break;
                        case LiveFormula f:
                            w.WriteStartElement(new Cell(), [new OpenXmlAttribute("r", "", reference)]);
                            w.WriteElement(new CellFormula(f.Text));
                            w.WriteElement(new CellValue(Number(f.Cached ?? 0)));
                            w.WriteEndElement();
                            break;
                        default:
                            w.WriteStartElement(new Cell(), [new OpenXmlAttribute("r", "", reference)]);
                            w.WriteElement(new CellValue(Number(cells[i])));
                            w.WriteEndElement();
                            break;
                    }
                }
                w.WriteEndElement();
            }
            w.WriteEndElement();
            w.WriteEndElement();
        }
        workbookPart.Workbook = new Workbook(list);
    }

    private static string Number(object? value) => value switch
    {
        DateOnly d => CellRef.Serial(d).ToString(CultureInfo.InvariantCulture),
        int n => n.ToString(CultureInfo.InvariantCulture),
        long n => n.ToString(CultureInfo.InvariantCulture),
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "1" : "0",
        _ => throw new ArgumentException($"no number for {value}"),
    };

    /// <summary>
    /// One line per row: the row number, then each cell tab-separated as s(text), n(number), d(date serial),
    /// f(formula, \u001f, cached value) or nothing; a line "#\tname" starts a sheet. Tabs, new lines and backslashes in
    /// text are escaped.
    /// </summary>
    public static void Dump(IEnumerable<Sheet> sheets, Stream output)
    {
        using var w = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        var line = new StringBuilder();
        foreach (var sheet in sheets)
        {
            w.Write("#\t");
            w.Write(sheet.Name);
            w.Write('\n');
            foreach (var (row, cells) in sheet.Rows)
            {
                line.Clear().Append(row.ToString(CultureInfo.InvariantCulture));
                foreach (var cell in cells)
                {
                    line.Append('\t');
                    switch (cell)
                    {
                        case null:
                            break;
                        case string text:
                            if (text.Length > 0)
                                line.Append('s').Append(text.Replace("\\", "\\\\").Replace("\t", "\\t").Replace("\n", "\\n").Replace("\r", "\\r"));
                            break;
                        case bool b:
                            line.Append('s').Append(b ? "oui" : "non");
                            break;
                        case DateOnly d:
                            line.Append('d').Append(Number(d));
                            break;
                        case LiveFormula f:
                            line.Append('f').Append(f.Text).Append('\u001f').Append(Number(f.Cached ?? 0));
                            break;
                        default:
                            line.Append('n').Append(Number(cell));
                            break;
                    }
                }
                w.Write(line.Append('\n'));
            }
        }
    }
}
