using Pilote.Testing;

namespace Pilote.App.Tests.Measurements;

/// <summary>
/// A report whose days an earlier file already brought (a month-to-date report imported every Monday) adds its counts
/// to the earlier ones: the import says which batch, which days and how to undo it; files side by side say nothing.
/// </summary>
public sealed class OverlapTests
{
    private static async Task<string> ReportAsync(string folder, string name, string start, string end, int sessions, int events)
    {
        var path = Path.Combine(folder, name);
        await File.WriteAllTextAsync(path,
            $"# Start date: {start}\r\n# End date: {end}\r\nSession campaign,Sessions,Key events\r\nt1-sea,{sessions},{events}\r\n");
        return path;
    }

    [Fact]
    public async Task A_report_covering_days_an_earlier_batch_brought_says_so_and_how_to_undo_it()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");
        await CliRun.OkAsync(db, "plan", "new", "--name", "T1", "--start", "2026-10-01", "--end", "2026-12-31");
        await CliRun.OkAsync(db, "action", "add", "T1", "--title", "SEA", "--channel", "sea", "--kpi", "conversions", "--target", "100", "--utm", "t1-sea");
        var folder = Directory.CreateTempSubdirectory("pilote-overlap-").FullName;
        var week = await ReportAsync(folder, "week1.csv", "20261101", "20261107", 120, 4);
        var next = await ReportAsync(folder, "week2.csv", "20261108", "20261114", 130, 5);
        var monthToDate = await ReportAsync(folder, "mtd.csv", "20261101", "20261114", 250, 9);

        // Side by side: nothing to say.
        Assert.Empty((await CliRun.RunAsync(db, "measures", "import", week, "--plan", "T1")).ErrLines);
        Assert.Empty((await CliRun.RunAsync(db, "measures", "import", next, "--plan", "T1")).ErrLines);

        // The month to date repeats both weeks: 4 + 5 + 9 conversions where there were 9.
        var r = await CliRun.RunAsync(db, "measures", "import", monthToDate, "--plan", "T1");
        Assert.Equal(0, r.Exit);
        Assert.Equal(2, r.ErrLines.Length);
        foreach (var (line, batch, file, days) in new[] { (r.ErrLines[0], "1", "week1.csv", "du 01/11/2026 au 07/11/2026"), (r.ErrLines[1], "2", "week2.csv", "du 08/11/2026 au 14/11/2026") })
        {
            foreach (var part in new[] { "mtd.csv", "« SEA »", "conversions, sessions", days, $"lot #{batch} ({file})", $"pilote measures undo {batch}" })
                Assert.Contains(part, line);
        }
    }
}
