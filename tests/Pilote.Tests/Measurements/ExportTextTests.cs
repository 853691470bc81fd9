using System.Text;
using Pilote.Measurements.Readers;

namespace Pilote.Tests.Measurements;

/// <summary>How a CSV's bytes are read: UTF-8 whatever the block a character falls across, else Excel's Windows-1252.</summary>
public sealed class ExportTextTests
{
    private static string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("pilote-text-").FullName, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Theory]
    [InlineData(65_535)] // "é" (C3 A9) cut by the end of the first 64 KiB block
    [InlineData(65_534)] // both whole, "€" opening the second block
    [InlineData(65_533)] // "€" (E2 82 AC) cut after its first byte
    public void A_utf8_file_is_utf8_wherever_a_character_falls_across_the_reading_blocks(int offset)
    {
        var text = new string('a', offset) + "é€ fin";
        var path = Write("utf8.csv", new UTF8Encoding(false).GetBytes(text));

        Assert.True(ExportText.IsUtf8(path));
        Assert.IsType<UTF8Encoding>(ExportText.DetectSpreadsheet(path));
    }

    [Fact]
    public void A_windows_1252_file_is_read_as_windows_1252_and_a_utf8_one_with_its_mark_stays_utf8()
    {
        var text = "Activité;Budget\r\nSalon « Rennes »;1\u00A0200 €\r\n";
        var legacy = Write("excel.csv", ExportText.Windows1252.GetBytes(text));
        Assert.False(ExportText.IsUtf8(legacy));
        Assert.Same(ExportText.Windows1252, ExportText.DetectSpreadsheet(legacy));
        Assert.Equal(text, File.ReadAllText(legacy, ExportText.DetectSpreadsheet(legacy)));

        var marked = Write("marked.csv", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)]);
        Assert.True(ExportText.IsUtf8(marked));
        Assert.IsType<UTF8Encoding>(ExportText.DetectSpreadsheet(marked));
        // A tool's export is never guessed: the strict reading still refuses the Windows-1252 bytes.
        Assert.IsType<UTF8Encoding>(ExportText.Detect(legacy));
    }

    [Fact]
    public void A_byte_order_mark_is_not_read_as_part_of_the_first_field()
    {
        // Excel's « CSV UTF-8 » and Meta Ads start with EF BB BF; Google Ads' « CSV pour Excel » with FF FE (UTF-16).
        var text = "Activité;Budget\r\nNewsletter;1 200 €\r\n";
        foreach (var encoding in new Encoding[] { new UTF8Encoding(true), new UnicodeEncoding(false, true) })
        {
            var path = Write("marked.csv", [.. encoding.GetPreamble(), .. encoding.GetBytes(text)]);
            using (var reader = ExportText.Open(path, ExportText.DetectSpreadsheet(path)))
                Assert.Equal(text, reader.ReadToEnd());
            using var rows = new CsvRows(path, ';');
            Assert.True(rows.Next());
            Assert.Equal("Activité", rows[0]);
        }
    }
}
