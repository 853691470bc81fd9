using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Text;
using System.Xml;
using Pilote.Common;
using Pilote.Office.Common;

namespace Pilote.Office.Reading;

/// <summary>
/// One worksheet part read forward, one &lt;row&gt; at a time, on <see cref="Utf8Xml"/>: each cell lands at the column
/// its reference names (so gaps stay gaps), shared strings are looked up, inline strings and booleans turned to text,
/// numbers and ISO dates kept as the invariant text the file stores. Names, references, types and shared-string
/// indexes are read from the part's bytes: only the cells' own text is allocated.
/// </summary>
internal sealed class SheetXml : IDisposable
{
    // Excel's last column is XFD: a reference beyond it is not a worksheet's, and would size a row's array at will.
    private const int MaxColumns = 16_384;

    private readonly Utf8Xml _xml;
    private readonly SharedStrings.Texts _shared;
    private readonly string _file;
    private readonly string _sheet;
    private string?[] _cells = new string?[32];
    private int _dataDepth = -1;
    private bool _done;
    private int _next = 1;

    public SheetXml(Utf8Xml xml, SharedStrings.Texts shared, string file, string sheet) =>
        (_xml, _shared, _file, _sheet) = (xml, shared, file, sheet);

    /// <summary>The next row that has at least one cell, or null at the end of the sheet's data.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public SheetRow? Next()
    {
        try
        {
            return Read();
        }
        catch (Exception ex) when (ex is XmlException or InvalidDataException)
        {
            throw Unreadable(_file, _sheet, ex);
        }
    }

    public static PiloteInputException Unreadable(string file, string part, Exception ex) => new(
        $"{file} : feuille {part} illisible, XML invalide ({ex.Message.TrimEnd('.')})",
        $"{file}: sheet {part} is unreadable, invalid XML ({ex.Message.TrimEnd('.')})");

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private SheetRow? Read()
    {
        var x = _xml;
        if (_done)
            return null;
        if (_dataDepth < 0)
        {
            XmlToken token;
            while ((token = x.Read()) != XmlToken.Eof && !(token == XmlToken.Start && x.LocalName.SequenceEqual("sheetData"u8)))
            {
            }
            if (token == XmlToken.Eof || x.IsEmpty)
            {
                _done = true;
                return null;
            }
            _dataDepth = x.Depth;
        }
        while (true)
        {
            var token = x.Read();
            if (token == XmlToken.Eof || (token == XmlToken.End && x.Depth == _dataDepth))
                break;
            if (token != XmlToken.Start)
                continue;
            if (!x.LocalName.SequenceEqual("row"u8))
            {
                x.Skip();
                continue;
            }
            var number = x.TryAttribute("r"u8, out var r) && Utf8Parser.TryParse(Plain(r), out int n, out var used) && used == Plain(r).Length && n > 0 ? n : _next;
            _next = number + 1;
            if (x.IsEmpty)
                continue;
            var width = RowCells(number);
            if (width > 0)
            {
                var cells = new string?[width];
                Array.Copy(_cells, cells, width);
                Array.Clear(_cells, 0, width);
                return new SheetRow(number, cells);
            }
        }
        _done = true;
        return null;
    }

    // Reads the cells of the current <row> into the buffer; returns how many columns it spans (0: no cell at all).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int RowCells(int row)
    {
        var x = _xml;
        var depth = x.Depth;
        var width = 0;
        var any = false;
        while (true)
        {
            var token = x.Read();
            if (token == XmlToken.End && x.Depth == depth)
                break;
            if (token != XmlToken.Start)
                continue;
            if (!x.LocalName.SequenceEqual("c"u8))
            {
                x.Skip();
                continue;
            }
            any = true;
            var column = x.TryAttribute("r"u8, out var reference) ? Column(Plain(reference), row) : width;
            var type = x.TryAttribute("t"u8, out var t) ? Kind(t) : CellKind.Number;
            var text = x.IsEmpty ? null : CellText(type);
            if (column >= _cells.Length)
                Array.Resize(ref _cells, Math.Max(column + 1, _cells.Length * 2));
            _cells[column] = text;
            width = Math.Max(width, column + 1);
        }
        return any ? width : 0;
    }

