using System.Diagnostics;
using Pilote.Actions;
using Pilote.Office.Common;
using Pilote.Office.Plans;
using Pilote.Office.Reading;
using Xunit.Abstractions;
using S = Pilote.Office.Common.WorkbookStyles;

namespace Pilote.Office.Tests.Common;

/// <summary>
/// The heap is measured process-wide (GC.GetTotalMemory): the test runs alone, after the parallel tests, so that
/// no other test's allocations count as this reader's.
/// </summary>
[CollectionDefinition(nameof(ReadMemoryTests), DisableParallelization = true)]
public sealed class ReadMemoryCollection;

/// <summary>Reading streams rows: the heap held while reading does not grow with the sheet.</summary>
[Collection(nameof(ReadMemoryTests))]
public sealed class ReadMemoryTests(ITestOutputHelper output)
{
    private const int Rows = 50_000;

    private static string Generate(string folder)
    {
        var path = Path.Combine(folder, "big.xlsx");
        using var stream = File.Create(path);
        using var package = new WorkbookPackage(stream, "EUR");
        var statuses = new[] { "En cours", "Done", "Not Started", "Fait", "Working on it" };
        TableSheet.Write(package, "Plan", "TPlan", "Plan généré",
            [new("Action", 40), new("Canal", 12), new("Responsable", 14), new("Statut", 12), new("Échéance", 12, S.Date), new("Budget", 12, S.Money0)],
            Enumerable.Range(1, Rows).Select(i => new object?[]
            {
                $"Action générée n°{i} pour la campagne de test", i % 3 == 0 ? "SEO" : "Emailing", $"Personne {i % 17}",
                statuses[i % statuses.Length], new DateOnly(2026, 1, 1).AddDays(i % 365), (decimal)(i % 5000),
            }));
        return path;
    }

    [Fact]
    public void Fifty_thousand_rows_stream_with_a_flat_heap()
    {
        var folder = DemoPlans.Folder();
        var path = Generate(folder);
        output.WriteLine($"file: {new FileInfo(path).Length / 1024} KB");

        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var held = new List<long>();
        var count = 0;
        var rowsOnly = Stopwatch.StartNew();
        using (var book = new WorkbookReader(path))
            foreach (var row in book.Rows("Plan"))
                if (++count % 10_000 == 0)
                    held.Add(GC.GetTotalMemory(forceFullCollection: true) - baseline);
        rowsOnly.Stop();
        Assert.Equal(Rows + 2, count); // title, header and the rows
        output.WriteLine($"WorkbookReader.Rows alone: {rowsOnly.ElapsedMilliseconds} ms");
        output.WriteLine($"heap held while reading: {string.Join(", ", held.Select(h => $"{h / 1024} KB"))}");
        // Flat: the heap at row 50 000 is the heap at row 10 000, give or take a little, and small in absolute terms.
        Assert.True(held.Max() < 8L * 1024 * 1024, $"heap held while reading reached {held.Max() / 1024} KB");
        Assert.True(held[^1] - held[0] < 1024 * 1024, $"heap grew by {(held[^1] - held[0]) / 1024} KB between rows 10 000 and 50 000");

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        var plan = ForeignPlanReader.Read(path, french: false);
        var actions = plan.Actions.ToList();
        watch.Stop();
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        Assert.Equal(Rows, actions.Count);
        Assert.Equal("Action générée n°50000 pour la campagne de test", actions[^1].Title);
        // Rows 49 997 to 50 000 say "Not Started", "Fait", "Working on it", "En cours".
        Assert.Equal([ActionStatus.Planned, ActionStatus.Done, ActionStatus.InProgress, ActionStatus.InProgress], actions.TakeLast(4).Select(a => a.Status));
        Assert.Equal((new DateOnly(2026, 1, 1).AddDays(Rows % 365), 0m), (actions[^1].Due!.Value, actions[^1].Budget!.Value));
        var rate = Rows / watch.Elapsed.TotalSeconds;
        output.WriteLine($"ForeignPlanReader: {watch.ElapsedMilliseconds} ms, {rate:N0} rows/s, {allocated / Rows} bytes allocated per row");
        // Allocation per row bounds the garbage, whatever the count: a DOM load would keep every cell at once.
        Assert.True(allocated / Rows < 16 * 1024, $"{allocated / Rows} bytes allocated per row");
        Directory.Delete(folder, true);
    }

