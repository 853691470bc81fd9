namespace Pilote.Office.Reports;

/// <summary>The fixed parts every deck needs: one theme (Pilote's colours and fonts), one master, one blank layout.</summary>
internal static class PptxMaster
{
    public const string P = "http://schemas.openxmlformats.org/presentationml/2006/main";
    public const string A = "http://schemas.openxmlformats.org/drawingml/2006/main";
    public const string R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    public const string Ns = $"xmlns:a=\"{A}\" xmlns:r=\"{R}\" xmlns:p=\"{P}\"";

    private const string EmptyTree = """<p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/></p:spTree>""";

    public static string Master(string layoutRelId) => $"""
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <p:sldMaster {Ns}><p:cSld><p:bg><p:bgRef idx="1001"><a:schemeClr val="bg1"/></p:bgRef></p:bg>{EmptyTree}</p:cSld><p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" accent3="accent3" accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" folHlink="folHlink"/><p:sldLayoutIdLst><p:sldLayoutId id="2147483649" r:id="{layoutRelId}"/></p:sldLayoutIdLst></p:sldMaster>
        """;

    public static string Layout(bool french) => $"""
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <p:sldLayout {Ns} type="blank" preserve="1"><p:cSld name="{(french ? "Vide" : "Blank")}">{EmptyTree}</p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>
        """;

    public static string Theme => $"""
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <a:theme xmlns:a="{A}" name="Pilote"><a:themeElements><a:clrScheme name="Pilote"><a:dk1><a:srgbClr val="222222"/></a:dk1><a:lt1><a:srgbClr val="FFFFFF"/></a:lt1><a:dk2><a:srgbClr val="1F3864"/></a:dk2><a:lt2><a:srgbClr val="F2F5FA"/></a:lt2><a:accent1><a:srgbClr val="1F3864"/></a:accent1><a:accent2><a:srgbClr val="548235"/></a:accent2><a:accent3><a:srgbClr val="A5A5A5"/></a:accent3><a:accent4><a:srgbClr val="C55A11"/></a:accent4><a:accent5><a:srgbClr val="2E75B6"/></a:accent5><a:accent6><a:srgbClr val="C00000"/></a:accent6><a:hlink><a:srgbClr val="2E75B6"/></a:hlink><a:folHlink><a:srgbClr val="7030A0"/></a:folHlink></a:clrScheme><a:fontScheme name="Pilote"><a:majorFont><a:latin typeface="Calibri"/><a:ea typeface=""/><a:cs typeface=""/></a:majorFont><a:minorFont><a:latin typeface="Calibri"/><a:ea typeface=""/><a:cs typeface=""/></a:minorFont></a:fontScheme><a:fmtScheme name="Pilote"><a:fillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:fillStyleLst><a:lnStyleLst><a:ln w="9525"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln><a:ln w="12700"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln><a:ln w="19050"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln></a:lnStyleLst><a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst><a:bgFillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:bgFillStyleLst></a:fmtScheme></a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>
        """;

    public static string Presentation(string masterRelId, IReadOnlyList<string> slideRelIds)
    {
        var ids = string.Concat(slideRelIds.Select((id, i) => $"<p:sldId id=\"{256 + i}\" r:id=\"{id}\"/>"));
        return $"""
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <p:presentation {Ns} saveSubsetFonts="1"><p:sldMasterIdLst><p:sldMasterId id="2147483648" r:id="{masterRelId}"/></p:sldMasterIdLst><p:sldIdLst>{ids}</p:sldIdLst><p:sldSz cx="{PptxSlide.Width}" cy="{PptxSlide.Height}"/><p:notesSz cx="6858000" cy="9144000"/></p:presentation>
            """;
    }
}
