using Microsoft.EntityFrameworkCore;
using Pilote.Actions;
using Pilote.Common;
using Pilote.Testing;

namespace Pilote.App.Tests.Cli;

public sealed class ConcurrencyTests
{
    private static readonly FixedClock Clock = new(2026, 11, 22);

    private static async Task<int> SeedAsync(TestDatabase db)
    {
        await CliRun.OkAsync(db, "plan", "new", "--name", "Partagé");
        var added = await CliRun.JsonAsync(db, "action", "add", "Partagé", "--title", "Campagne SEA", "--channel", "sea");
        Assert.Equal(1, added.GetProperty("version").GetInt32());
        return added.GetProperty("id").GetInt32();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_stale_cli_edit_is_refused_and_the_first_edit_kept(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var id = await SeedAsync(db);

        // Someone else edits first (version 1 → 2)...
        var first = await CliRun.JsonAsync(db, "action", "set", id.ToString(), "--status", "paused", "--owner", "Ana", "--expect-version", "1");
        Assert.Equal(2, first.GetProperty("version").GetInt32());
        // ...then an edit based on version 1 arrives.
        var stale = await CliRun.RunAsync(db, "action", "set", id.ToString(), "--status", "live", "--owner", "Bob", "--expect-version", "1");

        Assert.Equal(2, stale.Exit);
        var line = Assert.Single(stale.ErrLines);
        Assert.Contains("a changé depuis la version 1", line);
        Assert.Contains("version 2", line);
        var action = Assert.Single((await CliRun.JsonAsync(db, "action", "list", "Partagé")).EnumerateArray());
        Assert.Equal("paused", action.Str("status"));
        Assert.Equal("Ana", action.Str("owner"));
        Assert.Equal(2, action.GetProperty("version").GetInt32());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_service_turns_a_lost_race_into_a_stale_write(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var id = await SeedAsync(db);

        await using var first = db.Open();
        await using var second = db.Open();
        // The second context read the action (version 1) before the first one saved: it edits a stale copy.
        _ = await second.Actions.SingleAsync(x => x.Id == id);
        await new ActionService(first, Clock).SetAsync(id, new ActionFields { Title = "Titre de A" }, "ana");

        var ex = await Assert.ThrowsAsync<StaleWriteException>(() =>
            new ActionService(second, Clock).SetAsync(id, new ActionFields { Title = "Titre de B" }, "bob"));
        Assert.Equal(2, ex.CurrentVersion);
        Assert.Contains("changed", ex.Message);
        await using var check = db.Open();
        Assert.Equal("Titre de A", (await check.Actions.AsNoTracking().SingleAsync(x => x.Id == id)).Title);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_service_refuses_an_expected_version_that_is_gone(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var id = await SeedAsync(db);
        await using (var ctx = db.Open())
            await new ActionService(ctx, Clock).SetAsync(id, new ActionFields { Title = "Titre de A" }, "ana", expectedVersion: 1);

        await using var late = db.Open();
        var ex = await Assert.ThrowsAsync<StaleWriteException>(() =>
            new ActionService(late, Clock).SetAsync(id, new ActionFields { Title = "Titre de B" }, "bob", expectedVersion: 1));
        Assert.Equal(2, ex.CurrentVersion);
        await using var check = db.Open();
        Assert.Equal("Titre de A", (await check.Actions.AsNoTracking().SingleAsync(x => x.Id == id)).Title);
    }
}
