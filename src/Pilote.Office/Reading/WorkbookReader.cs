using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Pilote.Common;
using Pilote.Office.Common;

namespace Pilote.Office.Reading;

/// <summary>
/// Reads a workbook row by row, SAX-style: a forward-only <see cref="XmlReader"/> over each part's stream, the way the
/// SDK's own <see cref="OpenXmlReader"/> reads underneath, minus the element object it builds for every tag (one per
/// cell and per value: that, and the per-row DOM load, made reading several times slower). Only one row is held at a
/// time, so memory stays flat whatever the row count; the shared-string table is read once per workbook. The file
/// passes <see cref="XlsxGuard"/> before the SDK opens its package.
/// </summary>
public sealed class WorkbookReader : IDisposable
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    };

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
        return Stream(part, shared, sheet);
    }

    // The part's stream opens when the rows are first asked for, and closes with the enumeration.
    private IEnumerable<SheetRow> Stream(WorksheetPart part, List<string> shared, string sheet)
    {
        using var xml = new SheetXml(Open(part), shared, FileName, sheet);
        while (xml.Next() is { } row)
            yield return row;
    }

    /// <summary>The merged ranges of a sheet (they follow the sheet data, so this is a second streamed pass).</summary>
    public List<MergedRange> MergedRanges(string sheet)
    {
        var ranges = new List<MergedRange>();
        using var reader = Open(Part(sheet));
        try
        {
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element)
                    continue;
                if (reader.LocalName == "sheetData")
                {
                    reader.Skip();
                    // Skip leaves the reader on the next node, which may be an element itself.
                    if (reader.NodeType != XmlNodeType.Element)
                        continue;
                }
                if (reader.LocalName != "mergeCell")
                    continue;
                if (reader.GetAttribute("ref")?.Split(':') is [var from, var to])
                    ranges.Add(new MergedRange(CellRef.ColumnIndex(from) + 1, CellRef.Row(from), CellRef.ColumnIndex(to) + 1, CellRef.Row(to)));
            }
        }
        catch (Exception ex) when (ex is XmlException or InvalidDataException)
        {
            throw SheetXml.Unreadable(FileName, sheet, ex);
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

    private static XmlReader Open(OpenXmlPart part) => XmlReader.Create(part.GetStream(FileMode.Open, FileAccess.Read), Settings);

    private List<string> SharedStrings()
    {
        if (_shared is not null)
            return _shared;
        _shared = [];
        if (_doc.WorkbookPart!.SharedStringTablePart is not { } part)
            return _shared;
        using var reader = Open(part);
        try
        {
            while (reader.Read())
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "si")
                    _shared.Add(SheetXml.ItemText(reader));
        }
        catch (Exception ex) when (ex is XmlException or InvalidDataException)
        {
            throw SheetXml.Unreadable(FileName, "sharedStrings", ex);
        }
        return _shared;
    }

    public void Dispose() => _doc.Dispose();
}
