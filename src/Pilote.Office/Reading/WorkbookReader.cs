using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Pilote.Common;
using Pilote.Office.Common;

namespace Pilote.Office.Reading;

/// <summary>
/// Reads a workbook row by row with the SDK's SAX-style <see cref="OpenXmlReader"/>: only one row is held at a time, so
/// memory stays flat whatever the row count (the DOM would load the whole sheet). The file passes
/// <see cref="XlsxGuard"/> before the SDK opens it.
/// </summary>
public sealed class WorkbookReader : IDisposable
{
    private readonly SpreadsheetDocument _doc;
    private readonly List<(string Name, string PartId)> _sheets;
    private List<string>? _shared;

    public WorkbookReader(string path, XlsxLimits? limits = null)
    {
        XlsxGuard.Check(path, limits);
        FileName = Path.GetFileName(path);
        try
        {
            _doc = SpreadsheetDocument.Open(path, false);
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or FileFormatException)
        {
            throw new PiloteInputException($"{FileName} : classeur .xlsx illisible ({ex.Message.TrimEnd('.')})", $"{FileName}: not a readable .xlsx workbook ({ex.Message.TrimEnd('.')})");
        }
        var workbook = _doc.WorkbookPart ?? throw new PiloteInputException($"{FileName} : le classeur n'a aucune feuille", $"{FileName}: the workbook has no sheets");
        _sheets = [];
        using (var reader = OpenXmlReader.Create(workbook))
        {
            while (reader.Read())
                if (reader.ElementType == typeof(Sheet) && reader.IsStartElement)
                {
                    var attributes = reader.Attributes;
                    var name = attributes.FirstOrDefault(a => a.LocalName == "name").Value ?? "";
                    var id = attributes.FirstOrDefault(a => a.LocalName == "id").Value ?? "";
                    _sheets.Add((name, id));
                }
        }
    }

    public string FileName { get; }

    public IReadOnlyList<string> SheetNames => [.. _sheets.Select(s => s.Name)];

    public bool HasSheet(string name) => _sheets.Any(s => s.Name == name);

    /// <summary>The non-empty rows of a sheet, streamed in order.</summary>
    public IEnumerable<SheetRow> Rows(string sheet)
    {
        var part = Part(sheet);
        var shared = SharedStrings();
        using var reader = OpenXmlReader.Create(part);
        var next = 1;
        while (reader.Read())
        {
            if (reader.ElementType != typeof(Row) || !reader.IsStartElement)
                continue;
            // One <row> element at a time: bounded by the widest row, never by the sheet.
            var row = (Row)reader.LoadCurrentElement()!;
            var number = (int?)row.RowIndex?.Value ?? next;
            next = number + 1;
            var cells = new List<string?>();
            foreach (var cell in row.Elements<Cell>())
            {
                var column = cell.CellReference?.Value is { } reference ? CellRef.ColumnIndex(reference) : cells.Count;
                while (cells.Count < column)
                    cells.Add(null);
                cells.Add(Text(cell, shared));
            }
            if (cells.Count > 0)
                yield return new SheetRow(number, [.. cells]);
        }
    }

    /// <summary>The merged ranges of a sheet (they follow the sheet data, so this is a second streamed pass).</summary>
    public List<MergedRange> MergedRanges(string sheet)
    {
        var ranges = new List<MergedRange>();
        using var reader = OpenXmlReader.Create(Part(sheet));
        while (reader.Read())
        {
            if (reader.ElementType == typeof(SheetData) && reader.IsStartElement)
            {
                reader.Skip();
                continue;
            }
            if (reader.ElementType != typeof(MergeCell) || !reader.IsStartElement)
                continue;
            var reference = reader.Attributes.FirstOrDefault(a => a.LocalName == "ref").Value;
            if (reference?.Split(':') is [var from, var to])
                ranges.Add(new MergedRange(CellRef.ColumnIndex(from) + 1, CellRef.Row(from), CellRef.ColumnIndex(to) + 1, CellRef.Row(to)));
        }
        return ranges;
    }

    private WorksheetPart Part(string sheet)
    {
        var (_, id) = _sheets.FirstOrDefault(s => s.Name == sheet);
        if (id is null)
            throw new PiloteInputException($"{FileName} : aucune feuille « {sheet} » (feuilles : {string.Join(", ", SheetNames)})", $"{FileName}: no sheet named '{sheet}' (sheets: {string.Join(", ", SheetNames)})");
        return _doc.WorkbookPart!.GetPartById(id) as WorksheetPart
            ?? throw new PiloteInputException($"{FileName} : la feuille « {sheet} » est un graphique, pas un tableau", $"{FileName}: sheet '{sheet}' is a chart sheet, not a table");
    }

    private static string? Text(Cell cell, List<string> shared)
    {
        var type = cell.DataType?.Value;
        if (type == CellValues.InlineString)
            return cell.InlineString is { } inline ? ItemText(inline) : null;
        var raw = cell.CellValue?.Text;
        if (raw is null)
            return null;
        if (type == CellValues.SharedString)
            return int.TryParse(raw, out var index) && index >= 0 && index < shared.Count ? shared[index] : null;
        if (type == CellValues.Boolean)
            return raw == "1" ? "TRUE" : "FALSE";
        return raw;
    }

    // A string item's text is its <t> or the <t> of its runs; phonetic hints (<rPh>) are not part of it.
    private static string ItemText(OpenXmlElement item)
    {
        if (item.GetFirstChild<Text>() is { } plain)
            return plain.Text;
        return string.Concat(item.Elements<Run>().Select(r => r.Text?.Text));
    }

    private List<string> SharedStrings()
    {
        if (_shared is not null)
            return _shared;
        _shared = [];
        if (_doc.WorkbookPart!.SharedStringTablePart is not { } part)
            return _shared;
        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
            if (reader.ElementType == typeof(SharedStringItem) && reader.IsStartElement)
                _shared.Add(ItemText(reader.LoadCurrentElement()!));
        return _shared;
    }

    public void Dispose() => _doc.Dispose();
}
