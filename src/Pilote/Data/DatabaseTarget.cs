using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using Pilote.Common;

namespace Pilote.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Which database Pilote talks to: an SQLite file (the default) or a PostgreSQL connection string, chosen by
/// <c>--db</c> or <c>PILOTE_DB</c>. Knows how to build the context options and how to migrate.
/// </summary>
public sealed record DatabaseTarget(DatabaseProvider Provider, string ConnectionString, string Display)
{
    public const string SqliteMigrations = "Pilote.Migrations.Sqlite";
    public const string PostgresMigrations = "Pilote.Migrations.Postgres";

    /// <summary>Reads <c>--db</c>; falls back to PILOTE_DB, then pilote.db in the data folder.</summary>
    public static DatabaseTarget Resolve(string? value, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        value = string.IsNullOrWhiteSpace(value) ? environment("PILOTE_DB") : value;
        if (string.IsNullOrWhiteSpace(value))
            return Sqlite(Path.Combine(DataFolder(environment), "pilote.db"));
        value = value.Trim();
        if (LooksLikePostgres(value))
            return Postgres(value);
        return Sqlite(value);
    }

    /// <summary>PILOTE_DATA, else the user's local application data folder.</summary>
    public static string DataFolder(Func<string, string?>? environment = null)
    {
        var configured = (environment ?? Environment.GetEnvironmentVariable)("PILOTE_DATA");
        if (!string.IsNullOrWhiteSpace(configured))
            return configured;
        var local = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
        return Path.Combine(string.IsNullOrEmpty(local) ? Path.GetTempPath() : local, "pilote");
    }

