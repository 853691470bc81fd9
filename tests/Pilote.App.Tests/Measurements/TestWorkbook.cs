using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Pilote.App.Tests.Measurements;

/// <summary>Writes a one-sheet .xlsx as the tools do: text cells inline, numbers (and Excel date serials) as numbers.</summary>
public static class TestWorkbook
{
    public static string Write(string name, params object?[][] rows)
    {
        var folder = Path.Combine(Path.GetTempPath(), "pilote-imports", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        using var doc = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook);
        var workbook = doc.AddWorkbookPart();
        workbook.Workbook = new Workbook();
        var sheetPart = workbook.AddNewPart<WorksheetPart>();
        var data = new SheetData();
        for (var r = 0; r < rows.Length; r++)
        {
            var row = new Row { RowIndex = (uint)(r + 1) };
            for (var c = 0; c < rows[r].Length; c++)
            {
                var reference = $"{(char)('A' + c)}{r + 1}";
                switch (rows[r][c])
                {
                    case null:
                        break;
                    case string text:
                        row.Append(new Cell(new InlineString(new Text(text))) { CellReference = reference, DataType = CellValues.InlineString });
                        break;
                    case var number:
                        row.Append(new Cell(new CellValue(Convert.ToString(number, System.Globalization.CultureInfo.InvariantCulture)!)) { CellReference = reference });
                        break;
                }
            }
            data.Append(row);
        }
        sheetPart.Worksheet = new Worksheet(data);
        workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "Raw Data Report" }));
        workbook.Workbook.Save();
        return path;
    }

    /// <summary>The Excel serial of a day (what a date cell stores).</summary>
    public static int Serial(int year, int month, int day) => new DateOnly(year, month, day).DayNumber - new DateOnly(1899, 12, 30).DayNumber;
}
