using Pilote.Testing;

namespace Pilote.App.Tests.Measurements;

/// <summary>
/// A KPI on a weighted average reads a metric its formula does not name: the average time on page weighs each day by
/// its page views. `plan show` reads only the metrics its KPIs need, so it must read the weights too.
/// </summary>
public sealed class WeightedKpiTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_average_time_on_page_is_weighted_by_page_views(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await CliRun.OkAsync(db, "plan", "new", "--name", "W1", "--start", "2026-10-01", "--end", "2026-12-31");
        await CliRun.OkAsync(db, "action", "add", "W1", "--title", "Blog", "--channel", "seo", "--kpi", "temps_moyen_page", "--target", "> 2 min");
        foreach (var (date, seconds, views) in new[] { ("2026-11-02", "100", "300"), ("2026-11-03", "200", "100") })
        {
            await CliRun.OkAsync(db, "measures", "add", "W1", "--action", "Blog", "--metric", "avg_time_on_page", "--date", date, "--value", seconds);
            await CliRun.OkAsync(db, "measures", "add", "W1", "--action", "Blog", "--metric", "pageviews", "--date", date, "--value", views);
        }

        var kpi = (await CliRun.JsonAsync(db, "plan", "show", "W1")).Items("actions")[0].Items("kpis")[0];
        // (100 × 300 + 200 × 100) / 400 = 125 s, not the plain mean of the two days (150 s).
        Assert.Equal(125m, kpi.Num("actual"));
    }
}
