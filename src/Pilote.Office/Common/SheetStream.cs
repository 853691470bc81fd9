using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Pilote.Office.Common;

/// <summary>
/// Writes sheet rows through the SDK's SAX-style <see cref="OpenXmlWriter"/>: no cell object stays in memory, so a
/// 100 000-row sheet costs what one row costs. Text goes out as inline strings, which are never read as formulas.
/// </summary>
public sealed class SheetStream(OpenXmlWriter writer)
{
    // The writer reads only an element's name from these: one instance each serves every row and cell, where a new
    // element per cell would be most of the garbage a 100 000-row sheet makes.
    private static readonly Row RowElement = new();
    private static readonly Cell CellElement = new();
    private static readonly CellValue ValueElement = new();
    private static readonly CellFormula FormulaElement = new();
    private static readonly InlineString InlineElement = new();
    private static readonly Text TextElement = new();
    private static readonly string[] ColumnNames = [.. Enumerable.Range(0, 65).Select(CellRef.Column)];
    private static readonly string[] StyleIds = [.. Enumerable.Range(0, 64).Select(i => i.ToString(CultureInfo.InvariantCulture))];

    private readonly List<OpenXmlAttribute> _attributes = new(4);
    private readonly List<OpenXmlAttribute> _preserve = [new OpenXmlAttribute("xml", "space", "http://www.w3.org/XML/1998/namespace", "preserve")];
    private int _row;
    private string _rowText = "";

    public int Row => _row;

    public void StartRow(int row, double? height = null)
    {
        _row = row;
        _rowText = row.ToString(CultureInfo.InvariantCulture);
        _attributes.Clear();
        _attributes.Add(new OpenXmlAttribute("r", "", _rowText));
        if (height is { } h)
        {
            _attributes.Add(new OpenXmlAttribute("ht", "", h.ToString(CultureInfo.InvariantCulture)));
            _attributes.Add(new OpenXmlAttribute("customHeight", "", "1"));
        }
        writer.WriteStartElement(RowElement, _attributes);
    }

    public void EndRow() => writer.WriteEndElement();

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
        Start(column, style, "inlineStr");
        writer.WriteStartElement(InlineElement);
        if (char.IsWhiteSpace(clean[0]) || char.IsWhiteSpace(clean[^1]))
            writer.WriteStartElement(TextElement, _preserve);
        else
            writer.WriteStartElement(TextElement);
        writer.WriteString(clean);
        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    public void Number(int column, decimal? value, uint style)
    {
        if (value is not { } v)
        {
            Empty(column, style);
            return;
        }
        Start(column, style, null);
        Value(v);
        writer.WriteEndElement();
    }

    private void Value(decimal v)
    {
        writer.WriteStartElement(ValueElement);
        writer.WriteString(v.ToString(CultureInfo.InvariantCulture));
        writer.WriteEndElement();
    }

    public void Date(int column, DateOnly? value, uint style) =>
        Number(column, value is { } d ? CellRef.Serial(d) : null, style);

    /// <summary>A live formula with Pilote's own value cached, so a reader that does not recalculate still sees it.</summary>
    public void Formula(int column, string formula, decimal? cached, uint style)
    {
        Start(column, style, null);
        writer.WriteStartElement(FormulaElement);
        writer.WriteString(formula);
        writer.WriteEndElement();
        if (cached is { } v)
            Value(v);
        writer.WriteEndElement();
    }

    public void Empty(int column, uint style)
    {
        if (style == 0)
            return;
        Start(column, style, null);
        writer.WriteEndElement();
    }

    private void Start(int column, uint style, string? type)
    {
        _attributes.Clear();
        _attributes.Add(new OpenXmlAttribute("r", "", string.Concat(column < ColumnNames.Length ? ColumnNames[column] : CellRef.Column(column), _rowText)));
        if (style != 0)
            _attributes.Add(new OpenXmlAttribute("s", "", style < StyleIds.Length ? StyleIds[style] : style.ToString(CultureInfo.InvariantCulture)));
        if (type is not null)
            _attributes.Add(new OpenXmlAttribute("t", "", type));
        writer.WriteStartElement(CellElement, _attributes);
    }

    /// <summary>XML cannot carry most control characters: drop them rather than write a file Excel refuses.</summary>
    private static string Clean(string text)
    {
        foreach (var c in text)
        {
            if (c < 0x20 && c is not ('\t' or '\n' or '\r'))
                return Strip(text);
        }
        return text;

        static string Strip(string s)
        {
            var sb = new StringBuilder(s.Length);
            foreach (var c in s)
                if (c >= 0x20 || c is '\t' or '\n' or '\r')
                    sb.Append(c);
            return sb.ToString();
        }
    }
}
