using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;
using DocumentFormat.OpenXml;

namespace Pilote.Office.Common;

/// <summary>
/// Streams a worksheet part as UTF-8 XML, row by row, into the zip entry: no cell object is ever built, so a
/// 100 000-row sheet costs what one row costs, in time and in memory. The sheet's other elements (views, columns,
/// merged cells, rules, print setup) are the SDK's typed elements, written as their XML. Text goes out as inline
/// strings, which are never read as formulas, escaped for XML, with the characters XML cannot carry dropped.
/// </summary>
/// <remarks>
/// Written by hand rather than through the SDK's OpenXmlWriter: that writer goes through XmlWriter's checks and the
/// SDK's element metadata for every cell, and took about as long as all of Pilote's own work on a large plan.
/// </remarks>
public sealed class SheetStream : IDisposable
{
    private static readonly byte[][] ColumnNames = [.. Enumerable.Range(0, 65).Select(i => Encoding.ASCII.GetBytes(CellRef.Column(i)))];
    private static readonly SearchValues<char> Special = SearchValues.Create("&<>\r");

    private readonly Stream _output;
    private readonly byte[] _buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
    private int _used;
    private readonly byte[] _rowDigits = new byte[12];
    private int _rowLength;
    private int _row;
    private bool _data;
    private bool _disposed;

    internal SheetStream(Stream output)
    {
        _output = output;
        Raw("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"""u8);
    }

    public int Row => _row;

    /// <summary>One of the sheet's elements outside its rows, in schema order, as the SDK writes it.</summary>
    public void Element(OpenXmlElement element)
    {
        // OuterXml declares the namespaces on the element itself and prefixes it (x:, r:); the sheet declares both at its
        // root, so the element goes out unprefixed. No "<x:" can occur in text or attribute values: "<" is escaped there.
        var xml = element.OuterXml
            .Replace(" xmlns:x=\"" + WorkbookPackage.MainNs + "\"", "", StringComparison.Ordinal)
            .Replace(" xmlns:r=\"" + WorkbookPackage.RelNs + "\"", "", StringComparison.Ordinal)
            .Replace("<x:", "<", StringComparison.Ordinal)
            .Replace("</x:", "</", StringComparison.Ordinal);
        Utf16(xml);
    }

    public void StartData()
    {
        Raw("<sheetData>"u8);
        _data = true;
    }

    public void EndData()
    {
        Raw("</sheetData>"u8);
        _data = false;
    }

    public void StartRow(int row, double? height = null)
    {
        _row = row;
        row.TryFormat(_rowDigits, out _rowLength, default, CultureInfo.InvariantCulture);
        Raw("<row r=\""u8);
        Raw(_rowDigits.AsSpan(0, _rowLength));
        if (height is { } h)
        {
            Raw("\" ht=\""u8);
            Ensure(32);
            h.TryFormat(_buffer.AsSpan(_used), out var n, default, CultureInfo.InvariantCulture);
            _used += n;
            Raw("\" customHeight=\"1"u8);
        }
        Raw("\">"u8);
    }

    public void EndRow() => Raw("</row>"u8);

    public void Text(int column, string? text, uint style)
    {
        if (string.IsNullOrEmpty(text))
        {
            Empty(column, style);
            return;
        }
        var clean = Clean(text);
        if (clean.Length == 0)
        {
            Empty(column, style);
            return;
        }
        Start(column, style);
        Raw(char.IsWhiteSpace(clean[0]) || char.IsWhiteSpace(clean[^1])
            ? "\" t=\"inlineStr\"><is><t xml:space=\"preserve\">"u8
            : "\" t=\"inlineStr\"><is><t>"u8);
        Escaped(clean);
        Raw("</t></is></c>"u8);
    }

    public void Number(int column, decimal? value, uint style)
    {
        if (value is not { } v)
        {
            Empty(column, style);
            return;
        }
        Start(column, style);
        Raw("\">"u8);
        Value(v);
        Raw("</c>"u8);
    }

