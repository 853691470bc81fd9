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
    private readonly List<OpenXmlAttribute> _attributes = new(4);
    private int _row;

    public int Row => _row;

    public void StartRow(int row, double? height = null)
    {
        _row = row;
        _attributes.Clear();
        _attributes.Add(new OpenXmlAttribute("r", "", row.ToString(CultureInfo.InvariantCulture)));
        if (height is { } h)
        {
            _attributes.Add(new OpenXmlAttribute("ht", "", h.ToString(CultureInfo.InvariantCulture)));
            _attributes.Add(new OpenXmlAttribute("customHeight", "", "1"));
        }
        writer.WriteStartElement(new Row(), _attributes);
    }

    public void EndRow() => writer.WriteEndElement();

    public void Text(int column, string? text, uint style)
    {
        if (string.IsNullOrEmpty(text))
        {
            Empty(column, style);
            return;
        }
        Start(column, style, "inlineStr");
        writer.WriteStartElement(new InlineString());
        var clean = Clean(text);
        writer.WriteElement(clean.Length > 0 && (char.IsWhiteSpace(clean[0]) || char.IsWhiteSpace(clean[^1]))
            ? new Text(clean) { Space = SpaceProcessingModeValues.Preserve }
            : new Text(clean));
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
        writer.WriteElement(new CellValue(v.ToString(CultureInfo.InvariantCulture)));
        writer.WriteEndElement();
    }

    public void Date(int column, DateOnly? value, uint style) =>
        Number(column, value is { } d ? CellRef.Serial(d) : null, style);

    /// <summary>A live formula with Pilote's own value cached, so a reader that does not recalculate still sees it.</summary>
    public void Formula(int column, string formula, decimal? cached, uint style)
    {
        Start(column, style, null);
        writer.WriteElement(new CellFormula(formula));
        if (cached is { } v)
            writer.WriteElement(new CellValue(v.ToString(CultureInfo.InvariantCulture)));
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
        _attributes.Add(new OpenXmlAttribute("r", "", CellRef.At(column, _row)));
        if (style != 0)
            _attributes.Add(new OpenXmlAttribute("s", "", style.ToString(CultureInfo.InvariantCulture)));
        if (type is not null)
            _attributes.Add(new OpenXmlAttribute("t", "", type));
        writer.WriteStartElement(new Cell(), _attributes);
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
