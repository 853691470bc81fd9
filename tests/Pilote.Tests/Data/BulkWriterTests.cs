using Microsoft.EntityFrameworkCore;
using Pilote.Actions;
using Pilote.Data;
using Pilote.Measurements;
using Pilote.Plans;
using Pilote.Testing;

namespace Pilote.Tests.Data;

/// <summary>
/// What a bulk write stores is what EF Core would have stored: on PostgreSQL the rows go as binary COPY encoded by
/// Pilote itself (numeric digits, days, instants), on SQLite through prepared statements.
/// </summary>
public sealed class BulkWriterTests
{
    private static readonly FixedClock Clock = new(2026, 11, 22);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Values_days_texts_and_instants_come_back_as_written(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await using var db = test.Open();
        var ws = await WorkspaceService.ResolveAsync(db, Clock, null);
        var plan = await new PlanService(db, Clock).CreateAsync(ws.Id, new PlanFields("Bulk", Start: "2026-01-01", End: "2026-12-31"));
        var action = await new ActionService(db, Clock).AddAsync(plan.Id, new ActionFields { Title = "SEA", Channel = "sea" }, "test");
        // Whole numbers, fractions of every length up to the column's six decimals, negatives, zero (also negative
        // zero), the column's largest and a value with more decimals than it keeps (rounded as an INSERT rounds).
        decimal[] values = [0m, -0.0m, 1m, 10_000m, 12_345_678m, 0.5m, -0.5m, 0.000001m, 1234.5678m, 9_999.9999m, 100_000_000.000001m,
            -42.1m, 2_236.71510474m, 999_999_999_999_999_999.999999m, 3.14159265m];
        var first = new DateOnly(1999, 12, 31);
        var rows = values.Select((v, i) => new MeasurementRow(action.Id, i % 2 == 0 ? "spend" : "clics é", first.AddDays(i * 400), first.AddDays(i * 401), v))
            .ToArray();
        var at = new DateTimeOffset(2026, 11, 22, 9, 30, 15, 123, TimeSpan.FromHours(1)).AddTicks(4560);
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            await BulkWriter.WriteAsync(db, rows, "ga4 « test »", null, at, default);
            await tx.CommitAsync();
        }

        var stored = await db.Measurements.AsNoTracking().Where(m => m.ActionId == action.Id).OrderBy(m => m.Id).ToListAsync();
        Assert.Equal(rows.Length, stored.Count);
        for (var i = 0; i < rows.Length; i++)
        {
            // PostgreSQL's numeric(24,6) rounds as it stores; SQLite keeps the decimal's text as it came.
            var expected = provider == "postgres" ? Math.Round(rows[i].Value, 6, MidpointRounding.AwayFromZero) : rows[i].Value;
            Assert.Equal(expected, stored[i].Value);
            Assert.Equal((rows[i].Metric, rows[i].Start, rows[i].End), (stored[i].Metric, stored[i].PeriodStart, stored[i].PeriodEnd));
            Assert.Equal("ga4 « test »", stored[i].Source);
            Assert.Null(stored[i].BatchId);
            Assert.Equal(at.UtcTicks, stored[i].RecordedAt.UtcTicks);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_row_the_database_refuses_fails_the_whole_write_with_the_databases_reason_and_the_connection_goes_on(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await using var db = test.Open();
        var ws = await WorkspaceService.ResolveAsync(db, Clock, null);
        var plan = await new PlanService(db, Clock).CreateAsync(ws.Id, new PlanFields("Bulk", Start: "2026-01-01", End: "2026-12-31"));
        var action = await new ActionService(db, Clock).AddAsync(plan.Id, new ActionFields { Title = "SEA", Channel = "sea" }, "test");
        // 70 000 good rows (more than one block of the COPY), then one whose metric is longer than its column allows
        // (PostgreSQL refuses it; SQLite has no length limit, so there the last row is a missing action instead).
        var rows = Enumerable.Range(0, 70_000).Select(i => new MeasurementRow(action.Id, "clicks", new DateOnly(2026, 1, 1).AddDays(i % 365),
            new DateOnly(2026, 1, 1).AddDays(i % 365), i)).ToList();
        rows.Add(provider == "postgres"
            ? new MeasurementRow(action.Id, new string('m', 80), new(2026, 3, 1), new(2026, 3, 1), 1)
            : new MeasurementRow(999_999, "clicks", new(2026, 3, 1), new(2026, 3, 1), 1));
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            var error = await Assert.ThrowsAnyAsync<Exception>(() => BulkWriter.WriteAsync(db, rows, "ga4", null, Clock.GetUtcNow(), default));
            if (provider == "postgres")
                Assert.Contains("too long", error.Message, StringComparison.OrdinalIgnoreCase);
        }
        db.ChangeTracker.Clear();
        Assert.Equal(0, await db.Measurements.CountAsync());
        // The same connection takes the next write.
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            await BulkWriter.WriteAsync(db, rows.Take(3).ToList(), "ga4", null, Clock.GetUtcNow(), default);
            await tx.CommitAsync();
        }
        Assert.Equal(3, await db.Measurements.CountAsync());
    }
}
