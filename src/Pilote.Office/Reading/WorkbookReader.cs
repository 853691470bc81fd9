using System.IO.Compression;
using System.Xml;
using Pilote.Common;
using Pilote.Office.Common;

namespace Pilote.Office.Reading;

/// <summary>
/// Reads a workbook row by row, SAX-style: a forward-only tokenizer over each part's bytes (<see cref="Utf8Xml"/>), not
/// the SDK's <c>OpenXmlReader</c>, which builds an element object for every tag (one per cell and per value:
/// that, and the per-row DOM load, made reading several times slower), nor the XmlReader under it. Only one row is held at a
/// time, so memory stays flat whatever the row count; the shared-string table is read once per workbook. The file
/// passes <see cref="XlsxGuard"/> before its parts are looked up (<see cref="XlsxPackage"/>).
/// </summary>
public sealed class WorkbookReader : IDisposable
{
    private readonly XlsxPackage _package;
    private readonly long _sharedStringsHeld;
    private SharedStrings? _shared;

    /// <param name="path">The workbook.</param>
    /// <param name="limits">What the file must stay within (size, entries, compression ratio, part size).</param>
    /// <param name="sharedStringsHeld">How many bytes of shared strings stay in memory before the table moves to a
    /// temporary file (<see cref="SharedStrings"/>).</param>
    public WorkbookReader(string path, XlsxLimits? limits = null, long sharedStringsHeld = SharedStrings.DefaultHeldBytes)
    {
        XlsxGuard.Check(path, limits);
        FileName = Path.GetFileName(path);
        _package = new XlsxPackage(path, FileName);
        _sharedStringsHeld = sharedStringsHeld;
    }

    public string FileName { get; }

    public IReadOnlyList<string> SheetNames => [.. _package.Sheets.Select(s => s.Name)];

    public bool HasSheet(string name) => _package.Sheets.Any(s => s.Name == name);

    /// <summary>Whether the shared-string table, once read, was over its memory budget and went to a temporary file.</summary>
    public bool SharedStringsOnDisk => _shared?.OnDisk ?? false;

    /// <summary>The non-empty rows of a sheet, streamed in order.</summary>
    public IEnumerable<SheetRow> Rows(string sheet)
    {
        var part = Part(sheet);
        var shared = Table();
        return Stream(part, shared, sheet);
    }

    // The part's stream opens when the rows are first asked for, and closes with the enumeration.
    private IEnumerable<SheetRow> Stream(ZipArchiveEntry part, SharedStrings shared, string sheet)
    {
        using var xml = new SheetXml(Open(part), shared.Open(), FileName, sheet);
        while (xml.Next() is { } row)
            yield return row;
    }

    /// <summary>
    /// The merged ranges of a sheet. They follow the sheet data, so this is a second pass over the part: its bytes are
    /// searched for the <c>mergeCells</c> element (no tag can be in a cell's text, where a "&lt;" is escaped), and only
    /// what follows it is parsed. Tokenising a 100 000-row sheet's XML only to skip it took as long as unzipping it.
    /// </summary>
    public List<MergedRange> MergedRanges(string sheet)
    {
        try
        {
            // A part saved in UTF-16 (or another declared encoding) is searched as UTF-8, as its rows are read.
            var (rest, head, count) = Utf8Xml.Utf8(Part(sheet).Open);
            using var stream = rest;
            return MergeTail(stream, head, count, out var linesBefore) is { } tail ? ParseMerges(tail, linesBefore) : [];
        }
        catch (Exception ex) when (ex is XmlException or InvalidDataException)
        {
            throw SheetXml.Unreadable(FileName, sheet, ex);
        }
    }

