using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;
using S = Pilote.Office.Common.WorkbookStyles;

namespace Pilote.Office.Common;

/// <summary>A live formula in a data sheet, with Pilote's value cached.</summary>
public sealed record LiveFormula(string Text, decimal? Cached);

/// <summary>A column of a data sheet: its header, width and the style its values take.</summary>
public sealed record SheetColumn(string Header, double Width, uint Style = S.Text);

/// <summary>
/// A sheet that is one Excel table under a title: header frozen, filters on, rows streamed. Values are typed by their
/// .NET type: text, numbers (int, long, decimal) and dates (DateOnly) become the matching cell kind.
/// </summary>
public static class TableSheet
{
    public const int HeaderRow = 3;

    public static void Write(WorkbookPackage package, DataSheet sheet) =>
        Write(package, sheet.Name, sheet.Table, sheet.Title, sheet.Columns, sheet.Rows);

    public static void Write(WorkbookPackage package, string sheetName, string tableName, string title,
        IReadOnlyList<SheetColumn> columns, IEnumerable<object?[]> rows)
    {
        var part = package.AddSheet(sheetName);
        var table = package.NewTable(part);
        var count = 0;
        using (var s = package.Open(part))
        {
            s.Element(new SheetProperties(new PageSetupProperties { FitToPage = true }));
            s.Element(Plans.KpiDrivenWorkbook.FrozenView(HeaderRow, selected: part.Index == 0));
            s.Element(new SheetFormatProperties { DefaultRowHeight = 15 });
            s.Element(Plans.KpiDrivenWorkbook.ColumnWidths(columns.Select(c => c.Width)));
            s.StartData();
            s.StartRow(1, 26);
            s.Text(1, title, S.Title);
            for (var col = 2; col <= columns.Count; col++)
                s.Empty(col, S.Title);
            s.EndRow();
            s.StartRow(HeaderRow, 30);
            for (var i = 0; i < columns.Count; i++)
                s.Text(i + 1, columns[i].Header, S.Header);
            s.EndRow();
            foreach (var values in rows)
            {
                s.StartRow(HeaderRow + ++count);
                for (var i = 0; i < columns.Count; i++)
                {
                    var style = columns[i].Style;
                    switch (values[i])
                    {
                        case null:
                            s.Empty(i + 1, style);
                            break;
                        case string text:
                            s.Text(i + 1, text, style);
                            break;
                        case DateOnly date:
                            s.Date(i + 1, date, style);
                            break;
                        case int n:
                            s.Number(i + 1, n, style);
                            break;
                        case long n:
                            s.Number(i + 1, n, style);
                            break;
                        case decimal d:
                            s.Number(i + 1, d, style);
                            break;
                        case LiveFormula f:
                            s.Formula(i + 1, f.Text, f.Cached, style);
                            break;
                        case bool b:
                            s.Text(i + 1, b ? "oui" : "non", style);
                            break;
                        default:
                            throw new ArgumentException($"{sheetName}: no cell kind for {values[i]!.GetType().Name}");
                    }
                }
                s.EndRow();
            }
            if (count == 0)
            {
                s.StartRow(HeaderRow + ++count);
                s.EndRow();
            }
            s.EndData();
            s.Element(new MergeCells(new MergeCell { Reference = $"A1:{CellRef.At(columns.Count, 1)}" }) { Count = 1 });
            s.Element(new PageMargins { Left = 0.4, Right = 0.4, Top = 0.5, Bottom = 0.6, Header = 0.3, Footer = 0.3 });
            s.Element(new PageSetup { PaperSize = 9, Orientation = OrientationValues.Landscape, FitToWidth = 1, FitToHeight = 0 });
            s.Element(new TableParts(new TablePart { Id = table.RelationshipId }) { Count = 1 });
        }
        package.Write(table, Plans.KpiDrivenWorkbook.BuildTable(table.Id, tableName,
            [.. columns.Select(c => c.Header)], HeaderRow, HeaderRow + count));
        package.Define("_xlnm.Print_Titles", $"{CellRef.Sheet(sheetName)}!${HeaderRow}:${HeaderRow}", part.Index);
    }
}
