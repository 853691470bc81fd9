using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Pilote.Office.Common;

/// <summary>An xlsx being written: the package, its styles, its sheets and its defined names.</summary>
public sealed class WorkbookPackage : IDisposable
{
    private readonly SpreadsheetDocument _document;
    private readonly Sheets _sheets = new();
    private readonly DefinedNames _names = new();
    private uint _nextSheetId = 1;
    private uint _nextTableId = 1;

    public WorkbookPackage(Stream output, string currency)
    {
        _document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        Workbook = _document.AddWorkbookPart();
        Workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = WorkbookStyles.Build(currency);
    }

    public WorkbookPart Workbook { get; }

    public (WorksheetPart Part, uint Index) AddSheet(string name, bool hidden = false)
    {
        var part = Workbook.AddNewPart<WorksheetPart>();
        var sheet = new Sheet { Name = name, SheetId = _nextSheetId++, Id = Workbook.GetIdOfPart(part) };
        if (hidden)
            sheet.State = SheetStateValues.Hidden;
        _sheets.Append(sheet);
        return (part, (uint)_sheets.ChildElements.Count - 1);
    }

    public uint NextTableId() => _nextTableId++;

    public void Define(string name, string reference, uint? sheetIndex = null)
    {
        var defined = new DefinedName(reference) { Name = name };
        if (sheetIndex is { } i)
            defined.LocalSheetId = i;
        _names.Append(defined);
    }

    public void Properties(string title, string subject, string? description, DateTimeOffset created)
    {
        var core = _document.AddCoreFilePropertiesPart();
        var at = created.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ");
        var xml = $"""
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{Xml(title)}</dc:title><dc:subject>{Xml(subject)}</dc:subject><dc:creator>Pilote</dc:creator><dc:description>{Xml(description ?? "")}</dc:description><cp:keywords>plan d'action; KPI; marketing</cp:keywords><dcterms:created xsi:type="dcterms:W3CDTF">{at}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">{at}</dcterms:modified></cp:coreProperties>
            """;
        using (var stream = core.GetStream(FileMode.Create))
        using (var w = new StreamWriter(stream))
            w.Write(xml);
        var app = _document.AddExtendedFilePropertiesPart();
        app.Properties = new DocumentFormat.OpenXml.ExtendedProperties.Properties(
            new DocumentFormat.OpenXml.ExtendedProperties.Application("Pilote"),
            new DocumentFormat.OpenXml.ExtendedProperties.Company("Pilote"));
    }

    public static string Xml(string text) => System.Security.SecurityElement.Escape(text) ?? "";

    /// <summary>Writes the workbook part last, once every sheet and name is known. Excel recalculates on open.</summary>
    public void Dispose()
    {
        var workbook = new Workbook(
            new BookViews(new WorkbookView { ActiveTab = 0 }),
            _sheets);
        if (_names.HasChildren)
            workbook.Append(_names);
        workbook.Append(new CalculationProperties { CalculationId = 191029, FullCalculationOnLoad = true });
        Workbook.Workbook = workbook;
        _document.Dispose();
    }

    /// <summary>Writes a small XML part (a chart, a drawing) as it stands.</summary>
    public static void Feed(OpenXmlPart part, string xml)
    {
        using var stream = part.GetStream(FileMode.Create);
        using var w = new StreamWriter(stream, new System.Text.UTF8Encoding(false));
        w.Write(xml);
    }
}
