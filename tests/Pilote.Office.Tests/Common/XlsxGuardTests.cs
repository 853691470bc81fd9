using System.IO.Compression;
using Pilote.Common;
using Pilote.Office.Common;
using Pilote.Office.Plans;
using Pilote.Testing;

namespace Pilote.Office.Tests.Common;

public sealed class XlsxGuardTests : IDisposable
{
    private readonly string _folder = DemoPlans.Folder();

    public void Dispose() => Directory.Delete(_folder, true);

    private string Zip(string file, params (string Name, byte[] Content)[] entries)
    {
        var path = Path.Combine(_folder, file);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, content) in entries)
        {
            using var s = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
            s.Write(content);
        }
        return path;
    }

    private static string Refusal(string path, XlsxLimits? limits = null) =>
        Assert.Throws<PiloteInputException>(() => XlsxGuard.Check(path, limits)).Message;

    [Fact]
    public async Task A_workbook_pilote_wrote_passes()
    {
        await using var db = await DemoPlans.LoadAsync("sqlite");
        var (report, channels) = await DemoPlans.ReportAsync(db, Demo.DemoWorkspace.LocalScopeName);
        var path = Path.Combine(_folder, "plan.xlsx");
        await using (var stream = File.Create(path))
            KpiDrivenWorkbook.Write(report, channels, stream, true, DemoPlans.Clock.GetUtcNow());
        XlsxGuard.Check(path);
    }

    [Fact]
    public void Each_dangerous_or_wrong_file_is_refused_with_its_reason()
    {
        var workbook = ("xl/workbook.xml", "<workbook/>"u8.ToArray());

        var text = Path.Combine(_folder, "notes.xlsx");
        File.WriteAllText(text, "activité;canal\nSEO;seo\n");
        Assert.Equal("notes.xlsx: not an .xlsx workbook (the content is not a zip package; was another file renamed?)", Refusal(text));

        var encrypted = Path.Combine(_folder, "secret.xlsx");
        File.WriteAllBytes(encrypted, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0]);
        Assert.Contains("password-protected", Refusal(encrypted));

        Assert.Contains("macros (.xlsm)", Refusal(Zip("plan.xlsm", workbook)));
        Assert.Contains("contains macros (xl/vbaProject.bin)", Refusal(Zip("renamed.xlsx", workbook, ("xl/vbaProject.bin", [1, 2, 3]))));
        Assert.Contains("no xl/workbook.xml", Refusal(Zip("other.xlsx", ("word/document.xml", "<w/>"u8.ToArray()))));

        var bomb = Zip("bomb.xlsx", workbook, ("xl/worksheets/sheet1.xml", new byte[20 * 1024 * 1024]));
        Assert.Contains("suspicious ratio", Refusal(bomb));

        var many = Zip("many.xlsx", [workbook, .. Enumerable.Range(0, 30).Select(i => ($"xl/media/{i}.txt", new byte[] { 1 }))]);
        Assert.Contains("31 zip entries is over the limit of 20", Refusal(many, new XlsxLimits(MaxEntries: 20)));

        var big = Zip("big.xlsx", workbook, ("xl/sharedStrings.xml", System.Text.Encoding.UTF8.GetBytes(new string('a', 5000))));
        Assert.Contains("holds more than 1000 characters", Refusal(big, new XlsxLimits(MaxPartCharacters: 1000)));
        Assert.Contains("over the 0 MB limit", Refusal(big, new XlsxLimits(MaxFileBytes: 100)));
    }
}