    // The part's bytes from the start tag of its mergeCells element (with any prefix) to the end, and how many lines came
    // before it; null when it has none.
    private static MemoryStream? MergeTail(Stream stream, byte[] buffer, int count, out long linesBefore)
    {
        ReadOnlySpan<byte> name = "mergeCells"u8;
        const int Keep = 256; // a tag's prefix and name, carried over from one block to the next
        // The part's first bytes, read to find its encoding, are the first block (a transcoded part has none).
        var first = count;
        var held = 0;
        linesBefore = 0;
        int read;
        while ((read = first > 0 ? first : stream.Read(buffer, held, buffer.Length - held)) > 0)
        {
            first = 0;
            var filled = held + read;
            var window = buffer.AsSpan(0, filled);
            for (var from = 0; from < filled;)
            {
                var hit = window[from..].IndexOf(name);
                if (hit < 0)
                    break;
                hit += from;
                if (TagStart(window, hit) is { } start)
                {
                    linesBefore += window[..start].Count((byte)'\n');
                    var tail = new MemoryStream();
                    tail.Write(window[start..]);
                    stream.CopyTo(tail);
                    tail.Position = 0;
                    return tail;
                }
                from = hit + name.Length;
            }
            held = Math.Min(Keep, filled);
            linesBefore += window[..(filled - held)].Count((byte)'\n');
            window[(filled - held)..].CopyTo(buffer);
        }
        return null;
    }

    // Where the tag whose name starts at `at` opens: "<" right before it, or "<prefix:" before it; null for a text.
    private static int? TagStart(ReadOnlySpan<byte> bytes, int at)
    {
        var i = at - 1;
        if (i >= 0 && bytes[i] == (byte)':')
            for (i--; i >= 0 && (char.IsAsciiLetterOrDigit((char)bytes[i]) || bytes[i] is (byte)'_' or (byte)'-' or (byte)'.'); i--)
            {
            }
        return i >= 0 && bytes[i] == (byte)'<' ? i : null;
    }

    // The ref attributes of the mergeCell tags in a part's tail, which starts at its mergeCells element, read by the
    // sheets' own tokenizer up to that element's end (it compares names without their prefix, whose declaration on the
    // worksheet element is not in the tail).
    private static List<MergedRange> ParseMerges(MemoryStream tail, long linesBefore)
    {
        var ranges = new List<MergedRange>();
        using var xml = Utf8Xml.Fragment(tail, linesBefore);
        if (xml.Read() != XmlToken.Start || xml.IsEmpty)
            return ranges;
        var depth = xml.Depth;
        while (xml.Read() is var token && !(token == XmlToken.End && xml.Depth == depth))
            if (token == XmlToken.Start && xml.LocalName.SequenceEqual("mergeCell"u8) && xml.TryAttribute("ref"u8, out var raw)
                && xml.Decode(raw).Split(':') is [var first, var last])
                ranges.Add(new MergedRange(CellRef.ColumnIndex(first) + 1, CellRef.Row(first), CellRef.ColumnIndex(last) + 1, CellRef.Row(last)));
        return ranges;
    }

    private ZipArchiveEntry Part(string sheet)
    {
        var (_, id) = _package.Sheets.FirstOrDefault(s => s.Name == sheet);
        if (id is null)
            throw new PiloteInputException($"{FileName} : aucune feuille « {sheet} » (feuilles : {string.Join(", ", SheetNames)})", $"{FileName}: no sheet named '{sheet}' (sheets: {string.Join(", ", SheetNames)})");
        return _package.Worksheet(sheet, id);
    }

    private static Utf8Xml Open(ZipArchiveEntry part) => Utf8Xml.Open(part.Open);

    private SharedStrings Table()
    {
        if (_shared is not null)
            return _shared;
        try
        {
            if (_package.SharedStrings is not { } part)
                return _shared = SharedStrings.None();
            using var reader = Open(part);
            return _shared = SharedStrings.Read(reader, _sharedStringsHeld);
        }
        catch (Exception ex) when (ex is XmlException or InvalidDataException)
        {
            throw SheetXml.Unreadable(FileName, "sharedStrings", ex);
        }
    }

    public void Dispose()
    {
        _shared?.Dispose();
        _package.Dispose();
    }
}
