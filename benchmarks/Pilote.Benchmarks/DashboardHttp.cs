using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Pilote.Access;
using Pilote.App;
using Pilote.Demo;

namespace Pilote.Benchmarks;

/// <summary>
/// `web`: GET /api/v1/plans/{LocalScope}/dashboard of the demo, through the whole stack (token authentication, workspace
/// check, rate limiter, dashboard, JSON), against a bare minimal-API endpoint in the same process returning the same
/// JSON bytes from memory. wrk (Debian package) drives both: 1 connection for latency (median, p99), 16 for throughput.
/// </summary>
public static partial class DashboardHttp
{
    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = Option(args, "--seconds") ?? "10";
        var provider = Option(args, "--provider") ?? "sqlite";
        var wrk = Environment.GetEnvironmentVariable("PILOTE_WRK") ?? "/usr/bin/wrk";
        if (!File.Exists(wrk))
        {
            Console.Error.WriteLine($"wrk not found at {wrk} (apt-get install wrk)");
            return 2;
        }
        var folder = Directory.CreateTempSubdirectory("pilote-web-bench-").FullName;
        var target = await BenchDatabase.CreateAsync(provider, folder);
        int planId;
        string token;
        await using (var db = target.Open())
        {
            var workspace = await new DemoWorkspace(db, TimeProvider.System).LoadAsync(replace: false);
            planId = await db.Plans.Where(p => p.Name == DemoWorkspace.LocalScopeName).Select(p => p.Id).SingleAsync();
            var access = new AccessService(db, TimeProvider.System);
            var user = await access.AddUserAsync("bench@pilote.test", "bench-password", false, workspace.Slug, WorkspaceRole.Viewer);
            token = (await access.CreateTokenAsync(user.User.Id, "bench", null)).Secret;
        }

        byte[] bare = [];
        var app = WebApp.Build(target, TimeProvider.System, "http://127.0.0.1:0", configure: b =>
        {
            // Request logging at Information would measure the console, not the endpoint.
            b.Logging.SetMinimumLevel(LogLevel.Warning);
            b.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Pilote:RateLimits:ApiPerMinute"] = "100000000" });
        });
        app.MapGet("/bench/bare", () => Results.Bytes(bare, "application/json"));
        await app.StartAsync();
        try
        {
            var address = app.Urls.Single();
            var dashboard = $"{address}/api/v1/plans/{planId}/dashboard";
            using (var http = new HttpClient())
            {
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
                bare = await http.GetByteArrayAsync(dashboard);
            }
            Console.WriteLine($"database {provider}, LocalScope plan #{planId}, dashboard JSON {bare.Length:N0} bytes, {Environment.ProcessorCount} cores, {seconds} s per run");
            var header = $"Authorization: Bearer {token}";
            var rows = new List<string>();
            foreach (var (name, url) in new[] { ("bare endpoint", $"{address}/bench/bare"), ("dashboard", dashboard) })
            {
                await RunWrkAsync(wrk, url, header, 1, "2"); // warm-up
                var one = await RunWrkAsync(wrk, url, header, 1, seconds);
                var many = await RunWrkAsync(wrk, url, header, 16, seconds);
                rows.Add($"{name,-14} | median {one.Median,8:N2} ms | p99 {one.P99,8:N2} ms | 1 conn {one.Rps,9:N0} req/s | 16 conn {many.Rps,9:N0} req/s | non-2xx {one.Errors + many.Errors}");
            }
            foreach (var row in rows)
                Console.WriteLine(row);
            Console.WriteLine("goals (dashboard): median <= 5 ms, p99 <= 10 ms at 1 connection; >= 400 req/s at 16 connections");
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
        return 0;
    }

    private sealed record WrkResult(double Median, double P99, double Rps, int Errors);

    private static async Task<WrkResult> RunWrkAsync(string wrk, string url, string header, int connections, string seconds)
    {
        var threads = Math.Min(connections, 2).ToString(CultureInfo.InvariantCulture);
        var info = new ProcessStartInfo(wrk, ["-t", threads, "-c", connections.ToString(CultureInfo.InvariantCulture), "-d", seconds + "s", "--latency", "-H", header, url])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        double Latency(string percentile) => Millis(Regex.Match(output, $@"^\s*{percentile}%\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline));
        var rps = double.Parse(Regex.Match(output, @"Requests/sec:\s+([\d.]+)").Groups[1].Value, CultureInfo.InvariantCulture);
        var errors = Regex.Match(output, @"Non-2xx or 3xx responses:\s+(\d+)") is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        return new WrkResult(Latency("50"), Latency("99"), rps, errors);
    }

    private static double Millis(Match m)
    {
        if (!m.Success)
            return double.NaN;
        var value = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        return m.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
