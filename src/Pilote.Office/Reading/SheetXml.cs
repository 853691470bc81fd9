using System.Text;
using System.Xml;
using Pilote.Common;
using Pilote.Office.Common;

namespace Pilote.Office.Reading;

/// <summary>
/// One worksheet part read forward, one &lt;row&gt; at a time: each cell lands at the column its reference names (so
/// gaps stay gaps), shared strings are looked up, inline strings and booleans turned to text, numbers and ISO dates
/// kept as the invariant text the file stores. Names are compared as the reader's atomised strings: no allocation
/// beyond the cells' own text.
/// </summary>
internal sealed class SheetXml : IDisposable
{
    // Excel's last column is XFD: a reference beyond it is not a worksheet's, and would size a row's array at will.
    private const int MaxColumns = 16_384;

    private readonly XmlReader _reader;
    private readonly List<string> _shared;
    private readonly string _file;
    private readonly string _sheet;
    private readonly string _sheetData, _row, _c, _v, _is, _r, _t;
    private string?[] _cells = new string?[32];
    private bool _inData, _done;
    private int _next = 1;

    public SheetXml(XmlReader reader, List<string> shared, string file, string sheet)
    {
        (_reader, _shared, _file, _sheet) = (reader, shared, file, sheet);
        var names = reader.NameTable;
        (_sheetData, _row, _c, _v, _is, _r, _t) =
            (names.Add("sheetData"), names.Add("row"), names.Add("c"), names.Add("v"), names.Add("is"), names.Add("r"), names.Add("t"));
    }

    /// <summary>The next row that has at least one cell, or null at the end of the sheet's data.</summary>
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

    private SheetRow? Read()
    {
        var r = _reader;
        if (_done)
            return null;
        if (!_inData)
        {
            while (r.Read())
                if (r.NodeType == XmlNodeType.Element && (object)r.LocalName == _sheetData)
                    break;
            if (r.EOF || r.IsEmptyElement)
            {
                _done = true;
                return null;
            }
            _inData = true;
        }
        while (r.Read())
        {
            if (r.NodeType == XmlNodeType.EndElement && (object)r.LocalName == _sheetData)
                break;
            if (r.NodeType != XmlNodeType.Element || (object)r.LocalName != _row)
                continue;
            var number = Number(r.GetAttribute("r")) ?? _next;
            _next = number + 1;
            if (r.IsEmptyElement)
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
    private int RowCells(int row)
    {
        var r = _reader;
        var depth = r.Depth;
        var width = 0;
        var any = false;
        while (r.Read() && !(r.NodeType == XmlNodeType.EndElement && r.Depth == depth))
        {
            if (r.NodeType != XmlNodeType.Element || (object)r.LocalName != _c)
                continue;
            any = true;
            string? reference = null, type = null;
            while (r.MoveToNextAttribute())
            {
                if ((object)r.LocalName == _r)
                    reference = r.Value;
                else if ((object)r.LocalName == _t)
                    type = r.Value;
            }
            r.MoveToElement();
            var column = reference is null ? width : Column(reference, row);
            var text = r.IsEmptyElement ? null : CellText(type);
            if (column >= _cells.Length)
                Array.Resize(ref _cells, Math.Max(column + 1, _cells.Length * 2));
            _cells[column] = text;
            width = Math.Max(width, column + 1);
        }
        return any ? width : 0;
    }

    // The reader is on a non-empty <c>: its value is a <v> (numbers, shared-string indexes, booleans, formula results)
    // or an <is> (inline strings); a formula's <f> and anything else is passed over.
    private string? CellText(string? type)
    {
        var r = _reader;
        var depth = r.Depth;
        string? raw = null;
        r.Read();
        while (!r.EOF && !(r.NodeType == XmlNodeType.EndElement && r.Depth == depth))
        {
            if (r.NodeType == XmlNodeType.Element)
            {
                if ((object)r.LocalName == _v)
                {
                    raw = r.ReadElementContentAsString();
                    continue;
                }
                if ((object)r.LocalName == _is)
                {
                    raw = ItemText(r);
                    r.Read();
                    continue;
                }
                r.Skip();
                continue;
            }
            r.Read();
        }
        if (raw is null)
            return null;
        return type switch
        {
            "s" => int.TryParse(raw, out var index) && index >= 0 && index < _shared.Count ? _shared[index] : null,
            "b" => raw == "1" ? "TRUE" : "FALSE",
            "str" => CellXstring.Decode(raw),
            _ => raw,
        };
    }

    /// <summary>
    /// The text of a string item (<c>&lt;si&gt;</c> or <c>&lt;is&gt;</c>, the reader on its start): its <c>&lt;t&gt;</c>, or the
    /// <c>&lt;t&gt;</c> of each run; phonetic hints (<c>&lt;rPh&gt;</c>) are not part of it. Leaves the reader on the item's end.
    /// Excel's <c>_xHHHH_</c> escapes (a carriage return is <c>_x000D_</c>) are decoded.
    /// </summary>
    public static string ItemText(XmlReader r)
    {
        if (r.IsEmptyElement)
            return "";
        var depth = r.Depth;
        string? first = null;
        StringBuilder? more = null;
        r.Read();
        while (!r.EOF && !(r.NodeType == XmlNodeType.EndElement && r.Depth == depth))
        {
            if (r.NodeType == XmlNodeType.Element)
            {
                if (r.LocalName == "t")
                {
                    var text = r.ReadElementContentAsString();
                    if (first is null)
                        first = text;
                    else
                        (more ??= new StringBuilder(first)).Append(text);
                    continue;
                }
                if (r.LocalName == "rPh")
                {
                    r.Skip();
                    continue;
                }
            }
            r.Read();
        }
        return CellXstring.Decode(more?.ToString() ?? first ?? "");
    }

    private static int? Number(string? text) => int.TryParse(text, out var n) && n > 0 ? n : null;

    private int Column(string reference, int row)
    {
        var n = 0;
        foreach (var ch in reference)
        {
            if (!char.IsAsciiLetter(ch))
                break;
            n = n * 26 + (char.ToUpperInvariant(ch) - 'A' + 1);
            if (n > MaxColumns)
                break;
        }
        if (n is < 1 or > MaxColumns)
            throw new PiloteInputException(
                $"{_file} : feuille {_sheet}, ligne {row} : la référence de cellule « {reference} » n'est pas une colonne d'Excel (A à XFD)",
                $"{_file}: sheet {_sheet}, row {row}: cell reference '{reference}' is not an Excel column (A to XFD)");
        return n - 1;
    }

    public void Dispose() => _reader.Dispose();
}