    public static DatabaseTarget Sqlite(string pathOrConnectionString)
    {
        var path = pathOrConnectionString.StartsWith("Data Source=", StringComparison.OrdinalIgnoreCase)
            ? new SqliteConnectionStringBuilder(pathOrConnectionString).DataSource
            : pathOrConnectionString;
        if (path.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase))
            path = path["sqlite:".Length..];
        var full = Path.GetFullPath(path);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = SqliteOpenMode.ReadWriteCreate,
            // Microsoft.Data.Sqlite retries a busy database until this many seconds have passed.
            DefaultTimeout = 30,
            Pooling = true,
        };
        return new DatabaseTarget(DatabaseProvider.Sqlite, builder.ToString(), full);
    }

    public static DatabaseTarget Postgres(string value)
    {
        string cs;
        try
        {
            cs = value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
                ? FromUri(value)
                : new NpgsqlConnectionStringBuilder(value).ConnectionString;
        }
        catch (ArgumentException ex)
        {
            throw new PiloteInputException($"--db: not a valid PostgreSQL connection string ({ex.Message})");
        }
        var b = new NpgsqlConnectionStringBuilder(cs);
        // Pilote's queries are small and interactive: parallel workers and JIT compilation cost more to start (hundreds of
        // milliseconds on a busy two-core server, measured on the dashboard query) than they could save. Unless the
        // connection string sets its own options.
        if (string.IsNullOrEmpty(b.Options))
        {
            b.Options = "-c jit=off -c max_parallel_workers_per_gather=0";
            cs = b.ConnectionString;
        }
        return new DatabaseTarget(DatabaseProvider.Postgres, cs, $"postgresql://{b.Host}:{b.Port}/{b.Database}");
    }

    public void Configure(DbContextOptionsBuilder options) => Configure(options, compiledModel: true);

    /// <summary>
    /// With <paramref name="compiledModel"/>, EF Core takes the model generated in <c>Data/Models</c> instead of building it
    /// from <see cref="PiloteDb"/>'s configuration on the first query of each process: every command 0,3 s and 5 MiB
    /// lighter (plan list: 1,47-1,58 s and 97 MiB before, 1,14-1,18 s and 92 MiB after). Without, the model is built
    /// as written: what <c>CompiledModelTests</c> compares the generated one with.
    /// </summary>
    public void Configure(DbContextOptionsBuilder options, bool compiledModel)
    {
        // Migrate() would otherwise build the model twice more (from the last snapshot and at design time) to compare them,
        // on every start: 0,1 s and 5 MiB of each CLI command (plan list: 1,56-1,63 s and 102 MiB before, 1,46-1,49 s and
        // 97 MiB after). MigrationTests makes that comparison once per provider instead.
        options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        if (Provider == DatabaseProvider.Sqlite)
            ConfigureSqlite(options, compiledModel);
        else
            ConfigurePostgres(options, compiledModel);
    }

    // One method per provider, never inlined: the JIT loads the assemblies a method names when it compiles it, so a
    // command on SQLite does not load Npgsql's EF Core provider for nothing.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ConfigureSqlite(DbContextOptionsBuilder options, bool compiledModel)
    {
        options.UseSqlite(ConnectionString, o => o.MigrationsAssembly(SqliteMigrations));
        options.AddInterceptors(SqlitePragmas.Instance);
        if (compiledModel)
            options.UseModel(Models.Sqlite.PiloteDbModel.Instance);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ConfigurePostgres(DbContextOptionsBuilder options, bool compiledModel)
    {
        options.UseNpgsql(ConnectionString, o => o.MigrationsAssembly(PostgresMigrations));
        if (compiledModel)
            options.UseModel(Models.Postgres.PiloteDbModel.Instance);
    }

    public DbContextOptions<PiloteDb> Options() => Options(compiledModel: true);

    public DbContextOptions<PiloteDb> Options(bool compiledModel)
    {
        var builder = new DbContextOptionsBuilder<PiloteDb>();
        Configure(builder, compiledModel);
        return builder.Options;
    }

    public PiloteDb Open() => new(Options());

    /// <summary>
    /// Applies pending migrations. SQLite does this on every start; PostgreSQL only when asked
    /// (<c>pilote db migrate</c>, <c>serve --migrate</c>) so that several app instances never race.
    /// </summary>
    public async Task MigrateAsync(CancellationToken ct = default)
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            var folder = Path.GetDirectoryName(Display);
            if (!string.IsNullOrEmpty(folder))
                Directory.CreateDirectory(folder);
        }
        await using var db = Open();
        if (Provider == DatabaseProvider.Sqlite)
        {
            await db.Database.OpenConnectionAsync(ct);
            if (await UpToDateAsync(db, ct))
                return;
            // A new file gets 16 KB pages (SQLite's default is 4 KB): an import writes tens of megabytes at once, and a
            // quarter's dashboard reads ranges; a quarter of the page writes made a bulk write and its commit a third
            // faster. Without effect on a file that already holds tables (its page size is set for good).
            await db.Database.ExecuteSqlRawAsync("PRAGMA page_size = 16384;", ct);
        }
        await db.Database.MigrateAsync(ct);
        if (Provider == DatabaseProvider.Sqlite)
            // WAL is a property of the file: readers never block the writer.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
    }

    /// <summary>
    /// True when the SQLite file's history already lists every migration this build carries. EF Core's Migrate() finds
    /// the same, but first takes its migration lock and compiles its migration pipeline: on every command that was 0,3 s
    /// and 5 MiB (an empty database, a bare query after it: 1,13 s and 82,5 MiB with Migrate(), 0,84 s and 77,2 MiB
    /// with this check). A file that misses one, or has no history yet, goes through Migrate() as before.
    /// </summary>
    private static async Task<bool> UpToDateAsync(PiloteDb db, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsHistory'";
        if (await cmd.ExecuteScalarAsync(ct) is null)
            return false;
        cmd.CommandText = "SELECT MigrationId FROM __EFMigrationsHistory";
        var applied = new HashSet<string>(StringComparer.Ordinal);
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                applied.Add(reader.GetString(0));
        return db.Database.GetMigrations().All(applied.Contains);
    }

    /// <summary>Fails with a clear message when PostgreSQL has migrations not yet applied.</summary>
    public async Task EnsureMigratedAsync(CancellationToken ct = default)
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            await MigrateAsync(ct);
            return;
        }
        await using var db = Open();
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count > 0)
            throw new PiloteInputException(
                $"--db: the PostgreSQL database {Display} is missing {pending.Count} migration(s); run 'pilote db migrate' first");
    }

    private static bool LooksLikePostgres(string value) =>
        value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
        || value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
        || value.Contains("Host=", StringComparison.OrdinalIgnoreCase)
        || value.Contains("Server=", StringComparison.OrdinalIgnoreCase);

    private static string FromUri(string value)
    {
        var uri = new Uri(value);
        var b = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.Port > 0 ? uri.Port : 5432,
            Database = uri.AbsolutePath.Trim('/'),
        };
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            var parts = uri.UserInfo.Split(':', 2);
            b.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length > 1)
                b.Password = Uri.UnescapeDataString(parts[1]);
        }
        return b.ConnectionString;
    }
}

/// <summary>Sets the pragmas SQLite needs on every connection it opens.</summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        using var cmd = connection.CreateCommand();
        // busy_timeout makes a second writer wait instead of failing at once; synchronous=NORMAL is safe under WAL;
        // temp_store=MEMORY keeps the statement journals of multi-row inserts (and temporary sorts) off the disk.
        cmd.CommandText = "PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY;";
        cmd.ExecuteNonQuery();
    }
}
