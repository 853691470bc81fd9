using System.Collections.Concurrent;
using System.IO.Packaging;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Ap = DocumentFormat.OpenXml.ExtendedProperties;

namespace Pilote.Office.Common;

/// <summary>
/// An xlsx being written through System.IO.Packaging (the package layer under the SDK) opened write-only: its zip is in
/// creation mode, so each part is compressed as it is written and nothing is held back; the package writes the content
/// types, the relationship parts and the core properties itself when it closes. Parts go out one at a time, in the
/// order they are written; the workbook part, which lists every sheet and name, comes last.
/// </summary>
/// <remarks>
/// Not <see cref="SpreadsheetDocument"/>: <c>SpreadsheetDocument.Create</c> on a seekable stream opens its zip in update
/// mode, which keeps every part uncompressed in memory until <c>Dispose</c> (hundreds of megabytes, and most of the
/// time, for a 100 000-row sheet). Tried on a package opened write-only (<c>Package.Open(stream, FileMode.Create,
/// FileAccess.Write)</c>, then <c>SpreadsheetDocument.Create(package, …)</c>): <c>AddWorkbookPart</c> throws "Cannot
/// retrieve parts of writeonly container", because the SDK reads the package's relationships to add any part (the
/// SDK's issue 1809, closed as by design). So the parts are the package's own, each written by
/// <see cref="OpenXmlWriter"/>: a 100 000-row sheet written so stays at the same peak memory as a 10 000-row one.
/// A zip in creation mode takes one entry at a time and closes an entry, empty, as soon as the next is created: a part
/// is therefore created only when its content is ready (the workbook last), and relationships, which the package
/// writes at the end, are added once their targets are known.
/// </remarks>
public sealed class WorkbookPackage : IDisposable
{
    private const string RelType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
    private const string Styles = "/xl/styles.xml";

    // The stylesheet depends only on the currency: built and serialized once per currency, not per export.
    private static readonly ConcurrentDictionary<string, byte[]> StylesByCurrency = new();

    private readonly Package _package;
    private readonly List<SheetPart> _sheets = [];
    private readonly List<DefinedName> _names = [];
    private int _tables;
    private int _drawings;
    private bool _properties;

    public WorkbookPackage(Stream output, string currency)
    {
        _package = Package.Open(output, FileMode.Create, FileAccess.Write);
        var styles = StylesByCurrency.GetOrAdd(currency, c => Serialize(WorkbookStyles.Build(c)));
        using var stream = Create(Styles, "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml").GetStream(FileMode.Create, FileAccess.Write);
        stream.Write(styles);
    }

    public SheetPart AddSheet(string name, bool hidden = false)
    {
        var sheet = new SheetPart(this, _sheets.Count + 1, (uint)_sheets.Count, name, hidden);
        _sheets.Add(sheet);
        return sheet;
    }

    /// <summary>Creates the sheet's part: the caller writes its elements in schema order, then disposes the stream.
    /// No other part may be written meanwhile.</summary>
    public SheetStream Open(SheetPart sheet)
    {
        sheet.Part = Create("/" + sheet.Path, "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml");
        return new(sheet.Part.GetStream(FileMode.Create, FileAccess.Write));
    }

    /// <summary>Reserves a table for a sheet: its id, and the relationship the sheet's tablePart names.</summary>
    public TableRef NewTable(SheetPart sheet)
    {
        var id = (uint)++_tables;
        var path = $"xl/tables/table{id}.xml";
        return new TableRef(id, path, sheet.Relate("table", path));
    }

    /// <summary>Writes a reserved table's definition, once the sheet knows its last row.</summary>
    public void Write(TableRef table, Table definition) =>
        Write(Create("/" + table.Path, "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"), definition);

    /// <summary>A chart drawn on a sheet: the chart part, its drawing and the drawing's relationship; returns the
    /// relationship id the sheet's drawing element names. Call it before the sheet is opened.</summary>
    public string AddChart(SheetPart sheet, string chartXml, Func<string, string> anchorXml)
    {
        var n = ++_drawings;
        var chart = Create($"/xl/charts/chart{n}.xml", "application/vnd.openxmlformats-officedocument.drawingml.chart+xml");
        Write(chart, chartXml);
        var drawing = Create($"/xl/drawings/drawing{n}.xml", "application/vnd.openxmlformats-officedocument.drawing+xml");
        Write(drawing, anchorXml("rId1"));
        drawing.CreateRelationship(chart.Uri, TargetMode.Internal, RelType + "chart", "rId1");
        return sheet.Relate("drawing", drawing.Uri.OriginalString[1..]);
    }

