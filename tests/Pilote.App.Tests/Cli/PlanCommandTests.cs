using System.Text.Json;
using Pilote.Testing;

namespace Pilote.App.Tests.Cli;

public sealed class PlanCommandTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task New_with_dates_and_budget_is_listed_and_shown_as_json(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var created = await CliRun.JsonAsync(db, "plan", "new", "--name", "Lancement 2027", "--start", "2027-01-01",
            "--end", "31/03/2027", "--budget", "50 000");
        var id = created.GetProperty("id").GetInt32();

        var list = await CliRun.JsonAsync(db, "plan", "list");
        var item = Assert.Single(list.EnumerateArray());
        Assert.Equal(id, item.GetProperty("id").GetInt32());
        Assert.Equal("Lancement 2027", item.Str("name"));
        Assert.Equal(50_000m, item.Num("budget"));
        Assert.Equal("2027-01-01", item.Str("start"));
        Assert.Equal("2027-03-31", item.Str("end"));
        Assert.Equal("EUR", item.Str("currency"));

        var plan = await CliRun.JsonAsync(db, "plan", "show", id.ToString());
        Assert.Equal(id, plan.GetProperty("id").GetInt32());
        Assert.Equal("Lancement 2027", plan.Str("name"));
        Assert.Equal("2027-01-01", plan.Str("start"));
        Assert.Equal("2027-03-31", plan.Str("end"));
        Assert.Equal("EUR", plan.Str("currency"));
        Assert.Equal(50_000m, plan.Num("budget"));
        Assert.Equal("kpi-driven", plan.Str("template"));
        Assert.Empty(plan.Items("objectives"));
        Assert.Empty(plan.Items("actions"));
        var summary = plan.GetProperty("summary");
        Assert.Equal(0, summary.GetProperty("actions").GetInt32());
        Assert.Equal(0m, summary.Num("budget"));
        Assert.Equal(0m, summary.Num("spent"));
        Assert.Equal(JsonValueKind.Object, summary.GetProperty("byStatus").ValueKind);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task New_without_dates_runs_over_the_current_quarter(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await CliRun.OkAsync(db, "plan", "new", "--name", "Trimestre");
        var plan = await CliRun.JsonAsync(db, "plan", "show", "Trimestre");
        Assert.Equal("2026-10-01", plan.Str("start"));
        Assert.Equal("2026-12-31", plan.Str("end"));
        Assert.True(plan.IsNull("budget"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Numerique_template_starts_with_the_seven_digital_levers(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await CliRun.OkAsync(db, "plan", "new", "--name", "Plan digital", "--template", "numerique");
        var plan = await CliRun.JsonAsync(db, "plan", "show", "Plan digital");

        Assert.Equal("numerique", plan.Str("template"));
        var actions = plan.Items("actions");
        Assert.Equal(
            ["SEO", "SEA", "Emailing", "Réseaux sociaux", "Content marketing", "Influence", "A/B testing & analytics"],
            actions.Select(a => a.Str("title")));
        Assert.Equal(["seo", "sea", "emailing", "social", "content", "influence", "ab_testing"], actions.Select(a => a.Str("channel")));
        Assert.All(actions, a =>
        {
            Assert.Equal("planned", a.Str("status"));
            // Each lever comes with its channel's KPIs, no target yet.
            Assert.NotEmpty(a.Items("kpis"));
            Assert.All(a.Items("kpis"), k => Assert.True(k.IsNull("target")));
        });
        var sea = actions[1];
        Assert.Contains("cpl", sea.Items("kpis").Select(k => k.Str("kpi")));
        var summary = plan.GetProperty("summary");
        Assert.Equal(7, summary.GetProperty("actions").GetInt32());
        Assert.Equal(7, summary.GetProperty("byStatus").GetProperty("planned").GetInt32());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Show_json_has_the_documented_action_and_kpi_shape(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await CliRun.OkAsync(db, "plan", "new", "--name", "Forme", "--budget", "10000");
        await CliRun.OkAsync(db, "action", "add", "Forme", "--title", "Campagne SEA", "--channel", "sea", "--kpi", "cpl",
            "--target", "<3€", "--owner", "Ana", "--start", "2026-10-05", "--due", "2026-12-20", "--budget", "2 000",
            "--status", "live");
        await CliRun.OkAsync(db, "action", "set", "Campagne SEA", "--spent", "750");

        var plan = await CliRun.JsonAsync(db, "plan", "show", "Forme");
        var action = Assert.Single(plan.Items("actions"));
        Assert.True(action.GetProperty("id").GetInt32() > 0);
        Assert.Equal("Campagne SEA", action.Str("title"));
        Assert.Equal("sea", action.Str("channel"));
        Assert.Equal("live", action.Str("status"));
        Assert.Equal("Ana", action.Str("owner"));
        Assert.Equal("2026-10-05", action.Str("start"));
        Assert.Equal("2026-12-20", action.Str("due"));
        Assert.Equal(2000m, action.Num("budget"));
        Assert.Equal(750m, action.Num("spent"));

        var kpi = Assert.Single(action.Items("kpis"));
        Assert.Equal("cpl", kpi.Str("kpi"));
        Assert.Equal("spend / leads", kpi.Str("expression"));
        var target = kpi.GetProperty("target");
        Assert.Equal("<3€", target.Str("text"));
        Assert.Equal("lt", target.Str("comparator"));
        Assert.Equal(3m, target.Num("value"));
        Assert.Equal("currency", target.Str("unit"));
        Assert.Equal("rate", target.Str("kind"));
        Assert.Equal("2026-12-20", target.Str("deadline"));
        // No measurement yet: nothing to compute, and the status says so.
        Assert.True(kpi.IsNull("actual"));
        Assert.True(kpi.IsNull("attainment"));
        Assert.True(kpi.TryGetProperty("pace", out _));
        Assert.True(kpi.TryGetProperty("forecast", out _));
        Assert.Equal("no_data", kpi.Str("status"));

        var summary = plan.GetProperty("summary");
        Assert.Equal(1, summary.GetProperty("actions").GetInt32());
        Assert.Equal(1, summary.GetProperty("byStatus").GetProperty("live").GetInt32());
        Assert.Equal(2000m, summary.Num("budget"));
        Assert.Equal(750m, summary.Num("spent"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Summary_by_status_uses_the_stable_status_ids(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await CliRun.OkAsync(db, "plan", "new", "--name", "Statuts");
        string[] statuses = ["planned", "ready", "in_progress", "live", "paused", "done", "stopped"];
        foreach (var s in statuses)
            await CliRun.OkAsync(db, "action", "add", "Statuts", "--title", $"Action {s}", "--channel", "seo", "--status", s);

        var plan = await CliRun.JsonAsync(db, "plan", "show", "Statuts");
        Assert.Equal(statuses, plan.Items("actions").Select(a => a.Str("status")));
        var byStatus = plan.GetProperty("summary").GetProperty("byStatus");
        Assert.All(statuses, s => Assert.Equal(1, byStatus.GetProperty(s).GetInt32()));
    }
}
