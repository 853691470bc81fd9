using Spectre.Console;

namespace Pilote.App.Cli;

/// <summary>
/// What a command run talks to: its output and error streams, the clock and the environment. Program.cs uses
/// the real console; the tests pass string writers and a fixed clock and run the same code in-process.
/// </summary>
public sealed class CliHost(TextWriter output, TextWriter error, TimeProvider clock, Func<string, string?>? environment = null)
{
    public TextWriter Out { get; } = output;
    public TextWriter Err { get; } = error;
    public TimeProvider Clock { get; } = clock;
    public Func<string, string?> Environment { get; } = environment ?? System.Environment.GetEnvironmentVariable;

    public static CliHost FromConsole() => new(System.Console.Out, System.Console.Error, TimeProvider.System);

    /// <summary>A Spectre console over <see cref="Out"/>: colours only on a real terminal.</summary>
    public IAnsiConsole Console()
    {
        var interactive = ReferenceEquals(Out, System.Console.Out) && !System.Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Out),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Detect : InteractionSupport.No,
        });
        // Piped output has no terminal width: use COLUMNS, else room enough for the action table.
        if (int.TryParse(Environment("COLUMNS"), out var columns) && columns > 40)
            console.Profile.Width = columns;
        else if (!interactive)
            console.Profile.Width = 240;
        return console;
    }

    /// <summary>Who is acting, for comments and target history: PILOTE_USER, else the system user.</summary>
    public string Author => Environment("PILOTE_USER") is { Length: > 0 } user ? user : System.Environment.UserName;

    public DateOnly Today => DateOnly.FromDateTime(Clock.GetLocalNow().DateTime);
}
