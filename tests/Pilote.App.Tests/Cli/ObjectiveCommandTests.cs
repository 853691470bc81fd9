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

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task NutriBoosts_objective_is_made_SMART_from_the_command_line_and_the_audit_sees_it(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await CliRun.OkAsync(db, "demo");
        var objectives = await CliRun.JsonAsync(db, "objective", "list", "NutriBoost");
        var o = Assert.Single(objectives.EnumerateArray());
        var id = o.GetProperty("id").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(["number", "deadline", "metric"], o.GetProperty("smart").Strings("missing"));
        var audit = await CliRun.RunAsync(db, "audit", "NutriBoost", "--json");
        Assert.Contains("objective-not-quantified", audit.Out);

        // A KPI, a number and a deadline: SMART, and the audit's objective findings are gone.
        var set = await CliRun.JsonAsync(db, "objective", "set", $"#{id}", "--kpi", "reach", "--target", "500 000", "--deadline", "30/06/2026");
        Assert.True(set.GetProperty("smart").GetProperty("ok").GetBoolean());
        Assert.Equal(("reach", "500 000", "2026-06-30", 2), (set.Str("metric"), set.Str("target"), set.Str("deadline"), set.GetProperty("version").GetInt32()));
        audit = await CliRun.RunAsync(db, "audit", "NutriBoost", "--json");
        Assert.DoesNotContain("objective-not-quantified", audit.Out);
        Assert.DoesNotContain("objective-without-deadline", audit.Out);

        // An empty value clears; a bad target, a stale version or a name instead of an id change nothing.
        var cleared = await CliRun.JsonAsync(db, "objective", "set", id, "--deadline", "", "--expect-version", "2");
        Assert.True(cleared.IsNull("deadline"));
        var bad = await CliRun.RunAsync(db, "objective", "set", id, "--target", "beaucoup");
        Assert.Equal(2, bad.Exit);
        Assert.Contains("--target", Assert.Single(bad.ErrLines));
        var stale = await CliRun.RunAsync(db, "objective", "set", id, "--owner", "Claire", "--expect-version", "2");
        Assert.Equal(2, stale.Exit);
        Assert.Contains("version 3", Assert.Single(stale.ErrLines));
        var named = await CliRun.RunAsync(db, "objective", "set", "Faire connaître", "--owner", "Claire");
        Assert.Equal(2, named.Exit);
        Assert.Contains("objective list", Assert.Single(named.ErrLines));
        var after = Assert.Single((await CliRun.JsonAsync(db, "objective", "list", "NutriBoost")).EnumerateArray());
        Assert.Equal(("500 000", "Direction marketing", 3), (after.Str("target"), after.Str("owner"), after.GetProperty("version").GetInt32()));
    }
}
