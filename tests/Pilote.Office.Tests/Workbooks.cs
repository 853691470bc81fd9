using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;

namespace Pilote.Office.Tests;

/// <summary>Reads back what a workbook holds, cell by cell, the way a test needs to check it.</summary>
public sealed class Workbooks : IDisposable
{
    private readonly SpreadsheetDocument _doc;

    public Workbooks(string path) => _doc = SpreadsheetDocument.Open(path, false);

    public SpreadsheetDocument Document => _doc;

    public static List<string> ValidationErrors(string path)
    {
        using var doc = SpreadsheetDocument.Open(path, false);
        return [.. new OpenXmlValidator(FileFormatVersions.Office2019).Validate(doc)
            .Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}")];
    }

    public IReadOnlyList<string> SheetNames => [.. _doc.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!)];

    public Sheet SheetEntry(string name) => _doc.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == name);

    public WorksheetPart Part(string name) => (WorksheetPart)_doc.WorkbookPart!.GetPartById(SheetEntry(name).Id!);

    public Cell? Cell(string sheet, string reference) =>
        Part(sheet).Worksheet.Descendants<Cell>().FirstOrDefault(c => c.CellReference == reference);

    /// <summary>A cell's text as stored: inline string, shared string or raw value.</summary>
    public string? Text(string sheet, string reference)
    {
        var cell = Cell(sheet, reference);
        if (cell is null)
            return null;
        if (cell.DataType?.Value == CellValues.InlineString)
            return cell.InlineString?.InnerText;
        if (cell.DataType?.Value == CellValues.SharedString)
            return _doc.WorkbookPart!.SharedStringTablePart!.SharedStringTable.ElementAt(int.Parse(cell.CellValue!.Text)).InnerText;
        return cell.CellValue?.Text;
    }

    /// <summary>The number format code a cell is shown with ("dd/mm/yyyy", "0\ %"), or null for General.</summary>
    public string? NumberFormat(Cell cell)
    {
        var styles = _doc.WorkbookPart!.WorkbookStylesPart!.Stylesheet;
        var xf = styles.CellFormats!.Elements<CellFormat>().ElementAt((int)(cell.StyleIndex?.Value ?? 0));
        var id = xf.NumberFormatId?.Value ?? 0;
        if (id == 0)
            return null;
        if (id == 3)
            return "#,##0";
        return styles.NumberingFormats!.Elements<NumberingFormat>().Single(f => f.NumberFormatId! == id).FormatCode!;
    }

    /// <summary>Rows of a sheet as column letter → cell.</summary>
    public List<(int Row, Dictionary<string, Cell> Cells)> Rows(string sheet) =>
        [.. Part(sheet).Worksheet.Descendants<Row>().Select(r => ((int)r.RowIndex!.Value,
            r.Elements<Cell>().ToDictionary(c => new string([.. c.CellReference!.Value!.TakeWhile(char.IsLetter)]))))];

    public void Dispose() => _doc.Dispose();
}
