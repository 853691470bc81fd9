using Microsoft.EntityFrameworkCore;
using Pilote.Actions;
using Pilote.Data;
using Pilote.Plans;
using Pilote.Testing;

namespace Pilote.Tests.Data;

/// <summary>
/// The bulk inserts that bring a 100 000-row spreadsheet in as a new plan: every row stored as SaveChanges would store
/// it, under the id set back on the entity, never an id the table gave before (even one of a deleted row), and the
/// ids given afterwards by EF Core follow on.
/// </summary>
public sealed class EntityRowsTests
{
    private static readonly FixedClock Clock = new(2026, 11, 23);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Rows_go_in_under_new_ids_with_their_children_and_later_ids_follow(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await using var db = test.Open();
        var ws = await WorkspaceService.ResolveAsync(db, Clock, null);
        var plan = await new PlanService(db, Clock).CreateAsync(ws.Id, new PlanFields("Bulk", Start: "2026-01-01", End: "2026-12-31"));
        var service = new ActionService(db, Clock);
        await service.AddAsync(plan.Id, new ActionFields { Title = "Avant 1", Channel = "sea" }, "test");
        var deleted = await service.AddAsync(plan.Id, new ActionFields { Title = "Avant 2", Channel = "seo" }, "test");
        await service.DeleteAsync(deleted.Id);
        var channel = await db.Channels.FirstAsync(c => c.WorkspaceId == ws.Id && c.Key == "emailing");
        db.ChangeTracker.Clear();

        // 250 rows: two statements of 100 and one of 50 on SQLite.
        var actions = Enumerable.Range(0, 250).Select(i => new PlanAction
        {
            PlanId = plan.Id, Title = $"Action {i} « test » ; l'été", ChannelId = channel.Id, Position = 10 + i, Status = ActionStatus.InProgress,
            PlannedBudget = 1_500.5m + i, Start = new DateOnly(2026, 3, 1).AddDays(i), Owner = i % 2 == 0 ? "Camille" : null,
        }).ToList();
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            await EntityRows.InsertAsync(db, actions, default);
            var comments = actions.Select(a => new ActionComment { ActionId = a.Id, Author = "test", At = Clock.GetUtcNow(), Kind = CommentKind.Adjustment, Text = $"pour {a.Title}" }).ToList();
            await EntityRows.InsertAsync(db, comments, default);
            await tx.CommitAsync();
        }

        Assert.Equal(Enumerable.Range(actions[0].Id, 250), actions.Select(a => a.Id));
        Assert.True(actions[0].Id > deleted.Id, $"first new id {actions[0].Id} must follow the deleted {deleted.Id}");
        var stored = await db.Actions.AsNoTracking().Include(a => a.Comments).Where(a => a.PlanId == plan.Id && a.Position >= 10)
            .OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(actions.Select(a => (a.Id, a.Title, a.PlannedBudget, a.Start, a.Owner, a.Status, 1)),
            stored.Select(a => (a.Id, a.Title, a.PlannedBudget, a.Start, a.Owner, a.Status, a.Version)));
        Assert.All(stored, a => Assert.Equal($"pour {a.Title}", Assert.Single(a.Comments).Text));

        var after = await service.AddAsync(plan.Id, new ActionFields { Title = "Après", Channel = "sea" }, "test");
        Assert.True(after.Id > actions[^1].Id, $"EF's next id {after.Id} must follow the bulk rows (last {actions[^1].Id})");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Enum_columns_hold_the_text_SaveChanges_stores_even_for_a_value_without_a_name(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await using var db = test.Open();
        var ws = await WorkspaceService.ResolveAsync(db, Clock, null);
        var plan = await new PlanService(db, Clock).CreateAsync(ws.Id, new PlanFields("Bulk", Start: "2026-01-01", End: "2026-12-31"));
        var channel = await db.Channels.FirstAsync(c => c.WorkspaceId == ws.Id);
        PlanAction Row(string title, ActionStatus status) => new()
        {
            PlanId = plan.Id, Title = title, ChannelId = channel.Id, Status = status, Kind = ActionKind.Recurring, Periodicity = Periodicity.Weekly,
        };
        var bulk = new[] { Row("bulk", ActionStatus.Live), Row("bulk", (ActionStatus)42) };
        var saved = new[] { Row("saved", ActionStatus.Live), Row("saved", (ActionStatus)42) };
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            await EntityRows.InsertAsync(db, bulk, default);
            await tx.CommitAsync();
        }
        db.Actions.AddRange(saved);
        await db.SaveChangesAsync();

        var stored = await db.Database.SqlQueryRaw<string>(
            "SELECT a.\"Title\" || ':' || a.\"Status\" || ':' || a.\"Kind\" || ':' || a.\"Periodicity\" AS \"Value\" FROM actions a WHERE a.\"PlanId\" = {0} ORDER BY a.\"Id\"", plan.Id)
            .ToListAsync();
        Assert.Equal(["bulk:Live:Recurring:Weekly", "bulk:42:Recurring:Weekly", "saved:Live:Recurring:Weekly", "saved:42:Recurring:Weekly"], stored);
    }
}
