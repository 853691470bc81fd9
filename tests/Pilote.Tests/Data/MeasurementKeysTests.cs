using Microsoft.EntityFrameworkCore;
using Pilote.Actions;
using Pilote.Data;
using Pilote.Measurements;
using Pilote.Plans;
using Pilote.Testing;

namespace Pilote.Tests.Data;

/// <summary>
/// A measurement always names an action (and its batch) that exists, and goes with it: by foreign keys on SQLite, by
/// statement-level triggers on PostgreSQL (migration SetBasedMeasurementKeys). The same rules on both.
/// </summary>
public sealed class MeasurementKeysTests
{
    private static readonly FixedClock Clock = new(2026, 11, 22);

    private static async Task<(int Plan, int First, int Second)> PlanAsync(PiloteDb db)
    {
        var ws = await WorkspaceService.ResolveAsync(db, Clock, null);
        var plan = await new PlanService(db, Clock).CreateAsync(ws.Id, new PlanFields("Keys", Start: "2026-01-01", End: "2026-12-31"));
        var actions = new ActionService(db, Clock);
        var first = await actions.AddAsync(plan.Id, new ActionFields { Title = "SEA", Channel = "sea" }, "test");
        var second = await actions.AddAsync(plan.Id, new ActionFields { Title = "Emailing", Channel = "emailing" }, "test");
        var measures = new MeasurementService(db, Clock);
        foreach (var id in new[] { first.Id, second.Id })
        {
            await measures.AddAsync(id, "leads", "2026-03-02", null, "12");
            await measures.AddAsync(id, "spend", "2026-03-01", "2026-03-31", "300");
        }
        return (plan.Id, first.Id, second.Id);
    }

    private static async Task<(int Measurements, int Totals, int Months)> CountsAsync(PiloteDb db, int actionId) =>
        (await db.Measurements.CountAsync(m => m.ActionId == actionId), await db.MeasurementTotals.CountAsync(t => t.ActionId == actionId),
            await db.MeasurementMonths.CountAsync(t => t.ActionId == actionId));

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Deleting_an_action_or_its_plan_deletes_its_measurements_and_totals(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await using var db = test.Open();
        var (plan, first, second) = await PlanAsync(db);
        Assert.Equal((2, 1, 1), await CountsAsync(db, first));

        await new ActionService(db, Clock).DeleteAsync(first);
        db.ChangeTracker.Clear();
        Assert.Equal((0, 0, 0), await CountsAsync(db, first));
        Assert.Equal((2, 1, 1), await CountsAsync(db, second));

        await new PlanService(db, Clock).DeleteAsync(plan);
        db.ChangeTracker.Clear();
        Assert.Equal((0, 0, 0), await CountsAsync(db, second));
        Assert.Equal(0, await db.Measurements.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Deleting_a_batch_deletes_its_measurements_and_a_missing_action_or_batch_is_refused(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await using var db = test.Open();
        var (_, first, second) = await PlanAsync(db);
        var ws = (await db.Plans.FirstAsync()).WorkspaceId;
        var batch = new ImportBatch { WorkspaceId = ws, Source = "ga4", ImportedAt = Clock.GetUtcNow() };
        db.ImportBatches.Add(batch);
        await db.SaveChangesAsync();
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            MeasurementRow[] rows = [new(first, "sessions", new(2026, 3, 2), new(2026, 3, 2), 40), new(second, "sessions", new(2026, 3, 2), new(2026, 3, 2), 7)];
            await BulkWriter.WriteAsync(db, rows, "ga4", batch.Id, Clock.GetUtcNow(), default);
            await tx.CommitAsync();
        }
        Assert.Equal(2, await db.Measurements.CountAsync(m => m.BatchId == batch.Id));

        await db.ImportBatches.Where(b => b.Id == batch.Id).ExecuteDeleteAsync();
        Assert.Equal(0, await db.Measurements.CountAsync(m => m.BatchId == batch.Id));
        Assert.Equal(4, await db.Measurements.CountAsync());

        // A bulk write naming an action that does not exist fails whole: the good row of the same write is not kept.
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            MeasurementRow[] rows = [new(first, "sessions", new(2026, 3, 3), new(2026, 3, 3), 5), new(999_999, "sessions", new(2026, 3, 3), new(2026, 3, 3), 5)];
            await Assert.ThrowsAnyAsync<Exception>(() => BulkWriter.WriteAsync(db, rows, "ga4", null, Clock.GetUtcNow(), default));
        }
        db.Measurements.Add(new Measurement
        {
            ActionId = first, Metric = "leads", PeriodStart = new(2026, 3, 4), PeriodEnd = new(2026, 3, 4), Value = 1, Source = "manual",
            BatchId = 999_999, RecordedAt = Clock.GetUtcNow(),
        });
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();
        Assert.Equal(4, await db.Measurements.CountAsync());

        // On PostgreSQL a bulk write checks its keys itself and has the trigger skip its one statement: the next insert of
        // the same transaction is checked again.
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            MeasurementRow[] rows = [new(first, "sessions", new(2026, 3, 5), new(2026, 3, 5), 5)];
            await BulkWriter.WriteAsync(db, rows, "ga4", null, Clock.GetUtcNow(), default);
            db.Measurements.Add(new Measurement
            {
                ActionId = 999_999, Metric = "leads", PeriodStart = new(2026, 3, 5), PeriodEnd = new(2026, 3, 5), Value = 1, Source = "manual",
                RecordedAt = Clock.GetUtcNow(),
            });
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }
        db.ChangeTracker.Clear();
        Assert.Equal(4, await db.Measurements.CountAsync());
    }
}
