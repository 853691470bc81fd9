using Npgsql;
using Pilote.Data;

namespace Pilote.Testing;

/// <summary>
/// A fresh, migrated database for one test: an SQLite file in a temporary folder, or a new database in the shared
/// PostgreSQL cluster. Disposing removes it.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _folder;
    private readonly string? _pgName;

    private TestDatabase(DatabaseTarget target, string? folder, string? pgName)
    {
        Target = target;
        _folder = folder;
        _pgName = pgName;
    }

    public DatabaseTarget Target { get; }

    /// <summary>What to pass to --db.</summary>
    public string DbArgument => Target.Provider == DatabaseProvider.Sqlite ? Target.Display : Target.ConnectionString;

    /// <summary>The providers every data test runs on: SQLite, and PostgreSQL where it can run (always on CI).</summary>
    public static TheoryData<string> Providers
    {
        get
        {
            var data = new TheoryData<string> { "sqlite" };
            if (PostgresCluster.Available)
                data.Add("postgres");
            return data;
        }
    }

    public static async Task<TestDatabase> CreateAsync(string provider, bool migrate = true)
    {
        TestDatabase db;
        if (provider == "sqlite")
        {
            var folder = Path.Combine(Path.GetTempPath(), "pilote-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            db = new TestDatabase(DatabaseTarget.Sqlite(Path.Combine(folder, "pilote.db")), folder, null);
        }
        else
        {
            var cluster = PostgresCluster.Instance;
            var name = "t_" + Guid.NewGuid().ToString("N")[..20];
            await using (var conn = new NpgsqlConnection(cluster.ConnectionString("postgres")))
            {
                await conn.OpenAsync();
                await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", conn);
                await cmd.ExecuteNonQueryAsync();
            }
            db = new TestDatabase(DatabaseTarget.Postgres(cluster.ConnectionString(name)), null, name);
        }
        if (migrate)
            await db.Target.MigrateAsync();
        return db;
    }

    public PiloteDb Open() => Target.Open();

    public async ValueTask DisposeAsync()
    {
        if (_folder is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
        if (_pgName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var conn = new NpgsqlConnection(PostgresCluster.Instance.ConnectionString("postgres"));
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_pgName} WITH (FORCE)", conn);
            await cmd.ExecuteNonQueryAsync();
        }
    }
}
