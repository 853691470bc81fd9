using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Pilote.Office.Common;

namespace Pilote.Office.Tests.Common;

/// <summary>
/// Edits a saved workbook the way a person would in Excel: types text or a number into a cell found by its table
/// header, deletes a row, adds a row under the table. Uses the SDK's DOM, which is fine for test-sized files.
/// </summary>
public sealed class SheetEditor(string path) : IDisposable
{
    private readonly SpreadsheetDocument _doc = SpreadsheetDocument.Open(path, true);

    private Worksheet Sheet(string name)
    {
        var entry = _doc.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == name);
        return ((WorksheetPart)_doc.WorkbookPart.GetPartById(entry.Id!)).Worksheet;
    }

    private int Column(string sheet, string header)
    {
        var row = Sheet(sheet).Descendants<Row>().Single(r => r.RowIndex! == (uint)TableSheet.HeaderRow);
        var sst = _doc.WorkbookPart!.SharedStringTablePart?.SharedStringTable;
        foreach (var c in row.Elements<Cell>())
        {
            var text = c.DataType?.Value == CellValues.SharedString
                ? sst!.ElementAt(int.Parse(c.CellValue!.Text, CultureInfo.InvariantCulture)).InnerText
                : c.InlineString?.InnerText ?? c.CellValue?.Text;
            if (text == header)
                return CellRef.ColumnIndex(c.CellReference!.Value!) + 1;
        }
        throw new InvalidOperationException($"{sheet}: no column '{header}'");
    }

    /// <summary>The row holding this id in the sheet's id column.</summary>
    public int RowOf(string sheet, int id)
    {
        var column = CellRef.Column(Column(sheet, "id"));
        return (int)Sheet(sheet).Descendants<Row>().Single(r => r.Elements<Cell>()
            .Any(c => c.CellReference == column + r.RowIndex && c.CellValue?.Text == id.ToString(CultureInfo.InvariantCulture))).RowIndex!.Value;
    }

    public void SetText(string sheet, int row, string header, string? text) =>
        Put(sheet, row, header, text is null ? null : new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(text)) });

    public void SetNumber(string sheet, int row, string header, double value) =>
        Put(sheet, row, header, new Cell { CellValue = new CellValue(value) });

    public void DeleteRow(string sheet, int row) =>
        Sheet(sheet).Descendants<Row>().Single(r => r.RowIndex! == (uint)row).Remove();

    /// <summary>A new empty row under the last one; returns its number.</summary>
    public int AddRow(string sheet)
    {
        var data = Sheet(sheet).GetFirstChild<SheetData>()!;
        var number = (int)data.Elements<Row>().Max(r => r.RowIndex!.Value) + 1;
        data.Append(new Row { RowIndex = (uint)number });
        return number;
    }

    private void Put(string sheet, int row, string header, Cell? cell)
    {
        var column = Column(sheet, header);
        var reference = CellRef.At(column, row);
        var r = Sheet(sheet).Descendants<Row>().Single(x => x.RowIndex! == (uint)row);
        var existing = r.Elements<Cell>().FirstOrDefault(c => c.CellReference == reference);
        if (cell is null)
        {
            existing?.Remove();
            return;
        }
        cell.CellReference = reference;
        if (existing is not null)
        {
            cell.StyleIndex = existing.StyleIndex;
            existing.InsertAfterSelf(cell);
            existing.Remove();
            return;
        }
        var after = r.Elements<Cell>().FirstOrDefault(c => CellRef.ColumnIndex(c.CellReference!.Value!) + 1 > column);
        if (after is null)
            r.Append(cell);
        else
            after.InsertBeforeSelf(cell);
    }

    public void Dispose() => _doc.Dispose();
}
