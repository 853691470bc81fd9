using System.Text.Json;
using Pilote.Testing;

namespace Pilote.App.Tests.Cli;

public sealed class DemoTests
{
    private static readonly string[] KpiStatuses = ["met", "on_track", "at_risk", "off_track", "no_data", "not_measurable"];
    private static readonly string[] ActionStatuses = ["planned", "ready", "in_progress", "live", "paused", "done", "stopped"];

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task LocalScope_shows_every_kind_of_kpi_status(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await CliRun.OkAsync(db, "demo");

        var plan = await CliRun.JsonAsync(db, "plan", "show", "LocalScope");
        Assert.Equal("LocalScope — lancement", plan.Str("name"));
        Assert.Equal("2026-11-22", plan.Str("asOf"));
        var kpis = plan.Items("actions").SelectMany(a => a.Items("kpis")).ToList();
        var statuses = kpis.Select(k => k.Str("status")).ToHashSet();
        Assert.Superset(new HashSet<string?> { "met", "on_track", "at_risk", "off_track" }, statuses);
        Assert.All(statuses, s => Assert.Contains(s, KpiStatuses));
        Assert.All(plan.Items("actions"), a => Assert.Contains(a.Str("status"), ActionStatuses));

        // Every KPI carries the fields a reader needs, with a typed target when it has one.
        foreach (var k in kpis)
        {
            foreach (var field in new[] { "kpi", "expression", "target", "actual", "attainment", "pace", "forecast", "status" })
                Assert.True(k.TryGetProperty(field, out _), $"kpi {k.Str("kpi")} has no '{field}'");
            if (k.GetProperty("target").ValueKind == JsonValueKind.Object)
                foreach (var field in new[] { "text", "comparator", "value", "unit", "kind", "deadline" })
                    Assert.True(k.GetProperty("target").TryGetProperty(field, out _), $"target of {k.Str("kpi")} has no '{field}'");
        }
        // A KPI that is met has an actual value and an attainment of at least 100 %.
        Assert.All(kpis.Where(k => k.Str("status") == "met"), k =>
        {
            Assert.NotNull(k.Num("actual"));
            Assert.True(k.Num("attainment") >= 1m, $"{k.Str("kpi")} met with attainment {k.Num("attainment")}");
        });

        // The summary counts every action and KPI status.
        var summary = plan.GetProperty("summary");
        Assert.Equal(plan.Items("actions").Count, summary.GetProperty("actions").GetInt32());
        Assert.Equal(kpis.Count, summary.GetProperty("kpis").EnumerateObject().Sum(p => p.Value.GetInt32()));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Show_date_evaluates_as_of_that_day(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await CliRun.OkAsync(db, "demo");

        var today = await CliRun.JsonAsync(db, "plan", "show", "LocalScope");
        var earlier = await CliRun.JsonAsync(db, "plan", "show", "LocalScope", "--date", "01/10/2026");
        Assert.Equal("2026-10-01", earlier.Str("asOf"));
        // Fewer measurements counted seven weeks earlier: cumulative KPIs had smaller actuals.
        static decimal Total(JsonElement plan, string kpi) => plan.Items("actions").SelectMany(a => a.Items("kpis"))
            .Where(k => k.Str("kpi") == kpi).Sum(k => k.Num("actual") ?? 0);
        Assert.True(Total(earlier, "trafic") < Total(today, "trafic"),
            $"trafic as of 1 Oct {Total(earlier, "trafic")} vs 22 Nov {Total(today, "trafic")}");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Mini_case_has_exactly_its_three_actions(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await CliRun.OkAsync(db, "demo");

        var plan = await CliRun.JsonAsync(db, "plan", "show", "Plan KPI-driven — exemple");
        var actions = plan.Items("actions");
        Assert.Equal(3, actions.Count);
        Assert.Equal([">25%", "<3€", "1000"], actions.Select(a => Assert.Single(a.Items("kpis")).GetProperty("target").Str("text")));
        Assert.Equal(["taux_ouverture", "cpl", "partages"], actions.Select(a => a.Items("kpis")[0].Str("kpi")));
        Assert.Equal(["in_progress", "ready", "live"], actions.Select(a => a.Str("status")));
        Assert.Equal(["emailing", "sea", "social"], actions.Select(a => a.Str("channel")));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Plans_are_found_by_id_and_by_partial_name(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await CliRun.OkAsync(db, "demo");
        var list = await CliRun.JsonAsync(db, "plan", "list");
        Assert.Equal(["LocalScope — lancement", "Plan KPI-driven — exemple", "NutriBoost — Vitalité Boost"],
            list.EnumerateArray().Select(p => p.Str("name")));
        var nutriId = list.EnumerateArray().Single(p => p.Str("name")!.StartsWith("NutriBoost")).GetProperty("id").GetInt32();

        var byId = await CliRun.JsonAsync(db, "plan", "show", nutriId.ToString());
        var byName = await CliRun.JsonAsync(db, "plan", "show", "nutri");
        var byAccentlessName = await CliRun.JsonAsync(db, "plan", "show", "vitalite boost");
        Assert.Equal("NutriBoost — Vitalité Boost", byId.Str("name"));
        Assert.Equal(nutriId, byName.GetProperty("id").GetInt32());
        Assert.Equal(nutriId, byAccentlessName.GetProperty("id").GetInt32());

        // The counter-example: five finished actions, the whole budget spent.
        Assert.Equal(5, byName.GetProperty("summary").GetProperty("actions").GetInt32());
        Assert.All(byName.Items("actions"), a => Assert.Equal("done", a.Str("status")));
        Assert.Equal(80_000m, byName.GetProperty("summary").Num("spent"));
        Assert.Equal(80_000m, byName.Num("budget"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Loading_the_demo_twice_replaces_it(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await CliRun.OkAsync(db, "demo");
        var first = await CliRun.CountsAsync(db);
        await CliRun.OkAsync(db, "demo");
        var second = await CliRun.CountsAsync(db);
        Assert.Equal(first.Plans, second.Plans);
        Assert.Equal(first.Actions, second.Actions);
        Assert.Equal(first.Measurements, second.Measurements);
        Assert.Equal(3, second.Plans);
    }
}