    private enum CellKind
    {
        Number,
        Shared,
        Boolean,
        Formula,
        Inline,
        Other,
    }

    // An attribute's value as bytes without references: a writer may spell any character as one ("A&#49;" is "A1").
    private ReadOnlySpan<byte> Plain(ReadOnlySpan<byte> raw) => raw.IndexOf((byte)'&') < 0 ? raw : Encoding.UTF8.GetBytes(_xml.Decode(raw));

    private CellKind Kind(ReadOnlySpan<byte> t) => t switch
    {
        _ when t.SequenceEqual("s"u8) => CellKind.Shared,
        _ when t.SequenceEqual("b"u8) => CellKind.Boolean,
        _ when t.SequenceEqual("str"u8) => CellKind.Formula,
        _ when t.SequenceEqual("inlineStr"u8) => CellKind.Inline,
        _ when t.IndexOf((byte)'&') >= 0 => Kind(Plain(t)),
        _ => CellKind.Other,
    };

    // The reader is on a non-empty <c>: its value is a <v> (numbers, shared-string indexes, booleans, formula results)
    // or an <is> (inline strings); a formula's <f> and anything else is passed over.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private string? CellText(CellKind type)
    {
        var x = _xml;
        var depth = x.Depth;
        string? text = null;
        while (true)
        {
            var token = x.Read();
            if (token == XmlToken.End && x.Depth == depth)
                break;
            if (token != XmlToken.Start)
                continue;
            if (x.LocalName.SequenceEqual("v"u8))
                text = Value(type, x.Content());
            else if (x.LocalName.SequenceEqual("is"u8))
                text = ItemText(x);
            else
                x.Skip();
        }
        return text;
    }

    private string? Value(CellKind type, ReadOnlySpan<char> raw) => type switch
    {
        CellKind.Shared => int.TryParse(raw, out var index) && index >= 0 && index < _shared.Count ? _shared[index] : null,
        CellKind.Boolean => raw.SequenceEqual("1") ? "TRUE" : "FALSE",
        CellKind.Formula => CellXstring.Decode(raw),
        _ => new string(raw),
    };

    /// <summary>
    /// The text of a string item (<c>&lt;si&gt;</c> or <c>&lt;is&gt;</c>, the reader on its start): its <c>&lt;t&gt;</c>, or the
    /// <c>&lt;t&gt;</c> of each run; phonetic hints (<c>&lt;rPh&gt;</c>) are not part of it. Leaves the reader on the item's end.
    /// Excel's <c>_xHHHH_</c> escapes (a carriage return is <c>_x000D_</c>) are decoded.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static string ItemText(Utf8Xml x)
    {
        if (x.IsEmpty)
            return "";
        var depth = x.Depth;
        x.Clear();
        var inText = -1;
        while (true)
        {
            var token = x.Read();
            if (token == XmlToken.End && x.Depth == depth)
                break;
            if (token == XmlToken.Start)
            {
                if (x.LocalName.SequenceEqual("t"u8) && !x.IsEmpty)
                    inText = x.Depth;
                else if (x.LocalName.SequenceEqual("rPh"u8))
                    x.Skip();
            }
            else if (token == XmlToken.End && x.Depth == inText)
                inText = -1;
            else if (token == XmlToken.Text && inText >= 0)
                x.AppendText();
        }
        return CellXstring.Decode(x.Gathered);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Column(ReadOnlySpan<byte> reference, int row)
    {
        var n = 0;
        foreach (var b in reference)
        {
            if (!char.IsAsciiLetter((char)b))
                break;
            n = n * 26 + (char.ToUpperInvariant((char)b) - 'A' + 1);
            if (n > MaxColumns)
                break;
        }
        if (n is < 1 or > MaxColumns)
        {
            var text = _xml.Decode(reference);
            throw new PiloteInputException(
                $"{_file} : feuille {_sheet}, ligne {row} : la référence de cellule « {text} » n'est pas une colonne d'Excel (A à XFD)",
                $"{_file}: sheet {_sheet}, row {row}: cell reference '{text}' is not an Excel column (A to XFD)");
        }
        return n - 1;
    }

    public void Dispose() => _xml.Dispose();
}