    public void Define(string name, string reference, uint? sheetIndex = null)
    {
        var defined = new DefinedName(reference) { Name = name };
        if (sheetIndex is { } i)
            defined.LocalSheetId = i;
        _names.Add(defined);
    }

    /// <summary>The document's properties: the core ones are the package's own, the extended ones the SDK's element.</summary>
    public void Properties(string title, string subject, string? description, DateTimeOffset created)
    {
        var core = _package.PackageProperties;
        core.Title = title;
        core.Subject = subject;
        core.Creator = "Pilote";
        core.Description = description ?? "";
        core.Keywords = "plan d'action; KPI; marketing";
        core.Created = created.UtcDateTime;
        core.Modified = created.UtcDateTime;
        var app = Create("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml");
        Write(app, new Ap.Properties(new Ap.Application("Pilote"), new Ap.Company("Pilote")));
        _properties = true;
    }

    /// <summary>Writes the workbook part last, once every sheet and name is known, then closes the package (relationships,
    /// content types, core properties). Excel recalculates on open.</summary>
    public void Dispose()
    {
        var sheets = new Sheets();
        foreach (var s in _sheets)
        {
            var sheet = new Sheet { Name = s.Name, SheetId = s.Index + 1, Id = $"rId{s.Index + 1}" };
            if (s.Hidden)
                sheet.State = SheetStateValues.Hidden;
            sheets.Append(sheet);
            var part = s.Part ?? throw new InvalidOperationException($"sheet {s.Name} was never written");
            foreach (var (id, type, target) in s.Relationships)
                part.CreateRelationship(new Uri("/" + target, UriKind.Relative), TargetMode.Internal, type, id);
        }
        var workbook = new Workbook(new BookViews(new WorkbookView { ActiveTab = 0 }), sheets);
        if (_names.Count > 0)
            workbook.Append(new DefinedNames(_names));
        workbook.Append(new CalculationProperties { CalculationId = 191029, FullCalculationOnLoad = true });
        var main = Create("/xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml");
        Write(main, workbook);
        foreach (var s in _sheets)
            main.CreateRelationship(s.Part!.Uri, TargetMode.Internal, RelType + "worksheet", $"rId{s.Index + 1}");
        main.CreateRelationship(new Uri(Styles, UriKind.Relative), TargetMode.Internal, RelType + "styles", $"rId{_sheets.Count + 1}");
        _package.CreateRelationship(main.Uri, TargetMode.Internal, RelType + "officeDocument", "rId1");
        if (_properties)
            _package.CreateRelationship(new Uri("/docProps/app.xml", UriKind.Relative), TargetMode.Internal, RelType + "extended-properties", "rId3");
        _package.Close();
    }

    // Zlib's default level (Normal): on a 100 000-row sheet the fastest level saves about a tenth of the time and
    // doubles the file.
    private PackagePart Create(string path, string contentType) =>
        _package.CreatePart(new Uri(path, UriKind.Relative), contentType, CompressionOption.Normal);

    private static void Write(PackagePart part, OpenXmlElement root)
    {
        using var stream = part.GetStream(FileMode.Create, FileAccess.Write);
        Write(stream, root);
    }

    private static void Write(Stream stream, OpenXmlElement root)
    {
        using var writer = OpenXmlWriter.Create(stream, new UTF8Encoding(false));
        writer.WriteStartDocument(true);
        writer.WriteElement(root);
    }

    // A chart or a drawing, built as XML text by its owner.
    private static void Write(PackagePart part, string xml)
    {
        using var stream = part.GetStream(FileMode.Create, FileAccess.Write);
        stream.Write(Encoding.UTF8.GetBytes(xml));
    }

    private static byte[] Serialize(OpenXmlElement root)
    {
        using var memory = new MemoryStream();
        Write(memory, root);
        return memory.ToArray();
    }

    public static string Xml(string text) => System.Security.SecurityElement.Escape(text) ?? "";

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
    /// <summary>The package part, once the sheet is opened.</summary>
    internal PackagePart? Part { get; set; }

    internal string Relate(string type, string path)
    {
        var id = $"rId{Relationships.Count + 1}";
        Relationships.Add((id, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/" + type, path));
        return id;
    }
}

/// <summary>A table reserved for a sheet: written once the sheet's rows are counted.</summary>
public sealed record TableRef(uint Id, string Path, string RelationshipId);
