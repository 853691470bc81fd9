using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Pilote.Actions;
using Pilote.Data;
using Pilote.Demo;
using Pilote.Testing;

namespace Pilote.Tests.Actions;

/// <summary>
/// Every edit of an action (grid cell, PATCH, <c>pilote action set</c>) loads the action with its KPIs, their target
/// history, its tracking codes and its objectives. In one JOIN that is a cartesian product which grows with every target
/// change; EF Core warns about it (MultipleCollectionIncludeWarning, logged by <c>pilote serve</c>). Here the warning is an
/// error, so the edit only passes when the collections are read one query each.
/// </summary>
public sealed class ActionEditQueryTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Editing_an_action_does_not_load_its_collections_as_one_cartesian_product(string provider)
    {
        var clock = new FixedClock(2026, 11, 22);
        await using var test = await TestDatabase.CreateAsync(provider);
        await using (var db = test.Open())
            await new DemoWorkspace(db, clock).LoadAsync(replace: false);

        var builder = new DbContextOptionsBuilder<PiloteDb>();
        test.Target.Configure(builder);
        builder.ConfigureWarnings(w => w.Throw(RelationalEventId.MultipleCollectionIncludeWarning));
        await using (var strict = new PiloteDb(builder.Options))
        {
            // The SEA campaign has two KPIs with targets, a tracking code and an objective: every collection has rows.
            var sea = await strict.Actions.AsNoTracking().SingleAsync(a => a.Title == "Campagne Google Ads « rapports pays »");
            await new ActionService(strict, clock).SetAsync(sea.Id, new ActionFields { Owner = "Inès", Target = "< 45 €", Kpi = "cpl" }, "test");
        }

        await using var check = test.Open();
        var action = await check.Actions.AsNoTracking().Include(a => a.Kpis).ThenInclude(k => k.History)
            .SingleAsync(a => a.Title == "Campagne Google Ads « rapports pays »");
        Assert.Equal("Inès", action.Owner);
        var cpl = Assert.Single(action.Kpis, k => k.TargetText == "< 45 €");
        // The target that changed keeps its history: the former « <40 € » is still there.
        Assert.Contains(cpl.History, h => h.Text == "<40 €");
    }
}
