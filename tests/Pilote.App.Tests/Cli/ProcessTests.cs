using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Pilote.App.Tests.Cli;

/// <summary>The real built executable, run as a user would: <c>dotnet pilote.dll …</c>.</summary>
public sealed class ProcessTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("pilote-process-");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            _folder.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>pilote.dll next to the test assembly (the App is copied there), else the App's own build output.</summary>
    private static string PiloteDll()
    {
        var here = Path.Combine(AppContext.BaseDirectory, "pilote.dll");
        if (File.Exists(here))
            return here;
        // tests/Pilote.App.Tests/bin/<Configuration>/net10.0/ → src/Pilote.App/bin/<Configuration>/net10.0/
        var tfm = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = tfm.Parent!.Name;
        var repo = tfm.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
        var built = Path.Combine(repo, "src", "Pilote.App", "bin", configuration, tfm.Name, "pilote.dll");
        Assert.True(File.Exists(built), $"pilote.dll not found next to the tests nor at {built}");
        return built;
    }

    private static Process Start(params string[] args)
    {
        var psi = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        psi.ArgumentList.Add(PiloteDll());
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        psi.Environment.Remove("PILOTE_DB");
        psi.Environment["PILOTE_LANG"] = "en";
        return Process.Start(psi) ?? throw new InvalidOperationException("cannot start dotnet");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task Serve_demo_answers_health_over_http()
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        var db = Path.Combine(_folder.FullName, "serve.db");
        using var process = Start("serve", "--demo", "--urls", url, "--db", db);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var deadline = DateTime.UtcNow.AddSeconds(60);
            HttpStatusCode? last = null;
            while (DateTime.UtcNow < deadline && !process.HasExited)
            {
                try
                {
                    using var response = await http.GetAsync($"{url}/health");
                    last = response.StatusCode;
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        Assert.Contains("\"ok\"", await response.Content.ReadAsStringAsync());
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                }
                catch (TaskCanceledException)
                {
                }
                await Task.Delay(250);
            }
            Assert.Fail($"no 200 from {url}/health within 60 s (last: {last?.ToString() ?? "no answer"}, exited: {process.HasExited})");
        }
        finally
        {
            // Stopped as Ctrl+C or a service manager stops it, so that the host logs its shutdown.
            if (!process.HasExited)
                Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])?.WaitForExit();
            using (var grace = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
            {
                try
                {
                    await process.WaitForExitAsync(grace.Token);
                }
                catch (OperationCanceledException)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync();
                }
            }
            // The host's log, muted while it starts, comes back at the default level, not at debug.
            Assert.DoesNotContain("dbug:", await stdout, StringComparison.Ordinal);
            _ = await stderr;
        }
    }

    [Fact]
    public async Task Serve_on_a_malformed_address_or_a_taken_port_exits_2_with_one_line_on_stderr()
    {
        // Both ended in an unhandled exception (exit 134) after « listening on » was printed.
        var db = Path.Combine(_folder.FullName, "serve.db");
        using (var malformed = Start("serve", "--urls", "nonsense", "--db", db))
        {
            var stdout = malformed.StandardOutput.ReadToEndAsync();
            var stderr = malformed.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await malformed.WaitForExitAsync(timeout.Token);
            Assert.Equal(2, malformed.ExitCode);
            Assert.Equal("pilote: --urls: 'nonsense' is not an address to listen on (for example http://127.0.0.1:5080)",
                Assert.Single((await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
            Assert.Equal("", (await stdout).Trim());
        }

        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var url = $"http://127.0.0.1:{port}";
        var (exit, output, error) = await ServeAsync("--urls", url, "--db", db);
        Assert.Equal(2, exit);
        Assert.Equal($"pilote: --urls: {url} is already in use (another Pilote or another server); stop it or choose another address with --urls, "
            + $"for example --urls http://127.0.0.1:{port + 1}", Assert.Single(error));
        // The host's log of the failed start (its stack trace, on stdout) is not shown either.
        Assert.Equal("", output);

        (exit, output, error) = await ServeAsync("--urls", url, "--db", db, "--lang", "fr");
        Assert.Equal(2, exit);
        Assert.Equal($"pilote: --urls : l'adresse {url} est déjà utilisée (un autre Pilote ou un autre serveur) ; arrêtez-le ou choisissez une autre "
            + $"adresse avec --urls, par exemple --urls http://127.0.0.1:{port + 1}", Assert.Single(error));
        Assert.Equal("", output);

        // An address this machine does not have (TEST-NET-1, reserved for documentation) ended in a SocketException and exit 134.
        (exit, output, error) = await ServeAsync("--urls", "http://192.0.2.1:5080", "--db", db);
        Assert.Equal(2, exit);
        Assert.Equal("pilote: --urls: cannot listen on http://192.0.2.1:5080 (this machine has no such address); choose another address with --urls, "
            + "for example --urls http://127.0.0.1:5080", Assert.Single(error));
        Assert.Equal("", output);
    }

    /// <summary>A <c>pilote serve</c> expected to stop by itself: its exit code, its stdout and its non-empty stderr lines.</summary>
    private static async Task<(int Exit, string Out, string[] Err)> ServeAsync(params string[] args)
    {
        using var process = Start(["serve", .. args]);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
            await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, (await output).Trim(), (await error).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public async Task An_unknown_plan_exits_2_with_one_line_on_stderr()
    {
        using var process = Start("plan", "show", "nosuchplan", "--db", Path.Combine(_folder.FullName, "cli.db"));
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(2, process.ExitCode);
        var lines = (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var line = Assert.Single(lines);
        Assert.Contains("nosuchplan", line);
        Assert.Equal("", (await stdout).Trim());
    }

    [Fact]
    public async Task A_mistyped_command_exits_2_naming_it()
    {
        using var process = Start("plna", "list", "--db", Path.Combine(_folder.FullName, "cli.db"));
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(2, process.ExitCode);
        var line = Assert.Single((await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains("plna", line);
        _ = await stdout;
    }

    [Fact]
    public async Task A_large_import_on_a_terminal_shows_a_progress_bar_and_a_redirected_one_does_not()
    {
        // util-linux's `script` gives the command a real pseudo-terminal, as a person's shell would.
        Assert.True(File.Exists("/usr/bin/script"), "/usr/bin/script (bsdutils, essential in Debian) is needed to give the CLI a terminal");
        var db = Path.Combine(_folder.FullName, "progress.db");
        using (var demo = Start("demo", "--db", db))
        {
            _ = await demo.StandardOutput.ReadToEndAsync();
            await demo.WaitForExitAsync();
            Assert.Equal(0, demo.ExitCode);
        }
        // Over the 20 MB from which the CLI shows progress: a GA4 download of one demo campaign, a row per day and source.
        var file = Path.Combine(_folder.FullName, "ga4-large.csv");
        var rows = 0;
        await using (var writer = new StreamWriter(file, false, new UTF8Encoding(false)))
        {
            await writer.WriteAsync("# Start date: 20260101\n# End date: 20261231\n\nDate,Session campaign,Session source / medium,Sessions,Key events,Total revenue\n");
            var day = new DateOnly(2026, 1, 1);
            while (writer.BaseStream.Length < 21_000_000)
                for (var i = 0; i < 1000; i++, rows++)
                    await writer.WriteAsync($"{day.AddDays(rows % 365):yyyyMMdd},ls-sea-rapports-pays,source-{rows % 997} / medium-{rows % 13},{rows % 50},{rows % 3},{rows % 7}.50\n");
        }

        var command = $"'{Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet"}' '{PiloteDll()}' measures import '{file}' --plan 1 --db '{db}' --lang en";
        var psi = new ProcessStartInfo("/usr/bin/script", ["-qec", command, "/dev/null"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, StandardOutputEncoding = Encoding.UTF8,
        };
        psi.Environment.Remove("PILOTE_DB");
        using var terminal = Process.Start(psi)!;
        var shown = await terminal.StandardOutput.ReadToEndAsync();
        _ = await terminal.StandardError.ReadToEndAsync();
        await terminal.WaitForExitAsync();

        Assert.Equal(0, terminal.ExitCode);
        Assert.Contains("ga4-large.csv", shown);
        Assert.Contains("━", shown); // the bar
        Assert.Matches(@"\b0%", shown);
        Assert.Matches(@"100%", shown);
        Assert.Contains($"{rows:N0}", shown.Replace('\u00a0', ' '));

        // The same command into a pipe (a script, CI): the summary only, no bar and no cursor moves.
        using var piped = Start("measures", "import", file, "--plan", "1", "--db", db, "--replace");
        var output = await piped.StandardOutput.ReadToEndAsync();
        _ = await piped.StandardError.ReadToEndAsync();
        await piped.WaitForExitAsync();
        Assert.Equal(0, piped.ExitCode);
        Assert.DoesNotContain("━", output);
        Assert.DoesNotContain("\u001b[", output);
        Assert.Contains($"{rows:N0}", output);
    }
}
