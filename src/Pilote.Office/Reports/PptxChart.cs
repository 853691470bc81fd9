using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Pilote.Office.Common;
using Pilote.Reports;

namespace Pilote.Office.Reports;

/// <summary>
/// A native PowerPoint bar chart: the chart part with its cached values, and the small workbook PowerPoint opens on
/// "Edit data", so the committee can restyle or update the chart like any chart they made themselves.
/// </summary>
internal static class PptxChart
{
    private const string C = "http://schemas.openxmlformats.org/drawingml/2006/chart";

    public static void Add(ChartPart part, ReportChart chart, string lang, ReportWords words)
    {
        var workbook = part.AddEmbeddedPackagePart("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        using (var data = new MemoryStream())
        {
            WriteWorkbook(data, chart);
            data.Position = 0;
            workbook.FeedData(data);
        }
        WorkbookPackage.Feed(part, Xml(chart, lang, part.GetIdOfPart(workbook), words));
    }

    /// <summary>
    /// The data labels' number format, in the reader's conventions like the rest of the deck: « 120 % » and « 24 000 € »
    /// in French, « 120% » and « €24,000 » in English, and the plan's own currency (a dollar plan's bars are not in euros).
    /// </summary>
    public static string FormatCode(ChartValues values, ReportWords words)
    {
        var nf = words.Culture.NumberFormat;
        const string Nbsp = "\u00A0";
        var symbol = words.CurrencySymbol.Replace("\"", "", StringComparison.Ordinal);
        return values switch
        {
            ChartValues.Percent => nf.PercentPositivePattern switch
            {
                0 => $"0\"{Nbsp}\"%",
                2 => "%0",
                3 => $"%\"{Nbsp}\"0",
                _ => "0%",
            },
            ChartValues.Money => nf.CurrencyPositivePattern switch
            {
                0 => $"\"{symbol}\"#,##0",
                1 => $"#,##0\"{symbol}\"",
                2 => $"\"{symbol}{Nbsp}\"#,##0",
                _ => $"#,##0\"{Nbsp}{symbol}\"",
            },
            _ => "0",
        };
    }

    /// <summary>Horizontal bars, first category on top, values written at the bar's end, no value axis to read.</summary>
    public static string Xml(ReportChart chart, string lang, string workbookRelId, ReportWords words)
    {
        var n = chart.Categories.Count;
        var format = FormatCode(chart.Values, words);
        var series = new StringBuilder();
        for (var s = 0; s < chart.Series.Count; s++)
        {
            var ser = chart.Series[s];
            var col = Column(s + 1);
            series.Append($"<c:ser><c:idx val=\"{s}\"/><c:order val=\"{s}\"/>");
            series.Append($"<c:tx><c:strRef><c:f>Sheet1!${col}$1</c:f><c:strCache><c:ptCount val=\"1\"/><c:pt idx=\"0\"><c:v>{WorkbookPackage.Xml(ser.Name)}</c:v></c:pt></c:strCache></c:strRef></c:tx>");
            series.Append($"<c:spPr><a:solidFill><a:srgbClr val=\"{ser.Colour}\"/></a:solidFill></c:spPr><c:invertIfNegative val=\"0\"/>");
            for (var i = 0; i < (ser.PointColours?.Count ?? 0); i++)
                series.Append($"<c:dPt><c:idx val=\"{i}\"/><c:invertIfNegative val=\"0\"/><c:bubble3D val=\"0\"/><c:spPr><a:solidFill><a:srgbClr val=\"{ser.PointColours![i]}\"/></a:solidFill></c:spPr></c:dPt>");
            series.Append($"<c:dLbls><c:numFmt formatCode=\"{WorkbookPackage.Xml(format)}\" sourceLinked=\"0\"/><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>{TextProps(1000, false)}<c:dLblPos val=\"outEnd\"/><c:showLegendKey val=\"0\"/><c:showVal val=\"1\"/><c:showCatName val=\"0\"/><c:showSerName val=\"0\"/><c:showPercent val=\"0\"/><c:showBubbleSize val=\"0\"/></c:dLbls>");
            series.Append($"<c:cat><c:strRef><c:f>Sheet1!$A$2:$A${n + 1}</c:f><c:strCache><c:ptCount val=\"{n}\"/>");
            for (var i = 0; i < n; i++)
                series.Append($"<c:pt idx=\"{i}\"><c:v>{WorkbookPackage.Xml(chart.Categories[i])}</c:v></c:pt>");
            series.Append("</c:strCache></c:strRef></c:cat>");
            series.Append($"<c:val><c:numRef><c:f>Sheet1!${col}$2:${col}${n + 1}</c:f><c:numCache><c:formatCode>{WorkbookPackage.Xml(format)}</c:formatCode><c:ptCount val=\"{n}\"/>");
            for (var i = 0; i < n; i++)
            {
                if (ser.Values[i] is { } v)
                    series.Append($"<c:pt idx=\"{i}\"><c:v>{v.ToString(CultureInfo.InvariantCulture)}</c:v></c:pt>");
            }
            series.Append("</c:numCache></c:numRef></c:val></c:ser>");
        }
        var legend = chart.Series.Count > 1
            ? $"<c:legend><c:legendPos val=\"b\"/><c:overlay val=\"0\"/>{TextProps(1000, false)}</c:legend>"
            : "";
        return $"""
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <c:chartSpace xmlns:c="{C}" xmlns:a="{PptxMaster.A}" xmlns:r="{PptxMaster.R}"><c:date1904 val="0"/><c:lang val="{lang}"/><c:roundedCorners val="0"/><c:chart><c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1200" b="1"/></a:pPr><a:r><a:rPr lang="{lang}" sz="1200" b="1"><a:solidFill><a:srgbClr val="{PptxSlide.Navy}"/></a:solidFill></a:rPr><a:t>{WorkbookPackage.Xml(chart.Title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/><c:plotArea><c:layout/><c:barChart><c:barDir val="bar"/><c:grouping val="clustered"/><c:varyColors val="0"/>{series}<c:gapWidth val="60"/><c:axId val="7001"/><c:axId val="7002"/></c:barChart><c:catAx><c:axId val="7001"/><c:scaling><c:orientation val="maxMin"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:spPr><a:ln><a:solidFill><a:srgbClr val="BFBFBF"/></a:solidFill></a:ln></c:spPr>{TextProps(1000, false)}<c:crossAx val="7002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx><c:valAx><c:axId val="7002"/><c:scaling><c:orientation val="minMax"/><c:min val="0"/></c:scaling><c:delete val="1"/><c:axPos val="b"/><c:numFmt formatCode="{WorkbookPackage.Xml(format)}" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="7001"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx><c:spPr><a:noFill/></c:spPr></c:plotArea>{legend}<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart><c:spPr><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill><a:ln><a:noFill/></a:ln></c:spPr><c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1000"/></a:pPr><a:endParaRPr lang="{lang}"/></a:p></c:txPr><c:externalData r:id="{workbookRelId}"><c:autoUpdate val="0"/></c:externalData></c:chartSpace>
            """;
    }

    private static string TextProps(int size, bool bold) =>
        $"<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz=\"{size}\" b=\"{(bold ? 1 : 0)}\"><a:solidFill><a:srgbClr val=\"404040\"/></a:solidFill></a:defRPr></a:pPr><a:endParaRPr lang=\"fr-FR\"/></a:p></c:txPr>";

    /// <summary>The chart's data as a one-sheet workbook: categories in column A, one column per series.</summary>
    private static void WriteWorkbook(Stream output, ReportChart chart)
    {
        using var doc = SpreadsheetDocument.Create(output, DocumentFormat.OpenXml.SpreadsheetDocumentType.Workbook);
        var wb = doc.AddWorkbookPart();
        var sheet = wb.AddNewPart<WorksheetPart>();
        var data = new SheetData();
        var header = new Row { RowIndex = 1 };
        header.Append(Text("A1", ""));
        for (var s = 0; s < chart.Series.Count; s++)
            header.Append(Text($"{Column(s + 1)}1", chart.Series[s].Name));
        data.Append(header);
        for (var i = 0; i < chart.Categories.Count; i++)
        {
            var r = (uint)(i + 2);
            var row = new Row { RowIndex = r };
            row.Append(Text($"A{r}", chart.Categories[i]));
            for (var s = 0; s < chart.Series.Count; s++)
            {
                var cell = new Cell { CellReference = $"{Column(s + 1)}{r}" };
                if (chart.Series[s].Values[i] is { } v)
                    cell.CellValue = new CellValue(v.ToString(CultureInfo.InvariantCulture));
                row.Append(cell);
            }
            data.Append(row);
        }
        sheet.Worksheet = new Worksheet(data);
        wb.Workbook = new Workbook(new Sheets(new Sheet { Name = "Sheet1", SheetId = 1, Id = wb.GetIdOfPart(sheet) }));
    }

    private static Cell Text(string reference, string text) =>
        new() { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(text)) };

    private static string Column(int index) => ((char)('A' + index)).ToString();
}
