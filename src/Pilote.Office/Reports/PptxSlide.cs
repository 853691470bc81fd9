using System.Text;
using Pilote.Office.Common;

namespace Pilote.Office.Reports;

/// <summary>A text run: its text, size in points, bold, colour.</summary>
internal readonly record struct Run(string Text, double Size = 14, bool Bold = false, string Colour = PptxSlide.Ink);

/// <summary>One slide's shape tree being written: text boxes, filled rectangles, tables and chart frames, positioned in EMU.</summary>
internal sealed class PptxSlide(string lang)
{
    public const long Width = 12192000, Height = 6858000, Inch = 914400;
    public const string Ink = "222222", Navy = "1F3864", Muted = "595959", Line = "D9D9D9", Soft = "F2F5FA", White = "FFFFFF";

    private readonly StringBuilder _shapes = new();
    private int _nextId = 2;

    public static long In(double inches) => (long)(inches * Inch);

    /// <summary>A text box; each inner list is a paragraph.</summary>
    public void Text(double x, double y, double w, double h, IEnumerable<IEnumerable<Run>> paragraphs, string? fill = null, string anchor = "t", string align = "l")
    {
        var id = _nextId++;
        _shapes.Append($"<p:sp><p:nvSpPr><p:cNvPr id=\"{id}\" name=\"Texte {id}\"/><p:cNvSpPr txBox=\"1\"/><p:nvPr/></p:nvSpPr>");
        _shapes.Append($"<p:spPr>{Xfrm(x, y, w, h)}<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom>{(fill is null ? "<a:noFill/>" : Solid(fill))}</p:spPr>");
        _shapes.Append($"<p:txBody><a:bodyPr wrap=\"square\" lIns=\"91440\" tIns=\"45720\" rIns=\"91440\" bIns=\"45720\" anchor=\"{anchor}\"><a:noAutofit/></a:bodyPr><a:lstStyle/>");
        foreach (var p in paragraphs)
            _shapes.Append(Paragraph(p, align));
        _shapes.Append("</p:txBody></p:sp>");
    }

    public void Text(double x, double y, double w, double h, Run run, string? fill = null, string anchor = "t", string align = "l") =>
        Text(x, y, w, h, [[run]], fill, anchor, align);

    public void Rect(double x, double y, double w, double h, string fill)
    {
        var id = _nextId++;
        _shapes.Append($"<p:sp><p:nvSpPr><p:cNvPr id=\"{id}\" name=\"Bande {id}\"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr>{Xfrm(x, y, w, h)}<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom>{Solid(fill)}<a:ln><a:noFill/></a:ln></p:spPr></p:sp>");
    }

    /// <summary>A native table: a navy header row, then rows; <paramref name="colours"/> fills one cell per row (a status) when given.</summary>
    public void Table(double x, double y, double[] widths, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows,
        double fontSize = 10, int colourColumn = -1, IReadOnlyList<string?>? colours = null)
    {
        var id = _nextId++;
        var rowH = In(0.3);
        var list = rows.ToList();
        _shapes.Append($"<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id=\"{id}\" name=\"Tableau {id}\"/><p:cNvGraphicFramePr><a:graphicFrameLocks noGrp=\"1\"/></p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr>");
        _shapes.Append($"<p:xfrm><a:off x=\"{In(x)}\" y=\"{In(y)}\"/><a:ext cx=\"{widths.Sum(In)}\" cy=\"{rowH * (list.Count + 1)}\"/></p:xfrm>");
        _shapes.Append("<a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/table\"><a:tbl><a:tblPr firstRow=\"1\" bandRow=\"1\"/><a:tblGrid>");
        foreach (var w in widths)
            _shapes.Append($"<a:gridCol w=\"{In(w)}\"/>");
        _shapes.Append("</a:tblGrid>");
        _shapes.Append($"<a:tr h=\"{rowH}\">");
        foreach (var h in headers)
            _shapes.Append(Cell(h, fontSize, true, White, Navy));
        _shapes.Append("</a:tr>");
        for (var r = 0; r < list.Count; r++)
        {
            _shapes.Append($"<a:tr h=\"{rowH}\">");
            for (var c = 0; c < list[r].Count; c++)
            {
                var coloured = c == colourColumn && colours?[r] is not null;
                _shapes.Append(Cell(list[r][c], fontSize, coloured, coloured ? White : Ink, coloured ? colours![r]! : r % 2 == 1 ? Soft : White));
            }
            _shapes.Append("</a:tr>");
        }
        _shapes.Append("</a:tbl></a:graphicData></a:graphic></p:graphicFrame>");
    }

