using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Pilote.Office.Common;

/// <summary>
/// Streams a worksheet part row by row through the SDK's SAX-style <see cref="OpenXmlWriter"/>, straight into the
/// part's zip entry: no cell object is kept, so a 100 000-row sheet costs what one row costs, in memory. The sheet's
/// other elements (views, columns, merged cells, rules, print setup) are the SDK's typed elements, written by the same
/// writer. Text goes out as inline strings, which are never read as formulas (so "=HYPERLINK(…)" stays text).
/// </summary>
/// <remarks>
/// The writer only reads the names of the element objects it is given, so one instance of each (row, cell, value…)
/// serves every cell. Text is stored the way Excel stores it (<see cref="CellXstring"/>): a carriage return as
/// <c>_x000D_</c>, since the XML writer would turn "\r\n" into "\n"; characters XML cannot carry are dropped.
/// </remarks>
public sealed class SheetStream : IDisposable
{
    private const string MainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string RelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static readonly string[] ColumnNames = [.. Enumerable.Range(0, 65).Select(CellRef.Column)];
    private static readonly string[] StyleIds = [.. Enumerable.Range(0, 128).Select(i => i.ToString(CultureInfo.InvariantCulture))];
    private static readonly OpenXmlAttribute InlineType = new("t", "", "inlineStr");
    private static readonly OpenXmlAttribute CustomHeight = new("customHeight", "", "1");
    private static readonly OpenXmlAttribute[] Preserve = [new("xml", "space", "http://www.w3.org/XML/1998/namespace", "preserve")];
    private static readonly OpenXmlAttribute[] None = [];

    private readonly Stream _output;
    private readonly OpenXmlWriter _writer;
    private readonly Row _rowElement = new();
    private readonly Cell _cell = new();
    private readonly InlineString _inline = new();
    private readonly Text _text = new();
    private readonly CellValue _value = new();
    private readonly CellFormula _formula = new();
    private readonly Attributes _attributes = new();
    private string _rowNumber = "";
    private int _row;
    private bool _data;
    private bool _disposed;

    internal SheetStream(Stream output)
    {
        _output = output;
        // Each reused element declares the x prefix itself (the writer is told not to write the declaration: the root
        // has it): the SDK finds an element's prefix among its own declarations before asking its global namespace
        // resolver, which took a fifth of the writer's time.
        foreach (var element in new OpenXmlElement[] { _rowElement, _cell, _inline, _text, _value, _formula })
            element.AddNamespaceDeclaration("x", MainNs);
        _writer = OpenXmlWriter.Create(output, new UTF8Encoding(false));
        _writer.WriteStartDocument(true);
        // The relationships namespace is declared once at the root, for the r:id of the drawing and table parts.
        _writer.WriteStartElement(new Worksheet(), [], [new("r", RelNs)]);
    }

    public int Row => _row;

    /// <summary>One of the sheet's elements outside its rows, in schema order.</summary>
    public void Element(OpenXmlElement element) => _writer.WriteElement(element);

    public void StartData()
    {
        _writer.WriteStartElement(new SheetData());
        _data = true;
    }

    public void EndData()
    {
        _writer.WriteEndElement();
        _data = false;
    }

    public void StartRow(int row, double? height = null)
    {
        _row = row;
        _rowNumber = row.ToString(CultureInfo.InvariantCulture);
        _attributes.Clear();
        _attributes.Add(new("r", "", _rowNumber));
        if (height is { } h)
        {
            _attributes.Add(new("ht", "", h.ToString(CultureInfo.InvariantCulture)));
            _attributes.Add(CustomHeight);
        }
        Start(_rowElement, _attributes);
    }

    public void EndRow() => _writer.WriteEndElement();

    public void Text(int column, string? text, uint style)
    {
        var stored = CellXstring.Encode(text);
        if (stored.Length == 0)
        {
            Empty(column, style);
            return;
        }
        StartCell(column, style, inline: true);
        Start(_inline, None);
        if (char.IsWhiteSpace(stored[0]) || char.IsWhiteSpace(stored[^1]))
            Start(_text, Preserve);
        else
            Start(_text, None);
        _writer.WriteString(stored);
        _writer.WriteEndElement();
        _writer.WriteEndElement();
        _writer.WriteEndElement();
    }

    public void Number(int column, decimal? value, uint style)
    {
        if (value is not { } v)
        {
            Empty(column, style);
            return;
        }
        StartCell(column, style, inline: false);
        Value(v);
        _writer.WriteEndElement();
    }

    public void Date(int column, DateOnly? value, uint style) =>
        Number(column, value is { } d ? CellRef.Serial(d) : null, style);

    /// <summary>A live formula with Pilote's own value cached, so a reader that does not recalculate still sees it.</summary>
    public void Formula(int column, string formula, decimal? cached, uint style)
    {
        StartCell(column, style, inline: false);
        Start(_formula, None);
        _writer.WriteString(formula);
        _writer.WriteEndElement();
        if (cached is { } v)
            Value(v);
        _writer.WriteEndElement();
    }

    public void Empty(int column, uint style)
    {
        if (style == 0)
            return;
        StartCell(column, style, inline: false);
        _writer.WriteEndElement();
    }

    /// <summary>Closes the worksheet and its part's stream.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        if (_data)
            EndData();
        _writer.WriteEndElement();
        _writer.Dispose();
        _output.Dispose();
    }

    private void Value(decimal v)
    {
        Start(_value, None);
        _writer.WriteString(v.ToString(CultureInfo.InvariantCulture));
        _writer.WriteEndElement();
    }

    // <c r="B12" s="4" t="inlineStr">: the caller writes the content and closes the element.
    private void StartCell(int column, uint style, bool inline)
    {
        _attributes.Clear();
        _attributes.Add(new("r", "", string.Concat(column < ColumnNames.Length ? ColumnNames[column] : CellRef.Column(column), _rowNumber)));
        if (style != 0)
            _attributes.Add(new("s", "", style < StyleIds.Length ? StyleIds[style] : style.ToString(CultureInfo.InvariantCulture)));
        if (inline)
            _attributes.Add(InlineType);
        Start(_cell, _attributes);
    }

    // With no namespace declarations: the element's own x declaration stays unwritten.
    private void Start(OpenXmlElement element, IEnumerable<OpenXmlAttribute> attributes) =>
        _writer.WriteStartElement(element, attributes, null!);

    /// <summary>
    /// The attributes of the element being started, reused for every row and cell: the writer enumerates them once,
    /// before the next element, so the list is its own enumerator and a sheet allocates nothing per cell for them.
    /// </summary>
    private sealed class Attributes : IEnumerable<OpenXmlAttribute>, IEnumerator<OpenXmlAttribute>
    {
        private readonly OpenXmlAttribute[] _items = new OpenXmlAttribute[3];
        private int _count;
        private int _index;

        public void Clear() => _count = 0;

        public void Add(OpenXmlAttribute attribute) => _items[_count++] = attribute;

        public IEnumerator<OpenXmlAttribute> GetEnumerator()
        {
            _index = -1;
            return this;
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public OpenXmlAttribute Current => _items[_index];

        object System.Collections.IEnumerator.Current => Current;

        public bool MoveNext() => ++_index < _count;

        public void Reset() => _index = -1;

        public void Dispose()
        {
        }
    }
}
