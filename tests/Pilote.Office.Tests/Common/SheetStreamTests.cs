using DocumentFormat.OpenXml.Spreadsheet;
using Pilote.Office.Common;
using Pilote.Office.Reading;
using S = Pilote.Office.Common.WorkbookStyles;

namespace Pilote.Office.Tests.Common;

/// <summary>
/// Whatever a user typed comes back from the file exactly (bar the characters XML cannot carry), as text and never as a
/// formula, in a package the SDK's validator accepts; carriage returns and "_x…_" look-alikes are stored as Excel stores
/// them and read back by Pilote's own reader.
/// </summary>
public sealed class SheetStreamTests
{
    // A long text with accented letters and an emoji, so that it crosses the writers' buffers mid-character.
    private static readonly string Long = string.Concat(Enumerable.Repeat("Déjà vu 🚀 & <b> ", 9_000));

    public static TheoryData<string, string> Texts => new()
    {
        { "=HYPERLINK(\"http://evil\",\"clic\")", "=HYPERLINK(\"http://evil\",\"clic\")" },
        { "+33 6 12 34 56 78", "+33 6 12 34 56 78" },
        { "a & b < c > d \"e\" 'f'", "a & b < c > d \"e\" 'f'" },
        { "ligne 1\r\nligne 2\nligne 3", "ligne 1\r\nligne 2\nligne 3" },
        { "\r=1+1\r", "\r=1+1\r" },
        { "tapé tel quel : _x000D_ et _x005F_", "tapé tel quel : _x000D_ et _x005F_" },
        { "utm_source_x_1 _x12_ _x00G1_ _xABCD", "utm_source_x_1 _x12_ _x00G1_ _xABCD" },
        { "  espaces autour  ", "  espaces autour  " },
        { "tab\tet\u0001contrôle\u0000\uFFFF fin", "tab\tetcontrôle fin" },
        { "émoji 🚀, 中文, Ω", "émoji 🚀, 中文, Ω" },
        { "moitié \uD800 de paire", "moitié \uFFFD de paire" },
        { "]]> fin de CDATA", "]]> fin de CDATA" },
        { Long, Long },
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void Text_reads_back_as_typed_and_stays_text(string typed, string expected)
    {
        var folder = DemoPlans.Folder();
        var path = Path.Combine(folder, "texte.xlsx");
        using (var stream = File.Create(path))
        using (var package = new WorkbookPackage(stream, "EUR"))
            TableSheet.Write(package, "Feuille", "TFeuille", "Titre & <sous-titre>",
                [new("texte", 40), new("montant", 12, S.Money2), new("formule", 12, S.Decimal)],
                [[typed, 1234.5m, new LiveFormula("IF(B4>1,\"a&b\",\"<c>\")", 2m)]]);

        Assert.Empty(Workbooks.ValidationErrors(path));
        using var book = new Workbooks(path);
        var cell = book.Cell("Feuille", "A4")!;
        Assert.Equal(CellValues.InlineString, cell.DataType?.Value);
        Assert.Null(cell.CellFormula);
        using (var reader = new WorkbookReader(path))
        {
            var rows = reader.Rows("Feuille").ToDictionary(r => r.Number);
            Assert.Equal(expected, rows[4][0]);
            Assert.Equal("Titre & <sous-titre>", rows[1][0]);
        }
        Assert.Equal("1234.5", book.Text("Feuille", "B4"));
        var formula = book.Cell("Feuille", "C4")!;
        Assert.Equal("IF(B4>1,\"a&b\",\"<c>\")", formula.CellFormula!.Text);
        Assert.Equal("2", formula.CellValue!.Text);
        Directory.Delete(folder, true);
    }

    [Fact]
    public void Carriage_returns_and_escape_look_alikes_are_stored_as_excel_stores_them()
    {
        var folder = DemoPlans.Folder();
        var path = Path.Combine(folder, "cr.xlsx");
        using (var stream = File.Create(path))
        using (var package = new WorkbookPackage(stream, "EUR"))
            TableSheet.Write(package, "Feuille", "TFeuille", "Titre", [new("texte", 40), new("autre", 40)],
                [["ligne 1\r\nligne 2", "_x000D_ tapé, utm_x_1"]]);

        using var book = new Workbooks(path);
        // What Excel itself writes for these texts: a reader that does not decode sees the escapes, never a lost "\r".
        Assert.Equal("ligne 1_x000D_\nligne 2", book.Text("Feuille", "A4"));
        Assert.Equal("_x005F_x000D_ tapé, utm_x_1", book.Text("Feuille", "B4"));
        Directory.Delete(folder, true);
    }
}
