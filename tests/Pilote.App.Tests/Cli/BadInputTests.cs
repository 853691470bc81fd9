using Pilote.Testing;

namespace Pilote.App.Tests.Cli;

/// <summary>
/// Input Pilote cannot use: exit code 2, exactly one line on stderr naming the field and the value, nothing written.
/// </summary>
public sealed class BadInputTests
{
    private static readonly Dictionary<string, (string[] Args, string[] Mentions)> Cases = new()
    {
        ["unknown plan"] = (["plan", "show", "nosuchplan"], ["plan", "nosuchplan"]),
        ["unknown plan on add"] = (["action", "add", "nosuchplan", "--title", "T", "--channel", "sea"], ["plan", "nosuchplan"]),
        ["ambiguous plan"] = (["action", "add", "alpha", "--title", "T", "--channel", "sea"], ["plan", "alpha", "ambigu", "Alpha 1", "Alpha 2"]),
        ["unknown action"] = (["action", "set", "Campagne TikTok", "--status", "live"], ["action", "Campagne TikTok"]),
        ["unknown action for a measure"] = (["measures", "add", "Beta", "--action", "nosuchaction", "--metric", "leads", "--date", "2026-11-02", "--value", "3"],
            ["--action", "nosuchaction"]),
        ["impossible date"] = (["action", "add", "Beta", "--title", "T", "--channel", "sea", "--due", "2026-13-45"], ["--due", "2026-13-45"]),
        ["word for a date"] = (["measures", "add", "Beta", "--action", "Campagne SEA", "--metric", "leads", "--date", "demain", "--value", "3"],
            ["--date", "demain"]),
        ["word for a show date"] = (["plan", "show", "Beta", "--date", "demain"], ["--date", "demain"]),
        ["malformed plan budget"] = (["plan", "new", "--name", "Gamma", "--budget", "abc"], ["--budget", "abc"]),
        ["malformed action budget"] = (["action", "set", "Campagne SEA", "--budget", "abc"], ["--budget", "abc"]),
        ["word for a target"] = (["action", "add", "Beta", "--title", "T", "--channel", "sea", "--kpi", "cpl", "--target", "beaucoup"],
            ["--target", "beaucoup"]),
        ["two numbers for a target"] = (["action", "set", "Campagne SEA", "--target", "3 4"], ["--target", "3 4"]),
        ["percent target on a cost"] = (["action", "add", "Beta", "--title", "T", "--channel", "sea", "--kpi", "cpl", "--target", ">25%"],
            ["--target", ">25%", "cpl"]),
        ["unknown channel"] = (["action", "add", "Beta", "--title", "T", "--channel", "telepathie"], ["--channel", "telepathie"]),
        ["unknown KPI"] = (["action", "add", "Beta", "--title", "T", "--channel", "sea", "--kpi", "bonheur", "--target", "10"], ["--kpi", "bonheur"]),
        ["unknown objective KPI"] = (["objective", "add", "Beta", "--statement", "S", "--kpi", "bonheur"], ["--kpi", "bonheur"]),
        ["unknown status"] = (["action", "set", "Campagne SEA", "--status", "bientot"], ["--status", "bientot"]),
        ["unknown metric"] = (["measures", "add", "Beta", "--action", "Campagne SEA", "--metric", "bonheur", "--date", "2026-11-02", "--value", "3"],
            ["--metric", "bonheur"]),
        ["negative value"] = (["measures", "add", "Beta", "--action", "Campagne SEA", "--metric", "leads", "--date", "2026-11-02", "--value", "-5"],
            ["--value", "-5"]),
        ["negative spent"] = (["action", "set", "Campagne SEA", "--spent", "-100"], ["--spent", "-100"]),
        ["due before start"] = (["action", "set", "Campagne SEA", "--start", "2026-12-01", "--due", "2026-11-01"], ["--due", "01/11/2026"]),
        ["end before start"] = (["plan", "new", "--name", "Gamma", "--start", "2026-12-01", "--end", "2026-11-01"], ["--end", "01/11/2026"]),
        ["unknown template"] = (["plan", "new", "--name", "Gamma", "--template", "fantaisie"], ["--template", "fantaisie"]),
        ["unknown command"] = (["frobnicate"], ["frobnicate"]),
        ["unknown subcommand"] = (["plan", "frobnicate"], ["frobnicate"]),
        ["missing required option"] = (["plan", "new"], ["--name"]),
        ["missing required action option"] = (["action", "add", "Beta", "--title", "T"], ["--channel"]),
        ["missing argument"] = (["plan", "show"], ["PLAN"]),
        ["unknown option"] = (["plan", "list", "--frobnicate"], ["--frobnicate"]),
        ["stale version"] = (["action", "set", "Campagne SEA", "--status", "live", "--expect-version", "7"], ["Campagne SEA", "version 7"]),
    };

    public static TheoryData<string, string> All()
    {
        var data = new TheoryData<string, string>();
        foreach (var provider in CliRun.ProviderNames)
            foreach (var name in Cases.Keys)
                data.Add(provider, name);
        return data;
    }

    [Theory]
    [MemberData(nameof(All))]
    public async Task Refused_with_one_line_and_nothing_written(string provider, string name)
    {
        var (args, mentions) = Cases[name];
        await using var db = await TestDatabase.CreateAsync(provider);
        await CliRun.OkAsync(db, "plan", "new", "--name", "Alpha 1");
        await CliRun.OkAsync(db, "plan", "new", "--name", "Alpha 2");
        await CliRun.OkAsync(db, "plan", "new", "--name", "Beta", "--budget", "1000");
        await CliRun.OkAsync(db, "action", "add", "Beta", "--title", "Campagne SEA", "--channel", "sea", "--kpi", "cpl", "--target", "<3€");
        await CliRun.OkAsync(db, "measures", "add", "Beta", "--action", "Campagne SEA", "--metric", "leads", "--date", "2026-11-02", "--value", "4");
        var before = await CliRun.CountsAsync(db);
        var beforeAction = (await CliRun.JsonAsync(db, "action", "list", "Beta"))[0].GetRawText();

        var result = await CliRun.RunAsync(db, args);

        Assert.True(result.Exit == 2, $"{name}: {result}");
        var line = Assert.Single(result.ErrLines);
        foreach (var m in mentions)
            Assert.True(line.Contains(m, StringComparison.OrdinalIgnoreCase), $"{name}: stderr '{line}' does not mention '{m}'");
        Assert.DoesNotContain("   at ", result.Err);
        Assert.Equal(before, await CliRun.CountsAsync(db));
        Assert.Equal(beforeAction, (await CliRun.JsonAsync(db, "action", "list", "Beta"))[0].GetRawText());
    }
}
