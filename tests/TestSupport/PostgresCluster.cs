using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Pilote.Testing;

/// <summary>
/// A throwaway PostgreSQL cluster for the test run, started from Debian's binaries (initdb, pg_ctl) on a free
/// loopback port and removed when the process exits. As root, it runs as the postgres user (initdb refuses root).
/// </summary>
public sealed class PostgresCluster
{
    private static readonly Lazy<PostgresCluster?> Shared = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    private PostgresCluster(string dataDir, string socketDir, int port, string bin, string? runAs)
    {
        DataDir = dataDir;
        SocketDir = socketDir;
        Port = port;
        Bin = bin;
        RunAs = runAs;
    }

    public string DataDir { get; }
    public string SocketDir { get; }
    public int Port { get; }
    private string Bin { get; }
    private string? RunAs { get; }

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=pilote;Database={database};Pooling=true;Include Error Detail=true";

    /// <summary>True when PostgreSQL tests must run: on CI always, elsewhere when the binaries are installed.</summary>
    public static bool Required => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static bool Available => Required || FindBin() is not null;

    /// <summary>The shared cluster; throws (failing the test) when PostgreSQL is required but cannot start.</summary>
    public static PostgresCluster Instance => Shared.Value
        ?? throw new InvalidOperationException("PostgreSQL binaries not found (install Debian's postgresql package)");

    private static string? FindBin() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(b => File.Exists(Path.Combine(b, "initdb")) && File.Exists(Path.Combine(b, "pg_ctl")))
                .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;

    private static PostgresCluster? Start()
    {
        var bin = FindBin();
        if (bin is null)
            return null;
        var root = Path.Combine(Path.GetTempPath(), $"pilote-pg-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
        var data = Path.Combine(root, "data");
        var sockets = Path.Combine(root, "run");
        Directory.CreateDirectory(data);
        Directory.CreateDirectory(sockets);
        string? runAs = Environment.UserName == "root" ? "postgres" : null;
        if (runAs is not null)
            Run("chown", $"-R {runAs} {root}", null);
        var port = FreePort();
        Run(Path.Combine(bin, "initdb"), $"-D {data} -U pilote --auth=trust -E UTF8 --no-locale --no-sync", runAs);
        var options = $"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200";
        Run(Path.Combine(bin, "pg_ctl"), $"-D {data} -o \"{options}\" -l {Path.Combine(root, "postgres.log")} -w -t 60 start", runAs);
        var cluster = new PostgresCluster(data, sockets, port, bin, runAs);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Stop(root);
        return cluster;
    }

    private void Stop(string root)
    {
        try
        {
            Run(Path.Combine(Bin, "pg_ctl"), $"-D {DataDir} -m immediate -w stop", RunAs);
        }
        catch (InvalidOperationException)
        {
            // Already gone: nothing to stop.
        }
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Run(string file, string arguments, string? runAs)
    {
        var psi = runAs is null
            ? new ProcessStartInfo(file, arguments)
            : new ProcessStartInfo("runuser", $"-u {runAs} -- {file} {arguments}");
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.UseShellExecute = false;
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{file} timed out");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {arguments} failed ({process.ExitCode}): {stderr.Result}{stdout.Result}");
    }
}
