using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;
using Formats = Pilote.Common.Formats;

namespace Pilote.Office.Common;

/// <summary>
/// The navy and green look shared by Pilote's workbooks, and the French number formats: 1 234 €, 25 %, 31/03/2026.
/// The codes are stored in Excel's invariant syntax; Excel and LibreOffice show them with the reader's separators.
/// </summary>
public sealed class WorkbookStyles
{
    public const string Navy = "1F3864";
    public const string Green = "548235";
    public const string LightGreen = "E2EFDA";
    public const string LightNavy = "D9E1F2";

    // Cell formats (indexes into cellXfs), in the order Build writes them.
    public const uint Default = 0, Title = 1, Subtitle = 2, Header = 3, Text = 4, Date = 5, Money0 = 6, Money2 = 7,
        Percent0 = 8, Percent1 = 9, Percent2 = 10, Count = 11, Decimal = 12, Seconds = 13, Centered = 14,
        SummaryLabel = 15, SummaryCount = 16, SummaryMoney = 17, SummaryPercent = 18, Note = 19, Gap = 20, Bold = 21, Lever = 22;

    // Differential formats for conditional formatting.
    public const uint GoodDxf = 0, WarningDxf = 1, BadDxf = 2, OverdueDxf = 3;

    public static Stylesheet Build(string currency)
    {
        var symbol = Formats.Symbol(currency).Replace("\"", "");
        var formats = new NumberingFormats(
            Fmt(164, "dd/mm/yyyy"),
            Fmt(165, $"#,##0\\ \"{symbol}\""),
            Fmt(166, $"#,##0.00\\ \"{symbol}\""),
            Fmt(167, "0\\ %"),
            Fmt(168, "0.0\\ %"),
            Fmt(169, "0.00\\ %"),
            Fmt(170, "#,##0.0"),
            // A duration (a day fraction) as Pilote writes one: « 45 s » under a minute, else « 2 min 13 s ».
            Fmt(171, "[<0.000688657][s]\\ \"s\";[>=0.000688657][m]\\ \"min\"\\ ss\\ \"s\""));

        var fonts = new Fonts(
            Font(11, false, false, null),                 // 0 body
            Font(18, true, false, "FFFFFF"),              // 1 title
            Font(11, false, true, "FFFFFF"),              // 2 subtitle
            Font(11, true, false, "FFFFFF"),              // 3 header
            Font(11, true, false, Navy),                  // 4 summary label
            Font(9, false, true, "595959"),               // 5 note
            Font(11, true, false, "C00000"));             // 6 gap

        var fills = new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            Solid(Navy),        // 2
            Solid(Green),       // 3
            Solid(LightGreen),  // 4
            Solid("FCE4D6"));   // 5 gap