    /// <summary>
    /// The height, in inches, a table row takes once its cells wrap: words laid out greedily in each column at a width per
    /// character a little wider than Calibri's (LibreOffice draws it in a wider substitute when Calibri is missing).
    /// PowerPoint grows a row to its text, so a writer that counts rows instead of heights lets a table run off the slide.
    /// </summary>
    public static double RowHeight(IReadOnlyList<string> cells, IReadOnlyList<double> widths, double fontSize, bool bold = false)
    {
        var charWidth = fontSize * (bold ? 0.64 : 0.58) / 72;
        var lines = 1;
        for (var c = 0; c < cells.Count && c < widths.Count; c++)
        {
            var perLine = Math.Max(1, (int)((widths[c] - 0.14) / charWidth));
            var count = 0;
            foreach (var paragraph in cells[c].Split('\n'))
            {
                var used = 0;
                count++;
                foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    if (used > 0 && used + 1 + word.Length > perLine)
                    {
                        count++;
                        used = 0;
                    }
                    // A word longer than the line breaks where it must.
                    count += Math.Max(0, (word.Length - 1) / perLine);
                    used = (used > 0 ? used + 1 : 0) + (word.Length % perLine == 0 ? perLine : word.Length % perLine);
                }
            }
            lines = Math.Max(lines, count);
        }
        return Math.Max(0.3, (lines * fontSize * 1.2 / 72) + 0.1);
    }

    /// <summary>
    /// The largest of <paramref name="sizes"/> (points, largest first) at which the text fits a text box of this size, else the
    /// smallest: a long plan name at 40 pt ran over the cover's period, a long objective over the slide's top band.
    /// </summary>
    public static double FitSize(string text, double width, double height, bool bold, params double[] sizes)
    {
        foreach (var size in sizes)
        {
            // The box's insets (0,1 in each side, 0,05 in top and bottom) against RowHeight's cell margins.
            if (RowHeight([text], [width - 0.06], size, bold) <= height)
                return size;
        }
        return sizes[^1];
    }

    /// <summary>
    /// Splits rows into slides whose table fits in <paramref name="room"/> inches under its header (at least one row a slide,
    /// at most <paramref name="maxRows"/>).
    /// </summary>
    public static List<List<T>> Fit<T>(IReadOnlyList<T> rows, Func<T, IReadOnlyList<string>> cells, IReadOnlyList<string> headers,
        IReadOnlyList<double> widths, double fontSize, double room, int maxRows)
    {
        var pages = new List<List<T>>();
        var header = RowHeight(headers, widths, fontSize, bold: true);
        List<T> page = [];
        var used = header;
        foreach (var row in rows)
        {
            var height = RowHeight(cells(row), widths, fontSize);
            if (page.Count > 0 && (used + height > room || page.Count == maxRows))
            {
                pages.Add(page);
                page = [];
                used = header;
            }
            page.Add(row);
            used += height;
        }
        if (page.Count > 0 || pages.Count == 0)
            pages.Add(page);
        return pages;
    }

    /// <summary>The frame that shows a chart part of this slide.</summary>
    public void Chart(double x, double y, double w, double h, string relId, string name)
    {
        var id = _nextId++;
        _shapes.Append($"<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id=\"{id}\" name=\"{WorkbookPackage.Xml(name)}\"/><p:cNvGraphicFramePr/><p:nvPr/></p:nvGraphicFramePr>");
        _shapes.Append($"<p:xfrm><a:off x=\"{In(x)}\" y=\"{In(y)}\"/><a:ext cx=\"{In(w)}\" cy=\"{In(h)}\"/></p:xfrm>");
        _shapes.Append($"<a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/chart\"><c:chart xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\" r:id=\"{relId}\"/></a:graphicData></a:graphic></p:graphicFrame>");
    }

    public string Xml() => $"""
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <p:sld {PptxMaster.Ns}><p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>{_shapes}</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>
        """;

    private string Cell(string text, double size, bool bold, string colour, string fill) =>
        $"<a:tc><a:txBody><a:bodyPr/><a:lstStyle/>{Paragraph([new Run(text, size, bold, colour)], "l")}</a:txBody>"
        + $"<a:tcPr marL=\"64008\" marR=\"64008\" marT=\"36576\" marB=\"36576\" anchor=\"ctr\"><a:lnB w=\"6350\"><a:solidFill><a:srgbClr val=\"{Line}\"/></a:solidFill></a:lnB>{Solid(fill)}</a:tcPr></a:tc>";

    private string Paragraph(IEnumerable<Run> runs, string align)
    {
        var p = new StringBuilder($"<a:p><a:pPr algn=\"{align}\"/>");
        foreach (var r in runs)
        {
            var size = (int)Math.Round(r.Size * 100);
            p.Append($"<a:r><a:rPr lang=\"{lang}\" sz=\"{size}\" b=\"{(r.Bold ? 1 : 0)}\" dirty=\"0\">{Solid(r.Colour)}<a:latin typeface=\"Calibri\"/></a:rPr><a:t>{WorkbookPackage.Xml(r.Text)}</a:t></a:r>");
        }
        return p.Append("</a:p>").ToString();
    }

    private static string Solid(string colour) => $"<a:solidFill><a:srgbClr val=\"{colour}\"/></a:solidFill>";

    private static string Xfrm(double x, double y, double w, double h) =>
        $"<a:xfrm><a:off x=\"{In(x)}\" y=\"{In(y)}\"/><a:ext cx=\"{In(w)}\" cy=\"{In(h)}\"/></a:xfrm>";
}