    // A workbook as Excel and LibreOffice save one: every text in the shared-string table, each row's title, objective
    // and comment distinct (150 000 texts, some 18 MB as strings), channels and statuses repeated.
    private static string GenerateShared(string folder)
    {
        const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        const string Rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        var path = Path.Combine(folder, "shared.xlsx");
        using var zip = System.IO.Compression.ZipFile.Open(path, System.IO.Compression.ZipArchiveMode.Create);
        void Part(string name, Action<TextWriter> write)
        {
            using var w = new StreamWriter(zip.CreateEntry(name).Open(), new System.Text.UTF8Encoding(false));
            write(w);
        }
        Part("[Content_Types].xml", w => w.Write("""
            <?xml version="1.0" encoding="UTF-8"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>
            """));
        Part("_rels/.rels", w => w.Write($"""<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="{Rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>"""));
        Part("xl/workbook.xml", w => w.Write($"""<workbook xmlns="{Main}" xmlns:r="{Rel}"><sheets><sheet name="Plan" sheetId="1" r:id="r1"/></sheets></workbook>"""));
        Part("xl/_rels/workbook.xml.rels", w => w.Write($"""<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="{Rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="r2" Type="{Rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>"""));
        // Texts 0 to 6: the header and the repeated values; then three per row, in the order the rows use them.
        string[] fixedTexts = ["Action", "Objectif", "Commentaires", "Canal", "Statut", "SEO", "En cours"];
        Part("xl/sharedStrings.xml", w =>
        {
            w.Write($"""<sst xmlns="{Main}">""");
            foreach (var t in fixedTexts)
                w.Write($"<si><t>{t}</t></si>");
            for (var i = 1; i <= Rows; i++)
                w.Write($"<si><t>Action enregistrée n°{i} par Excel</t></si><si><t>Atteindre {i} ventes pour la gamme {i}</t></si><si><t>Relancer l'équipe le {i % 28 + 1} de chaque mois</t></si>");
            w.Write("</sst>");
        });
        Part("xl/worksheets/sheet1.xml", w =>
        {
            w.Write($"""<worksheet xmlns="{Main}"><sheetData><row r="1">""");
            for (var c = 0; c < 5; c++)
                w.Write($"""<c r="{(char)('A' + c)}1" t="s"><v>{c}</v></c>""");
            w.Write("</row>");
            for (var i = 1; i <= Rows; i++)
            {
                var r = i + 1;
                var first = 7 + (i - 1) * 3;
                w.Write($"""<row r="{r}"><c r="A{r}" t="s"><v>{first}</v></c><c r="B{r}" t="s"><v>{first + 1}</v></c><c r="C{r}" t="s"><v>{first + 2}</v></c><c r="D{r}" t="s"><v>5</v></c><c r="E{r}" t="s"><v>6</v></c></row>""");
            }
            w.Write("</sheetData></worksheet>");
        });
        return path;
    }

    [Fact]
    public void A_workbook_saved_by_excel_reads_with_a_flat_heap_whatever_its_shared_strings()
    {
        var folder = DemoPlans.Folder();
        var path = GenerateShared(folder);
        output.WriteLine($"file: {new FileInfo(path).Length / 1024} KB");

        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var held = new List<long>();
        var count = 0;
        using (var book = new WorkbookReader(path))
        {
            foreach (var row in book.Rows("Plan"))
                if (++count % 10_000 == 0)
                    held.Add(GC.GetTotalMemory(forceFullCollection: true) - baseline);
            Assert.True(book.SharedStringsOnDisk);
        }
        Assert.Equal(Rows + 1, count);
        output.WriteLine($"heap held while reading: {string.Join(", ", held.Select(h => $"{h / 1024} KB"))}");
        // Held as strings, the table alone was some 18 MB for the whole read.
        Assert.True(held.Max() < 8L * 1024 * 1024, $"heap held while reading reached {held.Max() / 1024} KB");
        Assert.True(held[^1] - held[0] < 1024 * 1024, $"heap grew by {(held[^1] - held[0]) / 1024} KB between rows 10 000 and 50 000");

        var plan = ForeignPlanReader.Read(path, french: true);
        var actions = plan.Actions.ToList();
        Assert.Equal(Rows, actions.Count);
        Assert.Equal(("Action enregistrée n°50000 par Excel", ActionStatus.InProgress), (actions[^1].Title, actions[^1].Status));
        Assert.Equal("Action enregistrée n°1 par Excel", actions[0].Title);
        Directory.Delete(folder, true);
    }
}