        var thin = new Color { Rgb = "FFBFBFBF" };
        var borders = new Borders(
            new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()),
            new Border(
                new LeftBorder(thin.CloneNode(true)) { Style = BorderStyleValues.Thin },
                new RightBorder(thin.CloneNode(true)) { Style = BorderStyleValues.Thin },
                new TopBorder(thin.CloneNode(true)) { Style = BorderStyleValues.Thin },
                new BottomBorder(thin.CloneNode(true)) { Style = BorderStyleValues.Thin },
                new DiagonalBorder()));

        var xfs = new CellFormats(
            Xf(0, 0, 0, 0),                                                   // Default
            Xf(0, 1, 2, 0, Align(HorizontalAlignmentValues.Left, VerticalAlignmentValues.Center)),   // Title
            Xf(0, 2, 3, 0, Align(HorizontalAlignmentValues.Left, VerticalAlignmentValues.Center)),   // Subtitle
            Xf(0, 3, 2, 1, Align(HorizontalAlignmentValues.Center, VerticalAlignmentValues.Center, wrap: true)), // Header
            Xf(0, 0, 0, 1, Align(null, VerticalAlignmentValues.Top, wrap: true)),                   // Text
            Xf(164, 0, 0, 1, Align(HorizontalAlignmentValues.Center, VerticalAlignmentValues.Top)),  // Date
            Xf(165, 0, 0, 1, Top()),                                          // Money0
            Xf(166, 0, 0, 1, Top()),                                          // Money2
            Xf(167, 0, 0, 1, Top()),                                          // Percent0
            Xf(168, 0, 0, 1, Top()),                                          // Percent1
            Xf(169, 0, 0, 1, Top()),                                          // Percent2
            Xf(3, 0, 0, 1, Top()),                                            // Count
            Xf(170, 0, 0, 1, Top()),                                          // Decimal
            Xf(171, 0, 0, 1, Top()),                                          // Seconds
            Xf(0, 0, 0, 1, Align(HorizontalAlignmentValues.Center, VerticalAlignmentValues.Top)),   // Centered
            Xf(0, 4, 4, 1, Align(null, VerticalAlignmentValues.Center)),      // SummaryLabel
            Xf(3, 4, 0, 1, Align(HorizontalAlignmentValues.Right, VerticalAlignmentValues.Center)), // SummaryCount
            Xf(165, 4, 0, 1, Align(HorizontalAlignmentValues.Right, VerticalAlignmentValues.Center)), // SummaryMoney
            Xf(167, 4, 0, 1, Align(HorizontalAlignmentValues.Right, VerticalAlignmentValues.Center)), // SummaryPercent
            Xf(0, 5, 0, 0, Align(null, VerticalAlignmentValues.Top, wrap: true)),                   // Note
            Xf(0, 6, 5, 1, Align(null, VerticalAlignmentValues.Top, wrap: true)),                   // Gap
            Xf(0, 4, 0, 0, Align(null, VerticalAlignmentValues.Center)),      // Bold
            Xf(0, 4, 4, 1, Align(null, VerticalAlignmentValues.Top, wrap: true)));  // Lever

        var dxfs = new DifferentialFormats(
            Dxf("006100", "C6EFCE", bold: false),
            Dxf("9C5700", "FFEB9C", bold: false),
            Dxf("9C0006", "FFC7CE", bold: false),
            Dxf("9C0006", "FFC7CE", bold: true));

        return new Stylesheet(
            formats, fonts, fills, borders,
            new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }),
            xfs,
            new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }),
            dxfs);
    }

    private static NumberingFormat Fmt(uint id, string code) => new() { NumberFormatId = id, FormatCode = code };

    private static Font Font(double size, bool bold, bool italic, string? rgb)
    {
        var font = new Font();
        if (bold)
            font.Append(new Bold());
        if (italic)
            font.Append(new Italic());
        font.Append(new FontSize { Val = size });
        font.Append(rgb is null ? new Color { Theme = 1 } : new Color { Rgb = "FF" + rgb });
        font.Append(new FontName { Val = "Calibri" });
        font.Append(new FontFamilyNumbering { Val = 2 });
        return font;
    }

    private static Fill Solid(string rgb) => new(new PatternFill(
        new ForegroundColor { Rgb = "FF" + rgb }, new BackgroundColor { Indexed = 64 })
    { PatternType = PatternValues.Solid });

    private static Alignment Top() => Align(null, VerticalAlignmentValues.Top);

    private static Alignment Align(HorizontalAlignmentValues? h, VerticalAlignmentValues v, bool wrap = false)
    {
        var a = new Alignment { Vertical = v };
        if (h is { } horizontal)
            a.Horizontal = horizontal;
        if (wrap)
            a.WrapText = true;
        return a;
    }

    private static CellFormat Xf(uint numFmt, uint font, uint fill, uint border, Alignment? alignment = null)
    {
        var xf = new CellFormat
        {
            NumberFormatId = numFmt, FontId = font, FillId = fill, BorderId = border, FormatId = 0,
            ApplyNumberFormat = numFmt != 0, ApplyFont = font != 0, ApplyFill = fill != 0, ApplyBorder = border != 0,
        };
        if (alignment is not null)
        {
            xf.Append(alignment);
            xf.ApplyAlignment = true;
        }
        return xf;
    }

    private static DifferentialFormat Dxf(string font, string fill, bool bold)
    {
        var f = new Font();
        if (bold)
            f.Append(new Bold());
        f.Append(new Color { Rgb = "FF" + font });
        return new DifferentialFormat(f, new Fill(new PatternFill(new BackgroundColor { Rgb = "FF" + fill })));
    }

    /// <summary>How a KPI value of this unit is shown: 25,0 %, 3,50 €, 1 234.</summary>
    public static uint ForUnit(Kpis.KpiUnit unit, decimal? value) => unit switch
    {
        Kpis.KpiUnit.Percent => value is { } v && Math.Abs(v) < 0.01m ? Percent2 : Percent1,
        Kpis.KpiUnit.Currency => Money2,
        Kpis.KpiUnit.Seconds => Seconds,
        Kpis.KpiUnit.Rank or Kpis.KpiUnit.Ratio => Decimal,
        _ => Count,
    };
}
