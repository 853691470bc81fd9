using Microsoft.EntityFrameworkCore;
using Pilote.Data;
using Pilote.Measurements;
using Pilote.Testing;

namespace Pilote.Tests.Data;

public sealed class MigrationTests
{
    [Fact]
    public void Sqlite_migrations_match_the_model()
    {
        using var db = new PiloteDb(DatabaseTarget.Sqlite(Path.Combine(Path.GetTempPath(), "pilote-model-check.db")).Options(compiledModel: false));
        Assert.False(db.Database.HasPendingModelChanges(),
            "the model changed without a SQLite migration: run dotnet ef migrations add on src/Pilote.Migrations.Sqlite");
    }

    [Fact]
    public void Postgres_migrations_match_the_model()
    {
        using var db = new PiloteDb(DatabaseTarget.Postgres("Host=127.0.0.1;Database=model_check").Options(compiledModel: false));
        Assert.False(db.Database.HasPendingModelChanges(),
            "the model changed without a PostgreSQL migration: run dotnet ef migrations add on src/Pilote.Migrations.Postgres");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Migrating_twice_is_harmless_and_leaves_nothing_pending(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await test.Target.MigrateAsync();
        await using var db = test.Open();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.True(await db.Database.CanConnectAsync());
    }

    [Fact]
    public async Task Sqlite_runs_in_wal_mode_with_a_busy_timeout()
    {
        await using var test = await TestDatabase.CreateAsync("sqlite");
        await using var db = test.Open();
        await db.Database.OpenConnectionAsync();
        var conn = db.Database.GetDbConnection();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await cmd.ExecuteScalarAsync());
        cmd.CommandText = "PRAGMA busy_timeout;";
        Assert.Equal(10000L, (long)(await cmd.ExecuteScalarAsync())!);
    }

    [Fact]
    public void Measurements_are_indexed_for_per_action_per_metric_period_sums()
    {
        using var db = DatabaseTarget.Sqlite(Path.Combine(Path.GetTempPath(), "pilote-model-check.db")).Open();
        var entity = db.Model.FindEntityType(typeof(Measurement))!;
        Assert.Contains(entity.GetIndexes(), i =>
            i.Properties.Select(p => p.Name).SequenceEqual([nameof(Measurement.ActionId), nameof(Measurement.Metric), nameof(Measurement.PeriodStart)]));
        Assert.Contains(entity.GetIndexes(), i => i.Properties.Single().Name == nameof(Measurement.BatchId));
    }

    [Fact]
    public void Every_row_people_edit_has_a_concurrency_token()
    {
        using var db = DatabaseTarget.Sqlite(Path.Combine(Path.GetTempPath(), "pilote-model-check.db")).Open();
        var edited = new[] { "Plan", "Objective", "PlanAction", "ActionKpi", "Channel", "KpiDefinition", "MetricDefinition", "Product", "Persona", "Workspace" };
        foreach (var name in edited)
        {
            var entity = db.Model.GetEntityTypes().Single(e => e.ClrType.Name == name);
            Assert.True(entity.FindProperty("Version")?.IsConcurrencyToken, $"{name}.Version is not a concurrency token");
        }
    }
}
