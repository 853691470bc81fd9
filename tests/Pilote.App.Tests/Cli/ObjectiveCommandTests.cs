using Pilote.Testing;

namespace Pilote.App.Tests.Cli;

public sealed class ObjectiveCommandTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_complete_objective_is_smart(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await CliRun.OkAsync(db, "plan", "new", "--name", "Leads");
        var added = await CliRun.JsonAsync(db, "objective", "add", "Leads", "--statement", "Générer 5 000 leads qualifiés",
            "--kpi", "leads", "--target", "5 000", "--deadline", "2026-12-31", "--owner", "Ana");
        Assert.True(added.GetProperty("smart").GetProperty("ok").GetBoolean());
        Assert.Empty(added.GetProperty("smart").Strings("missing"));

        var plan = await CliRun.JsonAsync(db, "plan", "show", "Leads");
        var objective = Assert.Single(plan.Items("objectives"));
        Assert.Equal("Générer 5 000 leads qualifiés", objective.Str("statement"));
        Assert.Equal("leads", objective.Str("metric"));
        Assert.Equal(5000m, objective.Num("targetValue"));
        Assert.Equal("2026-12-31", objective.Str("deadline"));
        Assert.Equal("Ana", objective.Str("owner"));
        Assert.True(objective.GetProperty("smart").GetProperty("ok").GetBoolean());
    }

    public static TheoryData<string, string, string[], string[]> Incomplete()
    {
        var data = new TheoryData<string, string, string[], string[]>();
        (string Name, string[] Args, string[] Missing)[] cases =
        [
            ("no number", ["--kpi", "leads", "--deadline", "2026-12-31", "--owner", "Ana"], ["number"]),
            ("no deadline", ["--kpi", "leads", "--target", "5 000", "--owner", "Ana"], ["deadline"]),
            ("no owner", ["--kpi", "leads", "--target", "5 000", "--deadline", "2026-12-31"], ["owner"]),
            ("no metric", ["--deadline", "2026-12-31", "--owner", "Ana"], ["number", "metric"]),
            ("statement only", [], ["number", "deadline", "owner", "metric"]),
        ];
        foreach (var provider in CliRun.ProviderNames)
            foreach (var c in cases)
                data.Add(provider, c.Name, c.Args, c.Missing);
        return data;
    }

    [Theory]
    [MemberData(nameof(Incomplete))]
    public async Task An_incomplete_objective_lists_exactly_what_it_lacks(string provider, string name, string[] args, string[] missing)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await CliRun.OkAsync(db, "plan", "new", "--name", "Leads");
        var added = await CliRun.JsonAsync(db, ["objective", "add", "Leads", "--statement", $"Objectif ({name})", .. args]);
        Assert.False(added.GetProperty("smart").GetProperty("ok").GetBoolean());
        Assert.Equal(missing, added.GetProperty("smart").Strings("missing"));

        var plan = await CliRun.JsonAsync(db, "plan", "show", "Leads");
        Assert.Equal(missing, Assert.Single(plan.Items("objectives")).GetProperty("smart").Strings("missing"));
    }
}
