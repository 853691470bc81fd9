using Npgsql;
using Pilote.Data;
using Pilote.Testing;

namespace Pilote.Benchmarks;

/// <summary>A fresh migrated database: an SQLite file, or a database in the throwaway PostgreSQL cluster the tests use.</summary>
public static class BenchDatabase
{
    public static async Task<DatabaseTarget> CreateAsync(string provider, string folder)
    {
        DatabaseTarget target;
        if (provider == "sqlite")
            target = DatabaseTarget.Sqlite(Path.Combine(folder, $"bench-{Guid.NewGuid():N}.db"));
        else
        {
            var cluster = PostgresCluster.Instance;
            var name = "bench_" + Guid.NewGuid().ToString("N")[..16];
            await using (var conn = new NpgsqlConnection(cluster.ConnectionString("postgres")))
            {
                await conn.OpenAsync();
                await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", conn);
                await cmd.ExecuteNonQueryAsync();
            }
            target = DatabaseTarget.Postgres(cluster.ConnectionString(name));
        }
        await target.MigrateAsync();
        return target;
    }
}
