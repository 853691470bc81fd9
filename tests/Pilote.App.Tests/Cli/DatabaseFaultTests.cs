using System.Net;
using System.Net.Sockets;
using Pilote.Testing;

namespace Pilote.App.Tests.Cli;

/// <summary>A database that cannot be used: exit 2 and one line naming --db, never a stack trace.</summary>
public sealed class DatabaseFaultTests
{
    /// <summary>A loopback port nobody listens on (bound, read, released).</summary>
    public static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string UnreachablePostgres() =>
        $"Host=127.0.0.1;Port={ClosedPort()};Username=pilote;Database=pilote;Timeout=5";

    [Fact]
    public async Task A_corrupt_sqlite_file_is_refused_and_left_untouched()
    {
        var folder = Directory.CreateTempSubdirectory("pilote-corrupt-");
        try
        {
            var path = Path.Combine(folder.FullName, "corrupt.db");
            var bytes = new byte[8192];
            new Random(42).NextBytes(bytes);
            await File.WriteAllBytesAsync(path, bytes);

            var result = await CliRun.RunAsync(new FixedClock(2026, 11, 22), "plan", "list", "--db", path);

            Assert.Equal(2, result.Exit);
            // In the reader's language (French by default), the driver's reason kept as it wrote it.
            Assert.Equal("pilote: --db : la base SQLite est inutilisable (SQLite Error 26: 'file is not a database')", Assert.Single(result.ErrLines));
            var english = await CliRun.RunAsync(new FixedClock(2026, 11, 22), "plan", "list", "--db", path, "--lang", "en");
            Assert.Equal(2, english.Exit);
            Assert.Equal("pilote: --db: the SQLite database cannot be used (SQLite Error 26: 'file is not a database')", Assert.Single(english.ErrLines));
            Assert.Equal(bytes, await File.ReadAllBytesAsync(path));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("plan", "list")]
    [InlineData("plan", "new", "--name", "X")]
    [InlineData("db", "migrate")]
    public async Task An_unreachable_postgres_is_refused_in_one_line(params string[] args)
    {
        var result = await CliRun.RunAsync(new FixedClock(2026, 11, 22), [.. args, "--db", UnreachablePostgres()]);

        Assert.Equal(2, result.Exit);
        var line = Assert.Single(result.ErrLines);
        Assert.Contains("--db", line);
        Assert.Contains("PostgreSQL", line);
    }

    [Fact]
    public async Task An_unmigrated_postgres_asks_for_db_migrate_then_works()
    {
        if (!PostgresCluster.Available)
            return; // No PostgreSQL binaries on this machine (CI always has them: Available is then true).
        await using var db = await TestDatabase.CreateAsync("postgres", migrate: false);

        var refused = await CliRun.RunAsync(db, "plan", "new", "--name", "Trop tôt");
        Assert.Equal(2, refused.Exit);
        var line = Assert.Single(refused.ErrLines);
        Assert.Contains("pilote db migrate", line);
        Assert.Contains("--db", line);

        var migrated = await CliRun.OkAsync(db, "db", "migrate");
        Assert.Contains("migration", migrated.Out);
        await CliRun.OkAsync(db, "plan", "new", "--name", "À temps");
        var list = await CliRun.JsonAsync(db, "plan", "list");
        Assert.Equal(["À temps"], list.EnumerateArray().Select(p => p.Str("name")));

        var again = await CliRun.OkAsync(db, "db", "migrate");
        Assert.Contains("up to date", again.Out.Replace("déjà à jour", "up to date"));
    }
}
