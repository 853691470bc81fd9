using System.IO.Compression;
using System.Xml;
using Pilote.Common;

namespace Pilote.Office.Reading;

/// <summary>
/// The parts of an .xlsx file that reading needs, found as Open Packaging Conventions say (the package's relationships
/// name the workbook, the workbook's name its sheets and shared strings), straight from the zip. The SDK's package did
/// the same at a cost: opening it and its first element reader took 150 ms of a cold process (assemblies, metadata
/// tables), more than the first thousand rows of a sheet.
/// </summary>
internal sealed class XlsxPackage : IDisposable
{
    private readonly ZipArchive _zip;
    private readonly Dictionary<string, ZipArchiveEntry> _entries = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, (string Type, string Target)> _workbookLinks;

    public XlsxPackage(string path, string fileName)
    {
        FileName = fileName;
        try
        {
            _zip = ZipFile.OpenRead(path);
        }
        catch (InvalidDataException ex)
        {
            throw Unreadable(ex.Message);
        }
        try
        {
            foreach (var entry in _zip.Entries)
                _entries.TryAdd(entry.FullName.TrimStart('/'), entry);
            // Part names are case-insensitive URIs; the zip has no folders of its own, only names with slashes.
            if (!_entries.ContainsKey("[Content_Types].xml"))
                throw Unreadable("the package has no [Content_Types].xml");
            var workbook = Links("").Values.FirstOrDefault(l => l.Type.EndsWith("/officeDocument", StringComparison.Ordinal)).Target
                ?? "xl/workbook.xml";
            if (!_entries.ContainsKey(workbook))
                throw new PiloteInputException($"{FileName} : le classeur n'a aucune feuille", $"{FileName}: the workbook has no sheets");
            Sheets = ReadSheets(workbook);
            _workbookLinks = Links(workbook);
        }
        catch
        {
            _zip.Dispose();
            throw;
        }
    }

    public string FileName { get; }

    /// <summary>The sheets in the workbook's order: their names and the ids of the relationships to their parts.</summary>
    public List<(string Name, string Id)> Sheets { get; }

    /// <summary>The worksheet part a sheet's relationship names; refused when it is a chart sheet or missing.</summary>
    public ZipArchiveEntry Worksheet(string sheet, string id)
    {
        if (!_workbookLinks.TryGetValue(id, out var link))
            throw Unreadable($"sheet '{sheet}' names no part (relationship {id})");
        if (!link.Type.EndsWith("/worksheet", StringComparison.Ordinal))
            throw new PiloteInputException($"{FileName} : la feuille « {sheet} » est un graphique, pas un tableau", $"{FileName}: sheet '{sheet}' is a chart sheet, not a table");
        return _entries.GetValueOrDefault(link.Target) ?? throw Unreadable($"the part {link.Target} of sheet '{sheet}' is missing");
    }

    /// <summary>The shared-string table, null when the workbook has none (every text written inline).</summary>
    public ZipArchiveEntry? SharedStrings =>
        _workbookLinks.Values.FirstOrDefault(l => l.Type.EndsWith("/sharedStrings", StringComparison.Ordinal)) is { Target: { } target }
            ? _entries.GetValueOrDefault(target)
            : null;

    private List<(string Name, string Id)> ReadSheets(string workbook)
    {
        var sheets = new List<(string, string)>();
        Parse(workbook, xml =>
        {
            while (xml.Read() is var token && token != XmlToken.Eof)
                if (token == XmlToken.Start && xml.LocalName.SequenceEqual("sheet"u8))
                    sheets.Add((xml.TryAttribute("name"u8, out var name) ? xml.Decode(name) : "",
                        xml.TryAttribute("id"u8, out var id, prefixed: true) ? xml.Decode(id) : ""));
        });
        return sheets;
    }

    // A part's relationships (the package's own for ""): id → type and the target's part name, internal targets only.
    private Dictionary<string, (string Type, string Target)> Links(string part)
    {
        var folder = part.Contains('/') ? part[..(part.LastIndexOf('/') + 1)] : "";
        var rels = $"{folder}_rels/{part[folder.Length..]}.rels";
        var links = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        if (!_entries.ContainsKey(rels))
            return links;
        Parse(rels, xml =>
        {
            while (xml.Read() is var token && token != XmlToken.Eof)
            {
                if (token != XmlToken.Start || !xml.LocalName.SequenceEqual("Relationship"u8)
                    || xml.TryAttribute("TargetMode"u8, out var mode) && xml.Decode(mode) == "External"
                    || !xml.TryAttribute("Id"u8, out var id) || !xml.TryAttribute("Target"u8, out var target))
                    continue;
                var type = xml.TryAttribute("Type"u8, out var t) ? xml.Decode(t) : "";
                links.TryAdd(xml.Decode(id), (type, Resolve(folder, Uri.UnescapeDataString(xml.Decode(target)))));
            }
        });
        return links;
    }

    // A relationship's target as a part name: "/xl/worksheets/sheet1.xml" from the root, "worksheets/sheet1.xml" or
    // "../xl/…" from the source part's folder.
    private static string Resolve(string folder, string target)
    {
        var segments = new List<string>();
        foreach (var segment in (target.StartsWith('/') ? target : folder + target).Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (segment == "..")
            {
                if (segments.Count > 0)
                    segments.RemoveAt(segments.Count - 1);
            }
            else if (segment != ".")
                segments.Add(segment);
        }
        return string.Join('/', segments);
    }

    private void Parse(string part, Action<Utf8Xml> read)
    {
        try
        {
            using var xml = Utf8Xml.Open(() => _entries[part].Open());
            read(xml);
        }
        catch (Exception ex) when (ex is XmlException or InvalidDataException)
        {
            throw Unreadable($"{part}: {ex.Message.TrimEnd('.')}");
        }
    }

    private PiloteInputException Unreadable(string why) =>
        new($"{FileName} : classeur .xlsx illisible ({why.TrimEnd('.')})", $"{FileName}: not a readable .xlsx workbook ({why.TrimEnd('.')})");

    public void Dispose() => _zip.Dispose();
}
