using Pilote.Testing;

namespace Pilote.App.Tests.Cli;

public sealed class CatalogCommandTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_team_adds_its_own_KPI_and_channel_then_plans_with_them(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await CliRun.OkAsync(db, "catalog", "add-metric", "--key", "demo_requests", "--name", "Demandes de démo");
        await CliRun.OkAsync(db, "catalog", "add-kpi", "--key", "cout_demo", "--name", "Coût par démo",
            "--expression", "spend / demo_requests", "--unit", "currency", "--direction", "lower");
        await CliRun.OkAsync(db, "catalog", "add-channel", "--key", "webinars", "--name", "Webinaires", "--kpis", "cout_demo, leads");

        var catalog = await CliRun.JsonAsync(db, "catalog", "list");
        var channel = catalog.Items("channels").Single(c => c.Str("key") == "webinars");
        Assert.Equal(["cout_demo", "leads"], channel.Strings("kpis"));
        var kpi = catalog.Items("kpis").Single(k => k.Str("key") == "cout_demo");
        Assert.Equal(("spend / demo_requests", "currency", "lower", "rate"), (kpi.Str("expression"), kpi.Str("unit"), kpi.Str("direction"), kpi.Str("kind")));

        await CliRun.OkAsync(db, "plan", "new", "--name", "Webinaires T4", "--start", "2026-10-01", "--end", "2026-12-31");
        await CliRun.OkAsync(db, "action", "add", "Webinaires T4", "--title", "Webinaire produit", "--channel", "webinars",
            "--kpi", "cout_demo", "--target", "max 80 €");
        await CliRun.OkAsync(db, "measures", "add", "Webinaires T4", "--action", "Webinaire produit", "--metric", "spend", "--date", "2026-11-02", "--value", "600");
        await CliRun.OkAsync(db, "measures", "add", "Webinaires T4", "--action", "Webinaire produit", "--metric", "demo_requests", "--date", "2026-11-02", "--value", "10");
        var plan = await CliRun.JsonAsync(db, "plan", "show", "Webinaires T4");
        var measured = plan.Items("actions").Single().Items("kpis").Single();
        Assert.Equal(60m, measured.Num("actual"));
        Assert.Equal("met", measured.Str("status"));
    }

    [Theory]
    [InlineData(new[] { "catalog", "add-kpi", "--key", "x", "--name", "X", "--expression", "spend / demos", "--unit", "currency", "--direction", "lower" },
        "--expression : métrique inconnue « demos » dans « spend / demos »", "--expression: unknown metric 'demos'")]
    [InlineData(new[] { "catalog", "add-kpi", "--key", "Bad Key", "--name", "X", "--expression", "spend", "--unit", "currency", "--direction", "lower" },
        "--key : « Bad Key » n'est pas une clé", "--key: 'Bad Key' is not a key")]
    [InlineData(new[] { "catalog", "add-kpi", "--key", "cpl", "--name", "X", "--expression", "spend", "--unit", "currency", "--direction", "lower" },
        "--key : le KPI « cpl » existe déjà", "--key: the KPI 'cpl' already exists")]
    [InlineData(new[] { "catalog", "add-kpi", "--key", "x", "--name", "X", "--expression", "spend", "--unit", "euros", "--direction", "lower" },
        "--unit : « euros » n'est pas une unité", "--unit: 'euros' is not a unit")]
    [InlineData(new[] { "catalog", "add-channel", "--key", "w", "--name", "W", "--kpis", "nope" }, "--kpis : KPI inconnu « nope »", "--kpis: unknown KPI 'nope'")]
    [InlineData(new[] { "catalog", "add-metric", "--key", "w", "--name", "W", "--aggregation", "weighted" },
        "--weight : une métrique pondérée a besoin de la métrique qui la pondère", "--weight: a weighted metric needs")]
    [InlineData(new[] { "plan", "new", "--name", "P", "--culture", "xx-nowhere" }, "--culture : « xx-nowhere » n'est pas une culture", "--culture: 'xx-nowhere' is not a culture")]
    public async Task Bad_catalog_input_is_refused_in_one_line_and_writes_nothing(string[] args, string french, string english)
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");
        await CliRun.OkAsync(db, "catalog", "list");
        var before = await CliRun.JsonAsync(db, "catalog", "list");
        var result = await CliRun.RunAsync(db, args);
        Assert.Equal(2, result.Exit);
        var line = Assert.Single(result.ErrLines);
        Assert.StartsWith("pilote: " + french, line);
        var en = await CliRun.RunAsync(db, [.. args, "--lang", "en"]);
        Assert.Equal(2, en.Exit);
        Assert.StartsWith("pilote: " + english, Assert.Single(en.ErrLines));
        var after = await CliRun.JsonAsync(db, "catalog", "list");
        Assert.Equal(before.ToString(), after.ToString());
        Assert.Equal(0, (await CliRun.CountsAsync(db)).Plans);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_plan_in_english_culture_prints_amounts_the_english_way(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await CliRun.OkAsync(db, "plan", "new", "--name", "UK launch", "--culture", "en-GB", "--currency", "GBP", "--budget", "12500.50",
            "--start", "2026-10-01", "--end", "2026-12-31");
        var json = await CliRun.JsonAsync(db, "plan", "show", "UK launch");
        Assert.Equal("en-GB", json.Str("culture"));
        var table = await CliRun.OkAsync(db, "plan", "show", "UK launch");
        Assert.Contains("£12,500.50", table.Out);
        Assert.Contains("01/10/2026", table.Out);
    }
}
