using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using Microsoft.Playwright;

namespace Pilote.Browser.Tests;

/// <summary>
/// The real `pilote serve --demo` (the built Pilote.App, run as its own process) on a free loopback port with a fresh
/// SQLite file, and Debian's Chromium driven by Playwright (no browser download). One per test class.
/// </summary>
public sealed class PiloteServer : IAsyncLifetime
{
    private Process? _process;
    private readonly List<string> _log = [];

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "pilote-browser", Guid.NewGuid().ToString("N"));
    public string Db => Path.Combine(Folder, "pilote.db");
    public string BaseUrl { get; private set; } = "";
    public IPlaywright Playwright { get; private set; } = default!;
    public IBrowser Browser { get; private set; } = default!;

    /// <summary>Where screenshots go: the test output, so a person (and CI) can look at every page.</summary>
    public static string Screenshots { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <summary>The real exports next to the repository (as the other test projects find them), or PILOTE_FIXTURES.</summary>
    public static string Fixtures => Environment.GetEnvironmentVariable("PILOTE_FIXTURES") is { Length: > 0 } env
        ? env
        : Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "fixtures", "exports"));

    public static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Pilote.slnx")))
                dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("Pilote.slnx not found above " + AppContext.BaseDirectory);
        }
    }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Folder);
        Directory.CreateDirectory(Screenshots);
        if (!File.Exists("/usr/bin/chromium"))
            throw new InvalidOperationException("Debian's Chromium is required at /usr/bin/chromium (apt-get install chromium)");
        var configuration = typeof(PiloteServer).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var dll = Path.Combine(RepoRoot, "src", "Pilote.App", "bin", configuration, "net10.0", "pilote.dll");
        if (!File.Exists(dll))
            throw new InvalidOperationException($"the app is not built: {dll}");
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "serve", "--demo", "--urls", BaseUrl, "--db", Db },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Folder,
        };
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        _process = Process.Start(start) ?? throw new InvalidOperationException("could not start pilote");
        _process.OutputDataReceived += (_, e) => { lock (_log) _log.Add(e.Data ?? ""); };
        _process.ErrorDataReceived += (_, e) => { lock (_log) _log.Add(e.Data ?? ""); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient();
        var until = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            if (_process.HasExited)
                throw new InvalidOperationException("pilote serve exited: " + Log);
            try
            {
                if ((await http.GetAsync(BaseUrl + "/health")).IsSuccessStatusCode)
                    break;
            }
            catch (HttpRequestException)
            {
            }
            if (DateTime.UtcNow > until)
                throw new TimeoutException("pilote serve did not answer /health in 90 s: " + Log);
            await Task.Delay(250);
        }

        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        // Launch gives every browser a fresh temporary profile (a fresh user-data-dir).
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public string Log
    {
        get
        {
            lock (_log)
                return string.Join('\n', _log.TakeLast(60));
        }
    }

    /// <summary>A new browser context (its own cookies: a separate person) at a laptop width.</summary>
    public async Task<IPage> NewPageAsync(int width = 1440, int height = 1000, string? locale = "fr-FR")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = locale,
            AcceptDownloads = true,
        });
        // Generous: the CI machine may be busy with other test projects.
        context.SetDefaultTimeout(45_000);
        Assertions.SetDefaultExpectTimeout(20_000);
        return await context.NewPageAsync();
    }

    /// <summary>Runs the pilote CLI against the server's database (to add users as an administrator would).</summary>
    public Task<string> CliAsync(params string[] args) => CliAsync(0, args);

    /// <summary>Runs the CLI and expects <paramref name="exitCode"/> (`pilote audit` exits 1 when it finds errors).</summary>
    public async Task<string> CliAsync(int exitCode, params string[] args)
    {
        var configuration = typeof(PiloteServer).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(RepoRoot, "src", "Pilote.App", "bin", configuration, "net10.0", "pilote.dll"));
        foreach (var a in args)
            start.ArgumentList.Add(a);
        start.ArgumentList.Add("--db");
        start.ArgumentList.Add(Db);
        using var p = Process.Start(start)!;
        var output = await p.StandardOutput.ReadToEndAsync() + await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != exitCode)
            throw new InvalidOperationException($"pilote {string.Join(' ', args)} exited {p.ExitCode}, not {exitCode}: {output}");
        return output;
    }

    /// <summary>
    /// Waits until the page is interactive: FocusOnNavigate moves the focus to the h1 once the circuit is up, so
    /// typing or clicking before that would go to the prerendered copy (and focus set earlier would be taken away).
    /// </summary>
    /// <summary>
    /// Waits until Blazor has hooked every file input of the page (after the first interactive render): files set on an
    /// input before that are dropped without a word, which made the upload tests fail now and then on a busy machine.
    /// </summary>
    public static Task FileInputsReadyAsync(IPage page) =>
        page.WaitForFunctionAsync("() => [...document.querySelectorAll('input[type=file]')].every(e => e._blazorInputFileNextFileId !== undefined)");

    public static Task InteractiveAsync(IPage page) => Assertions.Expect(page.Locator("h1")).ToBeFocusedAsync(new() { Timeout = 20_000 });

    public static Task ShotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.CloseAsync();
        Playwright?.Dispose();
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
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
}
