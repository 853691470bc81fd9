using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
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
    public async Task A_sqlite_file_one_migration_behind_gets_the_last_one_on_the_next_start()
    {
        var path = Path.Combine(Path.GetTempPath(), $"pilote-behind-{Guid.NewGuid():N}.db");
        try
        {
            var target = DatabaseTarget.Sqlite(path);
            string last;
            await using (var db = target.Open())
            {
                var all = db.Database.GetMigrations().ToList();
                last = all[^1];
                // The file as the build before the last migration left it.
                await db.GetService<IMigrator>().MigrateAsync(all[^2]);
                Assert.Equal([last], await db.Database.GetPendingMigrationsAsync());
            }
            await target.MigrateAsync();
            await using (var db = target.Open())
            {
                Assert.Empty(await db.Database.GetPendingMigrationsAsync());
                Assert.Contains(last, await db.Database.GetAppliedMigrationsAsync());
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var f in new[] { path, path + "-wal", path + "-shm" })
                File.Delete(f);
        }
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
