using Microsoft.EntityFrameworkCore;
using Pilote.Actions;
using Pilote.Plans;
using Pilote.Testing;

namespace Pilote.Tests.Data;

public sealed class VersionTests
{
    private static readonly FixedClock Clock = new(2026, 11, 22);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Each_saved_edit_bumps_the_version_and_a_stale_copy_cannot_overwrite_it(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        int actionId;
        await using (var db = test.Open())
        {
            var ws = await WorkspaceService.ResolveAsync(db, Clock, null);
            var plan = await new PlanService(db, Clock).CreateAsync(ws.Id, new PlanFields("Q1"));
            var action = await new ActionService(db, Clock).AddAsync(plan.Id, new ActionFields { Title = "Newsletter", Channel = "emailing" }, "ana");
            actionId = action.Id;
            Assert.Equal(1, action.Version);
        }

        await using var first = test.Open();
        await using var second = test.Open();
        var a1 = await first.Actions.SingleAsync(a => a.Id == actionId);
        var a2 = await second.Actions.SingleAsync(a => a.Id == actionId);
        a1.Owner = "Ana";
        await first.SaveChangesAsync();
        Assert.Equal(2, a1.Version);

        a2.Owner = "Bruno";
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());

        await using var check = test.Open();
        var stored = await check.Actions.SingleAsync(a => a.Id == actionId);
        Assert.Equal("Ana", stored.Owner);
        Assert.Equal(2, stored.Version);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_changed_target_is_kept_in_the_history_with_an_adjustment_in_the_log(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await using var db = test.Open();
        var ws = await WorkspaceService.ResolveAsync(db, Clock, null);
        var plan = await new PlanService(db, Clock).CreateAsync(ws.Id, new PlanFields("Q1", Start: "2026-10-01", End: "2026-12-31"));
        var service = new ActionService(db, Clock);
        var action = await service.AddAsync(plan.Id, new ActionFields { Title = "SEA produit", Channel = "SEA", Kpi = "CPL", Target = "<3€" }, "ana");
        Clock.Now = Clock.Now.AddDays(14);
        await service.SetAsync(action.Id, new ActionFields { Target = "< 3,50 €", Reason = "CPC en hausse" }, "bruno");

        await using var check = test.Open();
        var kpi = await check.ActionKpis.Include(k => k.History).SingleAsync(k => k.ActionId == action.Id);
        Assert.Equal("< 3,50 €", kpi.TargetText);
        Assert.Equal(3.50m, kpi.TargetValue);
        var history = kpi.History.OrderBy(h => h.ChangedAt).ToList();
        Assert.Equal(["<3€", "< 3,50 €"], history.Select(h => h.Text));
        Assert.Equal([3m, 3.50m], history.Select(h => h.Value));
        Assert.Equal("bruno", history[1].ChangedBy);
        Assert.Equal("CPC en hausse", history[1].Reason);
        var log = await check.ActionComments.Where(c => c.ActionId == action.Id).ToListAsync();
        var adjustment = Assert.Single(log);
        Assert.Equal(CommentKind.Adjustment, adjustment.Kind);
        Assert.Contains("3,50", adjustment.Text);
    }
}

public sealed class ChildEditVersionTests
{
    private static readonly FixedClock Clock = new(2026, 11, 22);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_comment_or_a_new_target_moves_the_action_version(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await using var db = test.Open();
        var ws = await WorkspaceService.ResolveAsync(db, Clock, null);
        var plan = await new PlanService(db, Clock).CreateAsync(ws.Id, new PlanFields("Q4"));
        var service = new ActionService(db, Clock);
        var action = await service.AddAsync(plan.Id, new ActionFields { Title = "SEA", Channel = "sea", Kpi = "cpl", Target = "<3€" }, "ana");
        Assert.Equal(1, action.Version);

        await service.SetAsync(action.Id, new ActionFields { Comment = "Lancée" }, "ana", expectedVersion: 1);
        await service.SetAsync(action.Id, new ActionFields { Target = "<4€" }, "ana", expectedVersion: 2);
        await using var check = test.Open();
        Assert.Equal(3, (await check.Actions.SingleAsync(a => a.Id == action.Id)).Version);
        // The copy read before the comment is now stale.
        await Assert.ThrowsAsync<Common.StaleWriteException>(() =>
            new ActionService(check, Clock).SetAsync(action.Id, new ActionFields { Owner = "Bruno" }, "bruno", expectedVersion: 1));
    }
}
