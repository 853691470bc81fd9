using Microsoft.EntityFrameworkCore;
using Pilote.Testing;

namespace Pilote.App.Tests.Cli;

public sealed class ActionCommandTests
{
    private static async Task<int> AddSeaAsync(TestDatabase db)
    {
        await CliRun.OkAsync(db, "plan", "new", "--name", "Acquisition");
        var added = await CliRun.JsonAsync(db, "action", "add", "Acquisition", "--title", "Campagne SEA", "--channel", "sea",
            "--kpi", "cpl", "--target", "< 3,50 €", "--owner", "Omar", "--due", "31/12/2026", "--status", "À lancer",
            "--budget", "1 500");
        return added.GetProperty("id").GetInt32();
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Add_reads_french_words_amounts_and_dates(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var id = await AddSeaAsync(db);

        var action = Assert.Single((await CliRun.JsonAsync(db, "plan", "show", "Acquisition")).Items("actions"));
        Assert.Equal(id, action.GetProperty("id").GetInt32());
        Assert.Equal("Campagne SEA", action.Str("title"));
        Assert.Equal("sea", action.Str("channel"));
        Assert.Equal("ready", action.Str("status"));
        Assert.Equal("Omar", action.Str("owner"));
        Assert.Equal("2026-12-31", action.Str("due"));
        Assert.Equal(1500m, action.Num("budget"));
        Assert.Equal(0m, action.Num("spent"));
        Assert.Equal(1, action.GetProperty("version").GetInt32());
        var target = Assert.Single(action.Items("kpis")).GetProperty("target");
        Assert.Equal("< 3,50 €", target.Str("text"));
        Assert.Equal("lt", target.Str("comparator"));
        Assert.Equal(3.5m, target.Num("value"));
        Assert.Equal("currency", target.Str("unit"));
        Assert.Equal("2026-12-31", target.Str("deadline"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Set_changes_status_spent_and_keeps_the_target_history(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var id = await AddSeaAsync(db);

        var updated = await CliRun.JsonAsync(db, "action", "set", id.ToString(), "--status", "live", "--spent", "1 200,50",
            "--kpi", "cpl", "--target", "< 3 €", "--reason", "CPC en baisse");
        Assert.Equal("live", updated.Str("status"));
        Assert.Equal(1200.50m, updated.Num("spent"));
        Assert.Equal(2, updated.GetProperty("version").GetInt32());
        var target = Assert.Single(updated.Items("kpis")).GetProperty("target");
        Assert.Equal("< 3 €", target.Str("text"));
        Assert.Equal(3m, target.Num("value"));
        var adjustment = Assert.Single(updated.Items("comments"), c => c.Str("kind") == "adjustment");
        Assert.Contains("< 3 €", adjustment.Str("text"));
        Assert.Contains("CPC en baisse", adjustment.Str("text"));
        Assert.Equal("testeur", adjustment.Str("author"));

        await using (var ctx = db.Open())
        {
            var history = await ctx.TargetChanges.Where(h => ctx.ActionKpis.Any(k => k.Id == h.ActionKpiId && k.ActionId == id))
                .OrderBy(h => h.Id).ToListAsync();
            Assert.Equal(["< 3,50 €", "< 3 €"], history.Select(h => h.Text));
            Assert.Equal([null, "CPC en baisse"], history.Select(h => h.Reason));
        }

        // Setting the same target again is not a change: no new history, no new comment.
        var again = await CliRun.JsonAsync(db, "action", "set", id.ToString(), "--target", "< 3 €");
        Assert.Single(again.Items("comments"), c => c.Str("kind") == "adjustment");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Set_finds_an_action_by_title_within_a_plan(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await AddSeaAsync(db);
        await CliRun.OkAsync(db, "plan", "new", "--name", "Autre plan");
        await CliRun.OkAsync(db, "action", "add", "Autre plan", "--title", "Campagne SEA bis", "--channel", "sea");

        var updated = await CliRun.JsonAsync(db, "action", "set", "campagne sea", "--plan", "Acquisition", "--owner", "Lina");
        Assert.Equal("Campagne SEA", updated.Str("title"));
        Assert.Equal("Lina", updated.Str("owner"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task List_filters_by_status(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await AddSeaAsync(db);
        await CliRun.OkAsync(db, "action", "add", "Acquisition", "--title", "Newsletter", "--channel", "emailing", "--status", "Actif");
        await CliRun.OkAsync(db, "action", "add", "Acquisition", "--title", "Articles", "--channel", "seo", "--status", "live");
        await CliRun.OkAsync(db, "action", "add", "Acquisition", "--title", "Salon", "--channel", "events");

        var live = await CliRun.JsonAsync(db, "action", "list", "Acquisition", "--status", "live");
        Assert.Equal(["Newsletter", "Articles"], live.EnumerateArray().Select(a => a.Str("title")));
        var planned = await CliRun.JsonAsync(db, "action", "list", "Acquisition", "--status", "Prévu");
        Assert.Equal(["Salon"], planned.EnumerateArray().Select(a => a.Str("title")));
        var all = await CliRun.JsonAsync(db, "action", "list", "Acquisition");
        Assert.Equal(4, all.GetArrayLength());
        var byChannel = await CliRun.JsonAsync(db, "action", "list", "Acquisition", "--channel", "emailing");
        Assert.Equal(["Newsletter"], byChannel.EnumerateArray().Select(a => a.Str("title")));
    }
}