    public void Date(int column, DateOnly? value, uint style) =>
        Number(column, value is { } d ? CellRef.Serial(d) : null, style);

    /// <summary>A live formula with Pilote's own value cached, so a reader that does not recalculate still sees it.</summary>
    public void Formula(int column, string formula, decimal? cached, uint style)
    {
        Start(column, style);
        Raw("\"><f>"u8);
        Escaped(formula);
        Raw("</f>"u8);
        if (cached is { } v)
            Value(v);
        Raw("</c>"u8);
    }

    public void Empty(int column, uint style)
    {
        if (style == 0)
            return;
        Start(column, style);
        Raw("\"/>"u8);
    }

    /// <summary>Closes the worksheet and its zip entry.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        if (_data)
            EndData();
        Raw("</worksheet>"u8);
        Flush();
        ArrayPool<byte>.Shared.Return(_buffer);
        _output.Dispose();
    }

    private void Value(decimal v)
    {
        Raw("<v>"u8);
        Ensure(40);
        v.TryFormat(_buffer.AsSpan(_used), out var n, default, CultureInfo.InvariantCulture);
        _used += n;
        Raw("</v>"u8);
    }

    // <c r="B12" s="4" — the caller closes the attribute and the element.
    private void Start(int column, uint style)
    {
        Raw("<c r=\""u8);
        Raw(column < ColumnNames.Length ? ColumnNames[column] : Encoding.ASCII.GetBytes(CellRef.Column(column)));
        Raw(_rowDigits.AsSpan(0, _rowLength));
        if (style != 0)
        {
            Raw("\" s=\""u8);
            Ensure(12);
            style.TryFormat(_buffer.AsSpan(_used), out var n, default, CultureInfo.InvariantCulture);
            _used += n;
        }
    }

    private void Raw(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > _buffer.Length - _used)
        {
            Flush();
            if (bytes.Length > _buffer.Length)
            {
                _output.Write(bytes);
                return;
            }
        }
        bytes.CopyTo(_buffer.AsSpan(_used));
        _used += bytes.Length;
    }

    private void Ensure(int bytes)
    {
        if (bytes > _buffer.Length - _used)
            Flush();
    }

    private void Flush()
    {
        _output.Write(_buffer, 0, _used);
        _used = 0;
    }

    /// <summary>Text content: &amp;, &lt;, &gt; escaped, a carriage return kept as a character reference (a parser
    /// would otherwise turn it into a line feed).</summary>
    private void Escaped(string text)
    {
        var rest = text.AsSpan();
        while (rest.Length > 0)
        {
            var i = rest.IndexOfAny(Special);
            if (i < 0)
            {
                Utf16(rest);
                return;
            }
            Utf16(rest[..i]);
            Raw(rest[i] switch
            {
                '&' => "&amp;"u8,
                '<' => "&lt;"u8,
                '>' => "&gt;"u8,
                _ => "&#xD;"u8,
            });
            rest = rest[(i + 1)..];
        }
    }

    // A lone surrogate becomes U+FFFD: XML cannot carry it.
    private void Utf16(ReadOnlySpan<char> chars)
    {
        while (true)
        {
            var status = Utf8.FromUtf16(chars, _buffer.AsSpan(_used), out var read, out var written, replaceInvalidSequences: true);
            _used += written;
            if (status != OperationStatus.DestinationTooSmall)
                return;
            chars = chars[read..];
            Flush();
        }
    }

    /// <summary>XML cannot carry most control characters, nor U+FFFE and U+FFFF: drop them rather than write a file
    /// Excel refuses.</summary>
    private static string Clean(string text)
    {
        foreach (var c in text)
        {
            if (Invalid(c))
                return Strip(text);
        }
        return text;

        static bool Invalid(char c) => (c < 0x20 && c is not ('\t' or '\n' or '\r')) || c >= '\uFFFE';

        static string Strip(string s)
        {
            var sb = new StringBuilder(s.Length);
            foreach (var c in s)
                if (!Invalid(c))
                    sb.Append(c);
            return sb.ToString();
        }
    }
}
