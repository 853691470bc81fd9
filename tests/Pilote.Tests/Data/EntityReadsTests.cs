using Microsoft.EntityFrameworkCore;
using Pilote.Actions;
using Pilote.Common;
using Pilote.Data;
using Pilote.Kpis;
using Pilote.Plans;
using Pilote.Testing;

namespace Pilote.Tests.Data;

/// <summary>
/// The plain reads and update of the bulk import paths: every mapped column comes back as EF Core's own query gives it
/// (enums stored as text, decimals, dates, offsets, nulls), and an update changes the columns it names and nothing else.
/// </summary>
public sealed class EntityReadsTests
{
    private static readonly FixedClock Clock = new(2026, 11, 23);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Rows_read_plainly_equal_what_EF_Core_reads(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await using var db = test.Open();
        var ws = await WorkspaceService.ResolveAsync(db, Clock, null);
        var other = await WorkspaceService.CreateAsync(db, Clock, "Autre", "autre");
        var plan = await new PlanService(db, Clock).CreateAsync(ws.Id, new PlanFields("Lu", Start: "2026-01-01", End: "2026-03-31", Budget: "12 500,75"));
        await new ActionService(db, Clock).AddAsync(plan.Id, new ActionFields { Title = "Ads", Channel = "sea", Status = "en cours", Budget = "1 200,5", Due = "2026-02-28" }, "test");
        db.ChangeTracker.Clear();

        await AssertSameAsync(db, await db.Channels.AsNoTracking().Where(c => c.WorkspaceId == ws.Id).OrderBy(c => c.Id).ToListAsync(),
            await EntityReads.WhereAsync<Channel>(db, nameof(Channel.WorkspaceId), ws.Id, default));
        await AssertSameAsync(db, await db.KpiDefinitions.AsNoTracking().Where(k => k.WorkspaceId == ws.Id).OrderBy(k => k.Id).ToListAsync(),
            await EntityReads.WhereAsync<KpiDefinition>(db, nameof(KpiDefinition.WorkspaceId), ws.Id, default));
        await AssertSameAsync(db, await db.Plans.AsNoTracking().Where(p => p.Id == plan.Id).ToListAsync(),
            await EntityReads.WhereAsync<Plan>(db, nameof(Plan.Id), plan.Id, default));
        // Enums stored as text, a nullable decimal and dates: the action row.
        await AssertSameAsync(db, await db.Actions.AsNoTracking().Where(a => a.PlanId == plan.Id).ToListAsync(),
            await EntityReads.WhereAsync<PlanAction>(db, nameof(PlanAction.PlanId), plan.Id, default));
        Assert.Equal("autre", Assert.Single(await EntityReads.WhereAsync<Workspace>(db, nameof(Workspace.Slug), "autre", default)).Slug);
        Assert.Equal(other.Id, (await WorkspaceService.ResolveAsync(db, Clock, "autre")).Id);
        Assert.Empty(await EntityReads.WhereAsync<Workspace>(db, nameof(Workspace.Slug), "absent", default));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_update_changes_the_columns_it_names_and_no_other(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await using var db = test.Open();
        var ws = await WorkspaceService.ResolveAsync(db, Clock, null);
        var plan = await new PlanService(db, Clock).CreateAsync(ws.Id, new PlanFields("Avant", Start: "2026-01-01", End: "2026-03-31", Description: "garde"));
        db.ChangeTracker.Clear();

        var changed = await db.Plans.AsNoTracking().SingleAsync(p => p.Id == plan.Id);
        (changed.Start, changed.End, changed.Budget, changed.Name) = (new DateOnly(2026, 4, 1), new DateOnly(2026, 6, 30), 9_999.99m, "pas écrit");
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            await EntityRows.UpdateAsync(db, changed, [nameof(Plan.Start), nameof(Plan.End), nameof(Plan.Budget)], default);
            await tx.CommitAsync();
        }

        var stored = await db.Plans.AsNoTracking().SingleAsync(p => p.Id == plan.Id);
        Assert.Equal((new DateOnly(2026, 4, 1), new DateOnly(2026, 6, 30), 9_999.99m), (stored.Start, stored.End, stored.Budget));
        Assert.Equal(("Avant", "garde", plan.Version), (stored.Name, stored.Description, stored.Version));

        // A budget cleared is stored as null; a row that is not there is an error, not a silent no-op.
        changed.Budget = null;
        await EntityRows.UpdateAsync(db, changed, [nameof(Plan.Budget)], default);
        Assert.Null((await db.Plans.AsNoTracking().SingleAsync(p => p.Id == plan.Id)).Budget);
        changed.Id = plan.Id + 1_000;
        await Assert.ThrowsAsync<InvalidOperationException>(() => EntityRows.UpdateAsync(db, changed, [nameof(Plan.Budget)], default));
    }

    // Every mapped property of every row, compared through the model's own getters.
    private static Task AssertSameAsync<T>(PiloteDb db, List<T> expected, List<T> actual) where T : class
    {
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Count, actual.Count);
        var properties = db.Model.FindEntityType(typeof(T))!.GetProperties().Where(p => !p.IsShadowProperty()).ToList();
        for (var i = 0; i < expected.Count; i++)
            foreach (var p in properties)
                Assert.True(Equals(p.GetGetter().GetClrValue(expected[i]), p.GetGetter().GetClrValue(actual[i])),
                    $"{typeof(T).Name} row {i} {p.Name}: EF read « {p.GetGetter().GetClrValue(expected[i])} », plain read « {p.GetGetter().GetClrValue(actual[i])} »");
        return Task.CompletedTask;
    }
}
