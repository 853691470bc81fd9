using Pilote.Testing;

namespace Pilote.App.Tests.Cli;

/// <summary>The JSON is a contract: the same plan prints the same JSON whatever the database.</summary>
public sealed class JsonStabilityTests
{
    private static async Task<string> BuildAndShowAsync(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await CliRun.OkAsync(db, "plan", "new", "--name", "Forme", "--budget", "50 000");
        await CliRun.OkAsync(db, "objective", "add", "Forme", "--statement", "CPL sous 3,50 €", "--kpi", "cpl", "--target", "<3,5€",
            "--deadline", "2026-12-31", "--owner", "Ana");
        await CliRun.OkAsync(db, "action", "add", "Forme", "--title", "Campagne SEA", "--channel", "sea", "--kpi", "cpl",
            "--target", "<3,5€", "--budget", "1500", "--status", "live", "--due", "2026-12-31");
        await CliRun.OkAsync(db, "action", "set", "Campagne SEA", "--spent", "99,90", "--target", "<3,2€", "--reason", "marché");
        await CliRun.OkAsync(db, "measures", "add", "Forme", "--action", "Campagne SEA", "--metric", "spend", "--date", "2026-11-02", "--value", "100");
        await CliRun.OkAsync(db, "measures", "add", "Forme", "--action", "Campagne SEA", "--metric", "leads", "--date", "2026-11-02", "--value", "40");
        return (await CliRun.OkAsync(db, "plan", "show", "Forme", "--json")).Out;
    }

    [Fact]
    public async Task Plan_json_is_the_same_on_sqlite_and_postgres()
    {
        if (!PostgresCluster.Available)
            return; // Needs both providers (CI always has PostgreSQL).
        var sqlite = await BuildAndShowAsync("sqlite");
        var postgres = await BuildAndShowAsync("postgres");
        Assert.Equal(sqlite, postgres);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Amounts_print_without_padding_zeros(string provider)
    {
        var json = await BuildAndShowAsync(provider);
        Assert.Contains("\"budget\": 50000,", json);
        Assert.Contains("\"spent\": 99.9,", json);
        Assert.Contains("\"value\": 3.2,", json);
        Assert.Contains("\"actual\": 2.5,", json);
    }
}
