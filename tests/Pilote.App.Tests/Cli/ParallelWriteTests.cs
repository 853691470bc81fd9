using Pilote.Testing;

namespace Pilote.App.Tests.Cli;

/// <summary>Several commands writing at once, as several terminals or app instances would.</summary>
public sealed class ParallelWriteTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Parallel_measurements_are_all_recorded(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await CliRun.OkAsync(db, "plan", "new", "--name", "Parallèle");
        await CliRun.OkAsync(db, "action", "add", "Parallèle", "--title", "Salon", "--channel", "events", "--kpi", "leads", "--target", "100");

        var runs = await Task.WhenAll(Enumerable.Range(1, 8).Select(day => Task.Run(() => CliRun.RunAsync(db,
            "measures", "add", "Parallèle", "--action", "Salon", "--metric", "leads", "--date", $"2026-11-{day:00}", "--value", "2"))));

        Assert.All(runs, r => Assert.True(r.Exit == 0, r.ToString()));
        var plan = await CliRun.JsonAsync(db, "plan", "show", "Parallèle");
        Assert.Equal(16m, plan.Items("actions")[0].Items("kpis")[0].Num("actual"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Parallel_edits_of_one_action_never_lose_an_update_silently(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await CliRun.OkAsync(db, "plan", "new", "--name", "Parallèle");
        var id = (await CliRun.JsonAsync(db, "action", "add", "Parallèle", "--title", "Salon", "--channel", "events"))
            .GetProperty("id").GetInt32();

        var runs = await Task.WhenAll(Enumerable.Range(1, 6).Select(i => Task.Run(() => CliRun.RunAsync(db,
            "action", "set", id.ToString(), "--owner", $"Owner {i}", "--json"))));

        // Each edit either went through or was refused as stale: none was overwritten without a word.
        var done = runs.Where(r => r.Exit == 0).ToList();
        Assert.NotEmpty(done);
        Assert.All(runs.Where(r => r.Exit != 0), r =>
        {
            Assert.Equal(2, r.Exit);
            Assert.Contains("rechargez et recommencez", Assert.Single(r.ErrLines));
        });
        var action = (await CliRun.JsonAsync(db, "action", "list", "Parallèle"))[0];
        Assert.Equal(1 + done.Count, action.GetProperty("version").GetInt32());
        Assert.Contains(action.Str("owner"), done.Select(r => r.Json.Str("owner")));
    }
}
