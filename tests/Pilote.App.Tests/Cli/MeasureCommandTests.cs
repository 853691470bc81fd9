using Pilote.Testing;

namespace Pilote.App.Tests.Cli;

public sealed class MeasureCommandTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_recorded_measurement_shows_as_the_kpi_actual(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await CliRun.OkAsync(db, "plan", "new", "--name", "Leads");
        await CliRun.OkAsync(db, "action", "add", "Leads", "--title", "Salon pro", "--channel", "events", "--kpi", "leads",
            "--target", "100", "--due", "2026-12-31");
        var before = Assert.Single(Assert.Single((await CliRun.JsonAsync(db, "plan", "show", "Leads")).Items("actions")).Items("kpis"));
        Assert.True(before.IsNull("actual"));

        var recorded = await CliRun.JsonAsync(db, "measures", "add", "Leads", "--action", "Salon pro", "--metric", "leads",
            "--date", "2026-11-02", "--value", "12");
        Assert.Equal("leads", recorded.Str("metric"));
        Assert.Equal(12m, recorded.Num("value"));
        Assert.Equal("2026-11-02", recorded.Str("start"));

        var kpi = Assert.Single(Assert.Single((await CliRun.JsonAsync(db, "plan", "show", "Leads")).Items("actions")).Items("kpis"));
        Assert.Equal(12m, kpi.Num("actual"));
        Assert.NotEqual("no_data", kpi.Str("status"));
        Assert.Equal(0.12m, kpi.Num("attainment"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_ratio_kpi_is_the_ratio_of_sums_not_the_mean_of_daily_ratios(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await CliRun.OkAsync(db, "plan", "new", "--name", "CPL");
        await CliRun.OkAsync(db, "action", "add", "CPL", "--title", "Google Ads", "--channel", "sea", "--kpi", "cpl",
            "--target", "<25 €", "--due", "2026-12-31");
        foreach (var (date, spend, leads) in new[] { ("2026-11-02", "100", "10"), ("2026-11-03", "300", "10") })
        {
            await CliRun.OkAsync(db, "measures", "add", "CPL", "--action", "Google Ads", "--metric", "spend", "--date", date, "--value", spend);
            await CliRun.OkAsync(db, "measures", "add", "CPL", "--action", "Google Ads", "--metric", "leads", "--date", date, "--value", leads);
        }

        var kpi = Assert.Single(Assert.Single((await CliRun.JsonAsync(db, "plan", "show", "CPL")).Items("actions")).Items("kpis"));
        // (100 + 300) / (10 + 10) = 20, not (10 + 30) / 2.
        Assert.Equal(20m, kpi.Num("actual"));
        Assert.Equal("met", kpi.Str("status"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Measurements_after_the_evaluation_day_are_not_counted(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await CliRun.OkAsync(db, "plan", "new", "--name", "Leads");
        await CliRun.OkAsync(db, "action", "add", "Leads", "--title", "Salon pro", "--channel", "events", "--kpi", "leads", "--target", "100");
        await CliRun.OkAsync(db, "measures", "add", "Leads", "--action", "Salon pro", "--metric", "leads", "--date", "2026-11-02", "--value", "12");
        await CliRun.OkAsync(db, "measures", "add", "Leads", "--action", "Salon pro", "--metric", "leads", "--date", "2026-11-20", "--value", "8");

        static async Task<decimal?> ActualAsync(TestDatabase db, params string[] extra) =>
            (await CliRun.JsonAsync(db, ["plan", "show", "Leads", .. extra])).Items("actions")[0].Items("kpis")[0].Num("actual");
        Assert.Equal(20m, await ActualAsync(db));
        Assert.Equal(12m, await ActualAsync(db, "--date", "2026-11-10"));
    }

    [Fact]
    public async Task A_kpis_reason_writes_its_values_in_the_kpis_unit()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");
        await CliRun.OkAsync(db, "plan", "new", "--name", "CPL", "--start", "2026-10-01", "--end", "2026-12-31");
        await CliRun.OkAsync(db, "action", "add", "CPL", "--title", "Google Ads", "--channel", "sea", "--kpi", "cpl", "--target", "<40 €");
        await CliRun.OkAsync(db, "measures", "add", "CPL", "--action", "Google Ads", "--metric", "spend", "--date", "2026-11-02", "--value", "516,60");
        await CliRun.OkAsync(db, "measures", "add", "CPL", "--action", "Google Ads", "--metric", "leads", "--date", "2026-11-02", "--value", "10");

        // It read « atteinte 0,7743 : 51,66 pour moins de 40 ».
        var kpi = Assert.Single((await CliRun.JsonAsync(db, "plan", "show", "CPL")).Items("actions")[0].Items("kpis"));
        Assert.Equal("atteinte 77,4 % : 51,66 € pour moins de 40 €", kpi.Str("reason")!.Replace('\u202F', ' ').Replace('\u00A0', ' '));
        kpi = Assert.Single((await CliRun.JsonAsync(db, "plan", "show", "CPL", "--lang", "en")).Items("actions")[0].Items("kpis"));
        Assert.Equal("attainment 77.4%: €51.66 against less than €40", kpi.Str("reason"));
    }

    [Fact]
    public async Task A_recorded_value_is_said_in_the_readers_culture()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");
        await CliRun.OkAsync(db, "plan", "new", "--name", "Leads");
        await CliRun.OkAsync(db, "action", "add", "Leads", "--title", "Salon pro", "--channel", "events", "--kpi", "leads", "--target", "100");

        // French: a decimal comma and a (narrow no-break) space between thousands; it printed the invariant 1234.50.
        var french = await CliRun.OkAsync(db, "measures", "add", "Leads", "--action", "Salon pro", "--metric", "spend", "--date", "2026-11-02", "--value", "1 234,50");
        Assert.Equal("Mesure enregistrée : spend = 1 234,5 pour l'action #1.", french.Out.Trim().Replace('\u202F', ' ').Replace('\u00A0', ' '));
        var english = await CliRun.OkAsync(db, "measures", "add", "Leads", "--action", "Salon pro", "--metric", "spend", "--date", "2026-11-03", "--value", "1 234,50", "--lang", "en");
        Assert.Equal("Measurement recorded: spend = 1,234.5 for action #1.", english.Out.Trim());

        // « métriques » is feminine: the list of the known ones is « connues ».
        var unknown = await CliRun.RunAsync(db, "measures", "add", "Leads", "--action", "Salon pro", "--metric", "bonheur", "--date", "2026-11-02", "--value", "3");
        Assert.Equal(2, unknown.Exit);
        Assert.StartsWith("pilote: --metric : métrique inconnue « bonheur » (connues : ", Assert.Single(unknown.ErrLines), StringComparison.Ordinal);
    }
}
