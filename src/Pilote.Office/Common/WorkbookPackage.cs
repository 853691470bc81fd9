using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Pilote.Office.Common;

/// <summary>
/// An xlsx being written, straight into a zip opened for creation: each part is compressed as it is written and
/// nothing is held back. (The SDK's package opens a seekable stream for update, which keeps every part uncompressed in
/// memory until the end and then compresses it: for a 100 000-row sheet, hundreds of megabytes copied as the buffer
/// doubles, and most of the export's time on a large plan.) Parts go out in the order they are finished; the workbook,
/// its relationships and the content types, which list every part, come last.
/// </summary>
public sealed class WorkbookPackage : IDisposable
{
    internal const string MainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    internal const string RelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string RelType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
    private const string Declaration = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>""";

    // The stylesheet depends only on the currency: built and serialized once per currency, not per export.
    private static readonly ConcurrentDictionary<string, byte[]> StylesByCurrency = new();

    private readonly ZipArchive _zip;
    private readonly List<(string Part, string ContentType)> _parts = [];
    private readonly List<SheetPart> _sheets = [];
    private readonly List<DefinedName> _names = [];
    private int _tables;
    private int _drawings;
    private bool _properties;

    public WorkbookPackage(Stream output, string currency)
    {
        _zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8);
        var styles = StylesByCurrency.GetOrAdd(currency, c => Encoding.UTF8.GetBytes(Declaration + WorkbookStyles.Build(c).OuterXml));
        using var stream = Open("xl/styles.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml");
        stream.Write(styles);
    }

    public SheetPart AddSheet(string name, bool hidden = false)
    {
        var sheet = new SheetPart(this, _sheets.Count + 1, (uint)_sheets.Count, name, hidden);
        _sheets.Add(sheet);
        return sheet;
    }

    /// <summary>Opens the sheet's part: the caller writes its elements in schema order, then disposes the stream.</summary>
    public SheetStream Open(SheetPart sheet) =>
        new(Open(sheet.Path, "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"));

    /// <summary>Reserves a table for a sheet: its id, and the relationship the sheet's tablePart names.</summary>
    public TableRef NewTable(SheetPart sheet)
    {
        var id = (uint)++_tables;
        var path = $"xl/tables/table{id}.xml";
        return new TableRef(id, path, sheet.Relate("table", path));
    }

    /// <summary>Writes a reserved table's definition, once the sheet knows its last row.</summary>
    public void Write(TableRef table, Table definition) =>
        WritePart(table.Path, "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml", definition.OuterXml);

    /// <summary>A chart drawn on a sheet: the chart part, its drawing and the drawing's relationship; returns the
    /// relationship id the sheet's drawing element names. Call it before the sheet is opened.</summary>
    public string AddChart(SheetPart sheet, string chartXml, Func<string, string> anchorXml)
    {
        var n = ++_drawings;
        var chart = $"xl/charts/chart{n}.xml";
        var drawing = $"xl/drawings/drawing{n}.xml";
        WritePart(chart, "application/vnd.openxmlformats-officedocument.drawingml.chart+xml", chartXml);
        WritePart(drawing, "application/vnd.openxmlformats-officedocument.drawing+xml", anchorXml("rId1"));
        WriteRelationships($"xl/drawings/_rels/drawing{n}.xml.rels", [("rId1", RelType + "chart", "/" + chart)]);
        return sheet.Relate("drawing", drawing);
    }

    public void Define(string name, string reference, uint? sheetIndex = null)
    {
        var defined = new DefinedName(reference) { Name = name };
        if (sheetIndex is { } i)
            defined.LocalSheetId = i;
        _names.Add(defined);
    }

    public void Properties(string title, string subject, string? description, DateTimeOffset created)
    {
        var at = created.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ");
        WritePart("docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml",
            $"""<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{Xml(title)}</dc:title><dc:subject>{Xml(subject)}</dc:subject><dc:creator>Pilote</dc:creator><dc:description>{Xml(description ?? "")}</dc:description><cp:keywords>plan d'action; KPI; marketing</cp:keywords><dcterms:created xsi:type="dcterms:W3CDTF">{at}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">{at}</dcterms:modified></cp:coreProperties>""");
        WritePart("docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml",
            """<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Pilote</Application><Company>Pilote</Company></Properties>""");
        _properties = true;
    }

    public static string Xml(string text) => System.Security.SecurityElement.Escape(text) ?? "";

    /// <summary>Writes the workbook part last, once every sheet and name is known. Excel recalculates on open.</summary>
    public void Dispose()
    {
        var sheets = new Sheets();
        foreach (var s in _sheets)
        {
            var sheet = new Sheet { Name = s.Name, SheetId = s.Index + 1, Id = $"rId{s.Index + 1}" };
            if (s.Hidden)
                sheet.State = SheetStateValues.Hidden;
            sheets.Append(sheet);
            if (s.Relationships.Count > 0)
                WriteRelationships($"xl/worksheets/_rels/sheet{s.Index + 1}.xml.rels", s.Relationships);
        }
        var workbook = new Workbook(new BookViews(new WorkbookView { ActiveTab = 0 }), sheets);
        if (_names.Count > 0)
            workbook.Append(new DefinedNames(_names));
        workbook.Append(new CalculationProperties { CalculationId = 191029, FullCalculationOnLoad = true });
        WritePart("xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", workbook.OuterXml);

        var links = _sheets.Select(s => ($"rId{s.Index + 1}", RelType + "worksheet", "/" + s.Path)).ToList();
        links.Add(($"rId{_sheets.Count + 1}", RelType + "styles", "/xl/styles.xml"));
        WriteRelationships("xl/_rels/workbook.xml.rels", links);

        var root = new List<(string, string, string)> { ("rId1", RelType + "officeDocument", "/xl/workbook.xml") };
        if (_properties)
        {
            root.Add(("rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties", "/docProps/core.xml"));
            root.Add(("rId3", RelType + "extended-properties", "/docProps/app.xml"));
        }
        WriteRelationships("_rels/.rels", root);

        var types = new StringBuilder("""<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>""");
        foreach (var (part, type) in _parts.Where(p => p.ContentType.Length > 0))
            types.Append($"""<Override PartName="/{part}" ContentType="{type}"/>""");
        types.Append("</Types>");
        WritePart("[Content_Types].xml", "", types.ToString());
        _zip.Dispose();
    }

    private void WriteRelationships(string path, IEnumerable<(string Id, string Type, string Target)> links)
    {
        var xml = new StringBuilder("""<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">""");
        foreach (var (id, type, target) in links)
            xml.Append($"""<Relationship Id="{id}" Type="{type}" Target="{Xml(target)}"/>""");
        xml.Append("</Relationships>");
        WritePart(path, "", xml.ToString());
    }

    private void WritePart(string path, string contentType, string xml)
    {
        using var stream = Open(path, contentType);
        stream.Write(Encoding.UTF8.GetBytes(xml.StartsWith("<?xml", StringComparison.Ordinal) ? xml : Declaration + xml));
    }

    // Zlib's default level: on a 100 000-row sheet the fastest level saves about a tenth of the time and doubles the file.
    private Stream Open(string path, string contentType)
    {
        if (contentType.Length > 0)
            _parts.Add((path, contentType));
        return _zip.CreateEntry(path, CompressionLevel.Optimal).Open();
    }

    /// <summary>Writes a small XML part (a chart, a drawing) of an SDK package as it stands.</summary>
    public static void Feed(OpenXmlPart part, string xml)
    {
        using var stream = part.GetStream(FileMode.Create);
        using var w = new StreamWriter(stream, new UTF8Encoding(false));
        w.Write(xml);
    }
}

/// <summary>A worksheet of a <see cref="WorkbookPackage"/>: its place, its part and the parts it links to.</summary>
public sealed class SheetPart
{
    internal SheetPart(WorkbookPackage package, int number, uint index, string name, bool hidden)
    {
        Package = package;
        Path = $"xl/worksheets/sheet{number}.xml";
        Index = index;
        Name = name;
        Hidden = hidden;
    }

    internal WorkbookPackage Package { get; }
    public string Path { get; }
    /// <summary>0-based position in the workbook (a defined name's localSheetId).</summary>
    public uint Index { get; }
    public string Name { get; }
    public bool Hidden { get; }
    internal List<(string Id, string Type, string Target)> Relationships { get; } = [];

    internal string Relate(string type, string path)
    {
        var id = $"rId{Relationships.Count + 1}";
        Relationships.Add((id, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/" + type, "/" + path));
        return id;
    }
}

/// <summary>A table reserved for a sheet: written once the sheet's rows are counted.</summary>
public sealed record TableRef(uint Id, string Path, string RelationshipId);
