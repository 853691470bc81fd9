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
}
