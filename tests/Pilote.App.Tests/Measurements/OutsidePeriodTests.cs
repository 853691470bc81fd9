using Pilote.Testing;

namespace Pilote.App.Tests.Measurements;

/// <summary>
/// Values matched to an action but dated outside the days its KPIs read (a report of the wrong year, a period straddling
/// the plan's start) are stored and count nowhere: the import says so, naming the action and both periods.
/// </summary>
public sealed class OutsidePeriodTests
{
    private static string Ga4(DateOnly start, DateOnly end) =>
        $"# Start date: {start:yyyyMMdd}\r\n# End date: {end:yyyyMMdd}\r\nSession campaign,Sessions,Key events\r\nt1-sea-produit,120,4\r\n";

    public static TheoryData<string, string, string> Cases() => new()
    {
        // A year early: the dashboard stayed as it was after « 1 ligne rattachée ».
        { "2025-11-01", "2025-11-30", "du 01/11/2025 au 30/11/2025" },
        // From before the plan's start: a period cannot be split, so it counts in no KPI either.
        { "2026-09-15", "2026-10-15", "du 15/09/2026 au 15/10/2026" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Values_outside_the_actions_period_are_stored_and_said_to_count_in_no_kpi(string start, string end, string said)
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");
        await CliRun.OkAsync(db, "plan", "new", "--name", "T1", "--start", "2026-10-01", "--end", "2026-12-31");
        await CliRun.OkAsync(db, "action", "add", "T1", "--title", "SEA produit", "--channel", "sea", "--kpi", "conversions",
            "--target", "100", "--utm", "t1-sea-produit");
        var folder = Directory.CreateTempSubdirectory("pilote-outside-").FullName;
        var path = Path.Combine(folder, "ga4.csv");
        await File.WriteAllTextAsync(path, Ga4(DateOnly.Parse(start), DateOnly.Parse(end)));

        var r = await CliRun.RunAsync(db, "measures", "import", path, "--plan", "T1", "--dry-run");
        Assert.Equal(0, r.Exit);
        var line = Assert.Single(r.ErrLines);
        foreach (var part in new[] { "ga4.csv", "« SEA produit »", "2 mesures", said, "01/10/2026 → 31/12/2026", "aucun KPI" })
            Assert.Contains(part, line);
        var json = await CliRun.JsonAsync(db, "measures", "import", path, "--plan", "T1");
        Assert.Contains(json.Items("warnings"), w => w.GetString()!.Contains("outside", StringComparison.Ordinal));
        Assert.Equal(2m, json.Num("stored"));
    }

    [Fact]
    public async Task Values_inside_the_period_import_without_a_word()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");
        await CliRun.OkAsync(db, "plan", "new", "--name", "T1", "--start", "2026-10-01", "--end", "2026-12-31");
        await CliRun.OkAsync(db, "action", "add", "T1", "--title", "SEA produit", "--channel", "sea", "--kpi", "conversions",
            "--target", "100", "--utm", "t1-sea-produit");
        var path = Path.Combine(Directory.CreateTempSubdirectory("pilote-outside-").FullName, "ga4.csv");
        await File.WriteAllTextAsync(path, Ga4(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30)));

        var r = await CliRun.RunAsync(db, "measures", "import", path, "--plan", "T1");
        Assert.Equal(0, r.Exit);
        Assert.Empty(r.ErrLines);
    }

    [Fact]
    public async Task A_value_typed_by_hand_outside_the_actions_period_is_said_as_an_import_says_it()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");
        await CliRun.OkAsync(db, "plan", "new", "--name", "T1", "--start", "2026-10-01", "--end", "2026-12-31");
        await CliRun.OkAsync(db, "action", "add", "T1", "--title", "SEA produit", "--channel", "sea", "--kpi", "conversions", "--target", "100");

        // It was stored without a word, and counted nowhere.
        var r = await CliRun.OkAsync(db, "measures", "add", "T1", "--action", "SEA produit", "--metric", "conversions",
            "--date", "2024-01-01", "--value", "12");
        Assert.Contains("Mesure enregistrée", r.Out);
        Assert.Equal("pilote: « SEA produit » : 1 mesure le 01/01/2024 hors de sa période (01/10/2026 → 31/12/2026) : "
            + "enregistrée, elle ne compte dans aucun KPI (le bon plan ? le bon rapport ?)", Assert.Single(r.ErrLines));
        var json = await CliRun.JsonAsync(db, "measures", "add", "T1", "--action", "SEA produit", "--metric", "conversions",
            "--date", "2024-01-02", "--value", "3");
        Assert.Contains("on 2024-01-02 outside its period", Assert.Single(json.Strings("warnings")));

        var inside = await CliRun.OkAsync(db, "measures", "add", "T1", "--action", "SEA produit", "--metric", "conversions",
            "--date", "2026-11-02", "--value", "5");
        Assert.Empty(inside.ErrLines);
        Assert.Empty((await CliRun.JsonAsync(db, "measures", "add", "T1", "--action", "SEA produit", "--metric", "conversions",
            "--date", "2026-11-03", "--value", "5")).Items("warnings"));
    }
}
