using System.IO.Compression;
using System.Text;
using System.Xml;
using Pilote.Common;
using Pilote.Office.Reading;

namespace Pilote.Office.Tests.Common;

/// <summary>
/// The streamed reader on sheets written as other tools write them: shared strings with rich text and phonetic hints,
/// inline strings, gaps between cells and rows, cells without references, booleans, ISO dates, formulas with cached values.
/// </summary>
public sealed class WorkbookReaderTests
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    private static string Write(string sheetData, string? shared = null, string name = "book.xlsx", string? sheetXml = null, Encoding? sheetEncoding = null)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("pilote-reader-").FullName, name);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        void Part(string entry, string xml)
        {
            using var w = new StreamWriter(zip.CreateEntry(entry).Open(), entry.Contains("sheet1", StringComparison.Ordinal) && sheetEncoding is not null ? sheetEncoding : new UTF8Encoding(false));
            w.Write(xml);
        }
        Part("[Content_Types].xml", """
            <?xml version="1.0" encoding="UTF-8"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
              <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
              <Default Extension="xml" ContentType="application/xml"/>
              <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
              <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
              <Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
            </Types>
            """);
        Part("_rels/.rels", $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
              <Relationship Id="rId1" Type="{Rel}/officeDocument" Target="xl/workbook.xml"/>
            </Relationships>
            """);
        Part("xl/workbook.xml", $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <workbook xmlns="{Main}" xmlns:r="{Rel}"><sheets><sheet name="Plan" sheetId="1" r:id="rId1"/></sheets></workbook>
            """);
        Part("xl/_rels/workbook.xml.rels", $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
              <Relationship Id="rId1" Type="{Rel}/worksheet" Target="worksheets/sheet1.xml"/>
              <Relationship Id="rId2" Type="{Rel}/sharedStrings" Target="sharedStrings.xml"/>
            </Relationships>
            """);
        Part("xl/worksheets/sheet1.xml", sheetXml ?? $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <worksheet xmlns="{Main}"><sheetData>{sheetData}</sheetData><mergeCells count="1"><mergeCell ref="A5:A6"/></mergeCells></worksheet>
            """);
        Part("xl/sharedStrings.xml", $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <sst xmlns="{Main}">{shared ?? ""}</sst>
            """);
        return path;
    }

    private static void Cells(SheetRow row, params string?[] expected) => Assert.Equal<IEnumerable<string?>>(expected, row.Cells);

    [Fact]
    public void Cells_land_in_their_columns_with_shared_inline_boolean_date_and_formula_values()
    {
        var path = Write(
            """
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row>
            <row r="2"><c r="B2" t="inlineStr"><is><r><t>Lan</t></r><r><rPr><b/></rPr><t xml:space="preserve">cement </t></r></is></c><c r="D2" t="b"><v>1</v></c></row>
            <row r="3"/>
            <row r="5" spans="1:4"><c r="A5" s="3"><v>46082</v></c><c r="B5" t="d"><v>2026-03-12T00:00:00</v></c><c r="E5"><f>1+1</f><v>2</v></c><c r="F5" t="str"><f>"a"&amp;"b"</f><v>ab</v></c></row>
            <row><c><v>1250.5</v></c><c t="s"><v>2</v></c><c r="AA7" t="inlineStr"><is><t>loin</t></is></c></row>
            <row r="8"><c r="B8" s="1"/></row>
            """,
            """<si><t>Action</t></si><si><r><t>Éché</t></r><r><t>ance</t></r><rPh sb="0" eb="1"><t>ハ</t></rPh></si><si><t xml:space="preserve"> SEO </t></si>""");
        using var book = new WorkbookReader(path);

        var rows = book.Rows("Plan").ToList();

        Assert.Equal([1, 2, 5, 6, 8], rows.Select(r => r.Number));
        Cells(rows[0], "Action", null, "Échéance");
        Cells(rows[1], null, "Lancement ", null, "TRUE");
        Cells(rows[2], "46082", "2026-03-12T00:00:00", null, null, "2", "ab");
        // A cell without a reference follows the one before it; a far column keeps its place.
        Assert.Equal(27, rows[3].Cells.Length);
        Assert.Equal(("1250.5", " SEO ", "loin"), (rows[3][0], rows[3][1], rows[3][26]));
        Assert.True(rows[4].IsBlank);
        Assert.Equal([new MergedRange(1, 5, 1, 6)], book.MergedRanges("Plan"));
        // The same sheet reads again, from the start.
        Assert.Equal(5, book.Rows("Plan").Count());
    }

    [Fact]
    public void Merged_ranges_are_found_after_the_data_with_or_without_a_prefix_and_never_in_a_cells_text()
    {
        // A cell whose text names the element, escaped as a sheet escapes it; prefixed tags, as some tools write them;
        // elements after the list; a sheet with no merged cell at all.
        var rows = string.Concat(Enumerable.Range(1, 3000).Select(r =>
            $"""<x:row r="{r}"><x:c r="A{r}" t="inlineStr"><x:is><x:t>&lt;mergeCells count="1"&gt;&lt;mergeCell ref="Z1:Z9"/&gt; {r}</x:t></x:is></x:c></x:row>"""));
        var prefixed = Write("", name: "prefixed.xlsx", sheetXml: $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <x:worksheet xmlns:x="{Main}"><x:sheetData>{rows}</x:sheetData><x:mergeCells count="2"><x:mergeCell ref="A5:A6"/><x:mergeCell
              ref = 'B2:D2' /></x:mergeCells><x:pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></x:worksheet>
            """);
        var none = Write("", name: "none.xlsx", sheetXml: $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <worksheet xmlns="{Main}"><sheetData>{rows.Replace("x:", "", StringComparison.Ordinal)}</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>
            """);

        using (var book = new WorkbookReader(prefixed))
        {
            Assert.Equal([new MergedRange(1, 5, 1, 6), new MergedRange(2, 2, 4, 2)], book.MergedRanges("Plan"));
            Assert.Equal("<mergeCells count=\"1\"><mergeCell ref=\"Z1:Z9\"/> 3000", book.Rows("Plan").Last()[0]);
        }
        using (var book = new WorkbookReader(none))
            Assert.Empty(book.MergedRanges("Plan"));
    }

    [Fact]
    public void Excel_escapes_in_shared_inline_and_formula_strings_are_decoded()
    {
        // As Excel saves them: a carriage return as _x000D_, a literal "_x0041_" with its underscore escaped as _x005F_,
        // lowercase hex too; an underscore that starts no escape stays as it is.
        var path = Write(
            """
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>
            <row r="2"><c r="A2" t="inlineStr"><is><t>fin_x000d_</t></is></c><c r="B2" t="str"><f>"a"&amp;CHAR(13)</f><v>a_x000D_</v></c><c r="C2" t="s"><v>3</v></c></row>
            """,
            """
            <si><t xml:space="preserve">ligne 1_x000D_
            ligne 2</t></si><si><r><t>code _x005F_x0041_</t></r><r><t> et _x0041_</t></r></si><si><t>utm_x_source _x12_ _x00G1_</t></si><si><t>_x005F_</t></si>
            """);
        using var book = new WorkbookReader(path);

        var rows = book.Rows("Plan").ToList();

        Cells(rows[0], "ligne 1\r\nligne 2", "code _x0041_ et A", "utm_x_source _x12_ _x00G1_");
        Cells(rows[1], "fin\r", "a\r", "_");
    }

    [Fact]
    public void Xml_as_any_writer_may_write_it_entities_references_cdata_comments_and_line_ends()
    {
        // Line ends inside a text are read as XML reads them ("\r\n" and a lone "\r" are "\n"), a character reference
        // keeps its character; a ">" may stand in an attribute's value; comments, processing instructions and CDATA.
        var path = Write(
            "<!-- rows --><row r=\"1\" note=\"a > b\"><c r=\"A1\" t=\"inlineStr\"><is><t>Caf&#233; &amp; th&#xE9; &lt;b&gt; &quot;x&quot; &apos;y&apos; &#x1F600;</t></is></c>"
            + "<c r=\"B1\" t=\"inlineStr\"><is><t><![CDATA[<pas une balise> & rien]]></t></is></c><?pi ignored?>"
            + "<c r=\"C1\" t=\"inlineStr\"><is><t>un\r\ndeux\rtrois&#13;quatre</t></is></c><c r=\"D1\"><v> 12 </v></c></row>"
            + "<row r='&#50;'><c r='A2' t='inlineStr'><is><t>guillemets simples</t></is></c><c r='&#67;2' t='inline&#83;tr'><is><t>référence</t></is></c></row>");
        using var book = new WorkbookReader(path);

        var rows = book.Rows("Plan").ToList();

        Cells(rows[0], "Café & thé <b> \"x\" 'y' 😀", "<pas une balise> & rien", "un\ndeux\ntrois\rquatre", " 12 ");
        // Attribute values spelt with character references: row 2, cell C2, an inline string.
        Assert.Equal(2, rows[1].Number);
        Cells(rows[1], "guillemets simples", null, "référence");
    }

    [Fact]
    public void A_sheet_saved_in_utf16_reads_as_in_utf8()
    {
        var xml = $"""<?xml version="1.0" encoding="UTF-16"?><worksheet xmlns="{Main}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Réseaux sociaux — été</t></is></c></row></sheetData><mergeCells count="1"><mergeCell ref="A1:A3"/></mergeCells></worksheet>""";
        var path = Write("", name: "utf16.xlsx", sheetXml: xml, sheetEncoding: new UnicodeEncoding(false, true));
        using var book = new WorkbookReader(path);

        Assert.Equal("Réseaux sociaux — été", Assert.Single(book.Rows("Plan"))[0]);
        // Its merged cells too: the part's bytes are searched once made UTF-8.
        Assert.Equal(new MergedRange(1, 1, 1, 3), Assert.Single(book.MergedRanges("Plan")));
    }

    [Fact]
    public void Long_texts_and_many_rows_cross_the_readers_buffer_intact()
    {
        // Texts of every length up to 100 000 characters with accents, emoji, entities and spaces, over a part of several
        // MB, written by .NET's XmlWriter (its escaping, not ours): each cell reads back as written, in its column.
        var random = new Random(7);
        const string Alphabet = "abcdefghijklmnopqrstuvwxyz ABCXYZ 0123456789 éèàçœÉ €£ <>&\"' _x \t\n 😀 漢字";
        string Text(int length)
        {
            var sb = new StringBuilder(length);
            while (sb.Length < length)
            {
                var i = random.Next(Alphabet.Length);
                sb.Append(char.IsHighSurrogate(Alphabet[i]) ? Alphabet.Substring(i, 2) : char.IsLowSurrogate(Alphabet[i]) ? "z" : Alphabet[i].ToString());
            }
            return sb.ToString();
        }
        var expected = new List<string?[]>();
        var body = new StringBuilder();
        using (var writer = XmlWriter.Create(body, new XmlWriterSettings { OmitXmlDeclaration = true, ConformanceLevel = ConformanceLevel.Fragment }))
            for (var r = 1; r <= 3000; r++)
            {
                var cells = new string?[] { Text(random.Next(0, 40)), null, Text(r % 500 == 0 ? 100_000 : random.Next(0, 300)), Text(random.Next(1, 5)) };
                expected.Add(cells);
                writer.WriteStartElement("row", Main);
                writer.WriteAttributeString("r", r.ToString(System.Globalization.CultureInfo.InvariantCulture));
                for (var c = 0; c < cells.Length; c++)
                {
                    if (cells[c] is not { } text)
                        continue;
                    writer.WriteStartElement("c", Main);
                    writer.WriteAttributeString("r", $"{(char)('A' + c)}{r}");
                    writer.WriteAttributeString("t", "inlineStr");
                    writer.WriteStartElement("is", Main);
                    writer.WriteStartElement("t", Main);
                    writer.WriteAttributeString("xml", "space", null, "preserve");
                    writer.WriteString(text);
                    writer.WriteEndElement();
                    writer.WriteEndElement();
                    writer.WriteEndElement();
                }
                writer.WriteEndElement();
            }
        var path = Write("", name: "long.xlsx", sheetXml: $"""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{Main}"><sheetData>{body}</sheetData></worksheet>""");
        using var book = new WorkbookReader(path);

        var rows = book.Rows("Plan").ToList();

        Assert.Equal(3000, rows.Count);
        for (var r = 0; r < rows.Count; r++)
            Assert.Equal<IEnumerable<string?>>(expected[r].Select(t => t == "" ? "" : t), rows[r].Cells);
    }

    [Theory]
    [InlineData("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>a &nbsp; b</t></is></c></row></sheetData>", "nbsp")]
    [InlineData("<row r=\"1\">\n<c r=\"A1\" t=\"inlineStr\"><is><t>sans fin", "line 2")]
    [InlineData("<row r=\"1\"><c r=\"A1 t=\"s\"><v>0</v></c></row></sheetData>", "")]
    public void Malformed_parts_are_refused_with_what_and_where(string data, string says)
    {
        var path = Write("", name: "mal.xlsx", sheetXml: $"""<worksheet xmlns="{Main}"><sheetData>{data}</worksheet>""");
        using var book = new WorkbookReader(path);

        var ex = Assert.Throws<PiloteInputException>(() => book.Rows("Plan").ToList());

        Assert.StartsWith("mal.xlsx: sheet Plan is unreadable, invalid XML (", ex.Message);
        Assert.Contains(says, ex.Message);
    }

    [Fact]
    public void A_broken_merged_cell_list_is_refused_with_its_line_in_the_sheet()
    {
        // The list is read from the bytes after the data: its line still counts from the top of the sheet.
        var path = Write("", name: "fusion.xlsx", sheetXml: $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <worksheet xmlns="{Main}"><sheetData><row r="1"><c r="A1"><v>1</v></c></row>
            </sheetData>
            <mergeCells count="1"><mergeCell ref="A1:A2"></mergeCells></worksheet>
            """);
        using var book = new WorkbookReader(path);

        var ex = Assert.Throws<PiloteInputException>(() => book.MergedRanges("Plan"));

        Assert.Equal("fusion.xlsx: sheet Plan is unreadable, invalid XML (the end tag </mergeCells> does not match <mergeCell>, line 4)", ex.Message);
    }

    [Fact]
    public void A_dtd_is_refused_as_xml_readers_refuse_it()
    {
        // Entity declarations are how "billion laughs" bombs expand: no DTD is read at all.
        var path = Write("", name: "dtd.xlsx", sheetXml: $"""<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">]><worksheet xmlns="{Main}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&a;</t></is></c></row></sheetData></worksheet>""");
        using var book = new WorkbookReader(path);

        var ex = Assert.Throws<PiloteInputException>(() => book.Rows("Plan").ToList());

        Assert.Equal("dtd.xlsx: sheet Plan is unreadable, invalid XML (a DTD is not allowed in a workbook part, line 1)", ex.Message);
    }

    [Fact]
    public void Broken_sheet_xml_is_refused_with_the_file_and_the_sheet()
    {
        var path = Write("", name: "cassé.xlsx", sheetXml: $"""<worksheet xmlns="{Main}"><sheetData><row r="1"><c r="A1"><v>1</v></row></sheetData></worksheet>""");
        using var book = new WorkbookReader(path);

        var ex = Assert.Throws<PiloteInputException>(() => book.Rows("Plan").ToList());

        Assert.StartsWith("cassé.xlsx: sheet Plan is unreadable, invalid XML (", ex.Message);
        Assert.Contains("</row> does not match <c>, line 1", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void A_cell_reference_beyond_excels_last_column_is_refused_with_its_row()
    {
        var path = Write("""<row r="4"><c r="ZZZZ4"><v>1</v></c></row>""", name: "large.xlsx");
        using var book = new WorkbookReader(path);

        var ex = Assert.Throws<PiloteInputException>(() => book.Rows("Plan").ToList());

        Assert.Equal("large.xlsx: sheet Plan, row 4: cell reference 'ZZZZ4' is not an Excel column (A to XFD)", ex.Message);
    }

    [Fact]
    public void Parts_are_found_through_the_packages_relationships_wherever_they_lie()
    {
        // Targets absolute, relative with "..", percent-encoded, in another case than the zip's names; the relationship
        // namespace under another prefix; a chart sheet before the data; a sheet whose part is missing.
        var path = Path.Combine(Directory.CreateTempSubdirectory("pilote-reader-").FullName, "ailleurs.xlsx");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            void Part(string entry, string xml)
            {
                using var w = new StreamWriter(zip.CreateEntry(entry).Open(), new UTF8Encoding(false));
                w.Write(xml);
            }
            Part("[Content_Types].xml", """<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>""");
            Part("_rels/.rels", $"""<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="a" Type="{Rel}/officeDocument" Target="/xl/workbook.xml"/></Relationships>""");
            Part("xl/workbook.xml", $"""
                <workbook xmlns="{Main}" xmlns:rel="{Rel}"><sheets><sheet name="Graphique" sheetId="1" rel:id="g"/>
                <sheet name="Donn&#233;es" sheetId="2" rel:id="d"/><sheet name="Perdue" sheetId="3" rel:id="p"/></sheets></workbook>
                """);
            Part("xl/_rels/workbook.xml.rels", $"""
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                  <Relationship Id="g" Type="{Rel}/chartsheet" Target="chartsheets/sheet1.xml"/>
                  <Relationship Id="d" Type="{Rel}/worksheet" Target="/xl/Data/Feuille%201.xml"/>
                  <Relationship Id="p" Type="{Rel}/worksheet" Target="worksheets/absent.xml"/>
                  <Relationship Id="s" Type="{Rel}/sharedStrings" Target="../xl/./strings.xml"/>
                  <Relationship Id="x" Type="{Rel}/hyperlink" Target="https://example.org/" TargetMode="External"/>
                </Relationships>
                """);
            Part("xl/chartsheets/sheet1.xml", $"""<chartsheet xmlns="{Main}"/>""");
            Part("xl/data/feuille 1.xml", $"""<worksheet xmlns="{Main}"><sheetData><row r="2"><c r="B2" t="s"><v>0</v></c><c r="C2"><v>3.5</v></c></row></sheetData></worksheet>""");
            Part("XL/Strings.xml", $"""<sst xmlns="{Main}"><si><t>Refonte du site</t></si></sst>""");
        }
        using var book = new WorkbookReader(path);

        Assert.Equal(["Graphique", "Données", "Perdue"], book.SheetNames);
        var row = Assert.Single(book.Rows("Données"));
        Assert.Equal(2, row.Number);
        Cells(row, null, "Refonte du site", "3.5");
        Assert.Equal("ailleurs.xlsx: sheet 'Graphique' is a chart sheet, not a table",
            Assert.Throws<PiloteInputException>(() => book.Rows("Graphique").ToList()).Message);
        Assert.Equal("ailleurs.xlsx: not a readable .xlsx workbook (the part xl/worksheets/absent.xml of sheet 'Perdue' is missing)",
            Assert.Throws<PiloteInputException>(() => book.Rows("Perdue").ToList()).Message);
    }

    [Fact]
    public void Shared_strings_over_the_memory_budget_read_back_from_disk_exactly_as_from_memory()
    {
        // Texts in every shape the table holds: accents and emoji (4-byte UTF-8), rich-text runs, Excel's _x000D_ escape,
        // empty items, and texts longer than the 64 KB window the disk table reads through.
        const int Items = 3000;
        static string Item(int i) => i switch
        {
            _ when i % 997 == 5 => $"<si><t>{new string('é', 70_000)}{i}</t></si>",
            _ when i % 50 == 7 => "<si><t/></si>",
            _ when i % 31 == 2 => $"<si><r><t>Ligne {i}_x000D_</t></r><r><rPr><b/></rPr><t xml:space=\"preserve\"> suite 🚀</t></r></si>",
            _ => $"<si><t>Action n°{i} — Léa &amp; Théo « printemps » 🎯</t></si>",
        };
        // Each row asks for a new text in order, one anywhere in the table, and one asked for on every row.
        var rows = string.Concat(Enumerable.Range(1, Items).Select(r =>
            $"""<row r="{r}"><c r="A{r}" t="s"><v>{r - 1}</v></c><c r="B{r}" t="s"><v>{(r * 7919L) % Items}</v></c><c r="C{r}" t="s"><v>3</v></c></row>"""));
        var path = Write(rows, string.Concat(Enumerable.Range(0, Items).Select(Item)));

        List<string?[]> Read(long? held, bool onDisk)
        {
            using var book = held is { } budget ? new WorkbookReader(path, sharedStringsHeld: budget) : new WorkbookReader(path);
            var read = book.Rows("Plan").Select(r => r.Cells.ToArray()).ToList();
            Assert.Equal(onDisk, book.SharedStringsOnDisk);
            if (onDisk)
            {
                // The table's file has no name while the reader is open: a process killed mid-import leaves nothing in
                // the temporary folder. Seen from the descriptors this process holds.
                var tables = new DirectoryInfo("/proc/self/fd").GetFiles().Select(fd => fd.LinkTarget ?? "")
                    .Where(t => t.Contains("pilote-strings-", StringComparison.Ordinal)).ToList();
                Assert.NotEmpty(tables);
                Assert.All(tables, t => Assert.EndsWith(" (deleted)", t, StringComparison.Ordinal));
            }
            // A second pass over the sheet reads the same texts again.
            Assert.Equal(read[^1], book.Rows("Plan").Last().Cells);
            return read;
        }
        var fromMemory = Read(held: null, onDisk: false);
        var fromDisk = Read(held: 4096, onDisk: true);

        Assert.Equal(Items, fromDisk.Count);
        Assert.Equal(fromMemory, fromDisk);
        Assert.Equal("Action n°0 — Léa & Théo « printemps » 🎯", fromDisk[0][0]);
        Assert.Equal("Ligne 33\r suite 🚀", fromDisk[33][0]);
        Assert.Equal("", fromDisk[7][0]);
        Assert.Equal(new string('é', 70_000) + "2996", fromDisk[2996][0]);
    }
}
