using Microsoft.EntityFrameworkCore;
using Pilote.Actions;
using Pilote.Common;
using Pilote.Kpis;
using Pilote.Plans;
using Pilote.Targets;
using Pilote.Testing;

namespace Pilote.Tests.Data;

public sealed class CatalogTests
{
    private static readonly FixedClock Clock = new(2026, 11, 22);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_new_workspace_gets_the_source_table_of_channels_and_KPIs(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await using var db = test.Open();
        var ws = await WorkspaceService.ResolveAsync(db, Clock, null);
        var channels = await db.Channels.Include(c => c.Kpis).ThenInclude(k => k.Kpi)
            .Where(c => c.WorkspaceId == ws.Id).OrderBy(c => c.Position).ToListAsync();
        string[] Kpis(string key) => channels.Single(c => c.Key == key).Kpis.OrderBy(k => k.Position).Select(k => k.Kpi!.Name).ToArray();
        Assert.Equal(["Trafic", "Position moyenne"], Kpis("seo"));
        Assert.Equal(["CPC", "Taux de conversion", "CPL"], Kpis("sea"));
        Assert.Equal(["Taux d'ouverture", "CTR emailing"], Kpis("emailing"));
        Assert.Equal(["Reach", "Interactions", "Partages"], Kpis("social"));
        Assert.Equal(["Taux d'engagement", "UGC généré"], Kpis("influence"));
        Assert.Equal(["LTV", "Taux de réachat"], Kpis("crm"));
        Assert.Equal(["Temps moyen par page", "Téléchargements"], Kpis("content"));
        Assert.Contains(channels, c => c.Family == ChannelFamily.PointOfSale);
        Assert.Contains(channels, c => c.Family == ChannelFamily.Messaging);
        Assert.Contains(channels, c => c.Family == ChannelFamily.Offline);
        var kpis = await db.KpiDefinitions.Where(k => k.WorkspaceId == ws.Id).ToDictionaryAsync(k => k.Key, k => k.Expression);
        Assert.Equal("unique_opens / delivered", kpis["taux_ouverture"]);
        Assert.Equal("spend / leads", kpis["cpl"]);
        Assert.Equal("(revenue - spend) / spend", kpis["roi"]);
        Assert.Subset(kpis.Keys.ToHashSet(), new HashSet<string> { "leads", "conversions", "partages", "cpa", "roas" });
        // Every seeded formula parses and reads only seeded metrics.
        var metrics = await db.MetricDefinitions.Where(m => m.WorkspaceId == ws.Id).Select(m => m.Key).ToListAsync();
        Assert.All(kpis.Values, e => Assert.Subset(metrics.ToHashSet(), KpiExpression.Parse(e).Metrics.ToHashSet()));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_workspace_adds_its_own_metric_KPI_and_channel_and_uses_them_on_an_action(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await using var db = test.Open();
        var ws = await WorkspaceService.ResolveAsync(db, Clock, null);
        var catalog = new CatalogService(db);
        await catalog.AddMetricAsync(ws.Id, "demo_requests", "Demandes de démo", "sum", null, "count");
        var kpi = await catalog.AddKpiAsync(ws.Id, "cout_demo", "Coût par démo", "spend / demo_requests", "currency", "lower", null);
        Assert.Equal(TargetKind.Rate, kpi.DefaultKind);
        await catalog.AddChannelAsync(ws.Id, "webinars", "Webinaires", "digital", "Démos qualifiées", ["cout_demo"]);

        var plan = await new PlanService(db, Clock).CreateAsync(ws.Id, new PlanFields("Q4", Start: "2026-10-01", End: "2026-12-31"));
        var action = await new ActionService(db, Clock).AddAsync(plan.Id,
            new ActionFields { Title = "Webinaire produit", Channel = "Webinaires", Kpi = "Coût par démo", Target = "max 80 €" }, "ana");
        Assert.Equal(80m, action.Kpis.Single().TargetValue);

        // Another workspace does not see them.
        var other = await WorkspaceService.CreateAsync(db, Clock, "Client B", "client-b");
        await Assert.ThrowsAsync<PiloteInputException>(() => CatalogLookup.KpiAsync(db, other.Id, "cout_demo"));
    }

    [Theory]
    [InlineData("spend / demos", "--expression: unknown metric 'demos'", "--expression : métrique inconnue « demos »")]
    [InlineData("spend / ", "--expression: KPI formula", "--expression : formule de KPI « spend /  » : métrique ou nombre attendu en position 9, trouvé la fin de la formule")]
    [InlineData("spend leads", "--expression: KPI formula", "--expression : formule de KPI « spend leads » : opérateur (+ - * /) attendu en position 7, trouvé « l »")]
    public async Task A_KPI_formula_over_unknown_metrics_or_malformed_is_refused(string expression, string message, string french)
    {
        await using var test = await TestDatabase.CreateAsync("sqlite");
        await using var db = test.Open();
        var ws = await WorkspaceService.ResolveAsync(db, Clock, null);
        var ex = await Assert.ThrowsAsync<PiloteInputException>(() =>
            new CatalogService(db).AddKpiAsync(ws.Id, "x", "X", expression, "currency", "lower", null));
        Assert.StartsWith(message, ex.Message);
        Assert.StartsWith(french, ex.Say(french: true));
        Assert.False(await db.KpiDefinitions.AnyAsync(k => k.Key == "x"));
    }
}
