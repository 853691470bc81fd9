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
    private const string RelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static readonly string[] ColumnNames = [.. Enumerable.Range(0, 65).Select(CellRef.Column)];
    private static readonly string[] StyleIds = [.. Enumerable.Range(0, 128).Select(i => i.ToString(CultureInfo.InvariantCulture))];
    private static readonly OpenXmlAttribute InlineType = new("t", "", "inlineStr");
    private static readonly OpenXmlAttribute CustomHeight = new("customHeight", "", "1");
    private static readonly OpenXmlAttribute[] Preserve = [new("xml", "space", "http://www.w3.org/XML/1998/namespace", "preserve")];

    private readonly Stream _output;
    private readonly OpenXmlWriter _writer;
    private readonly Row _rowElement = new();
    private readonly Cell _cell = new();
    private readonly InlineString _inline = new();
    private readonly Text _text = new();
    private readonly CellValue _value = new();
    private readonly CellFormula _formula = new();
    private string _rowNumber = "";
    private int _row;
    private bool _data;
    private bool _disposed;

    internal SheetStream(Stream output)
    {
        _output = output;
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
        var number = new OpenXmlAttribute("r", "", _rowNumber);
        _writer.WriteStartElement(_rowElement, height is { } h
            ? [number, new("ht", "", h.ToString(CultureInfo.InvariantCulture)), CustomHeight]
            : [number]);
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
        _writer.WriteStartElement(_inline);
        if (char.IsWhiteSpace(stored[0]) || char.IsWhiteSpace(stored[^1]))
            _writer.WriteStartElement(_text, Preserve);
        else
            _writer.WriteStartElement(_text);
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
        _writer.WriteStartElement(_formula);
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
        _writer.WriteStartElement(_value);
        _writer.WriteString(v.ToString(CultureInfo.InvariantCulture));
        _writer.WriteEndElement();
    }

    // <c r="B12" s="4" t="inlineStr">: the caller writes the content and closes the element.
    private void StartCell(int column, uint style, bool inline)
    {
        var reference = new OpenXmlAttribute("r", "", string.Concat(column < ColumnNames.Length ? ColumnNames[column] : CellRef.Column(column), _rowNumber));
        OpenXmlAttribute[] attributes = style == 0
            ? inline ? [reference, InlineType] : [reference]
            : inline ? [reference, Style(style), InlineType] : [reference, Style(style)];
        _writer.WriteStartElement(_cell, attributes);
    }

    private static OpenXmlAttribute Style(uint style) =>
        new("s", "", style < StyleIds.Length ? StyleIds[style] : style.ToString(CultureInfo.InvariantCulture));
}
