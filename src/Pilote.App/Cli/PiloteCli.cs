using System.CommandLine;
using System.CommandLine.Help;
using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Pilote.Common;

namespace Pilote.App.Cli;

/// <summary>The <c>pilote</c> command line. Exit codes: 0 ok, 1 problems found, 2 bad usage or unreadable input.</summary>
public static class PiloteCli
{
    public const int Ok = 0;
    public const int ProblemsFound = 1;
    public const int BadInput = 2;

    /// <summary>The names of the two options every command takes; commands read them by name (<see cref="CliContext"/>).</summary>
    public const string DbOption = "--db";
    public const string LangOption = "--lang";

    /// <summary>
    /// The command tree, descriptions in English. A new tree each time, options included: the help's French is written into
    /// the descriptions of the tree (<see cref="CliHelpFrench"/>), so no symbol may be shared between two runs.
    /// </summary>
    public static RootCommand Build(CliHost host)
    {
        var root = new RootCommand("Pilote: a KPI-driven marketing action plan, measured and kept honest.");
        root.Options.Add(new Option<string?>(DbOption)
        {
            Description = "SQLite file or PostgreSQL connection string (default: PILOTE_DB, else pilote.db in the data folder)",
            Recursive = true,
        });
        root.Options.Add(new Option<string?>(LangOption) { Description = "fr (default) or en; also PILOTE_LANG", Recursive = true });
        // System.CommandLine words these two in the machine's language when the tree is built: pinned to English here, like
        // every other description, and made French with them.
        foreach (var option in root.Options)
        {
            if (option is HelpOption)
                option.Description = "Show help and usage information";
            else if (option is VersionOption)
                option.Description = "Show version information";
        }
        root.Subcommands.Add(ServeCommand.Build(host));
        root.Subcommands.Add(DemoCommand.Build(host));
        root.Subcommands.Add(PlanCommands.Build(host));
        root.Subcommands.Add(ObjectiveCommands.Build(host));
        root.Subcommands.Add(ActionCommands.Build(host));
        root.Subcommands.Add(MeasureCommands.Build(host));
        root.Subcommands.Add(CatalogCommands.Build(host));
        root.Subcommands.Add(UtmCommands.Build(host));
        root.Subcommands.Add(DbCommands.Build(host));
        root.Subcommands.Add(AuditCommands.Build(host));
        root.Subcommands.Add(ReviewCommands.Build(host));
        root.Subcommands.Add(WorkspaceCommands.Build(host));
        root.Subcommands.Add(UserCommands.BuildUser(host));
        root.Subcommands.Add(UserCommands.BuildToken(host));
        root.Subcommands.Add(ReportCommands.Build(host));
        root.Subcommands.Add(AlertCommands.Build(host));
        return root;
    }

    public static async Task<int> RunAsync(string[] args, CliHost host, CancellationToken ct = default)
    {
        var root = Build(host);
        var french = French(args, host);
        // System.CommandLine words its parse errors and its help headings in the current UI culture, and ships French: the
        // reader's language for the parse (the errors are made there) and for the help or the version, not for the commands,
        // which say everything in the reader's language themselves and start the web app with its own per-request culture.
        var ui = CultureInfo.CurrentUICulture;
        var reader = CultureInfo.GetCultureInfo(french ? "fr-FR" : "en-GB");
        CultureInfo.CurrentUICulture = reader;
        ParseResult parse;
        try
        {
            parse = root.Parse(args);
        }
        finally
        {
            CultureInfo.CurrentUICulture = ui;
        }
        if (parse.Errors.Count > 0)
        {
            host.Err.WriteLine($"pilote: {ParseErrorMessage(parse, french)} {(french ? "(voir « pilote --help »)" : "(see 'pilote --help')")}");
            return BadInput;
        }
        var about = parse.Action is HelpAction || parse.Action is { } action && root.Options.OfType<VersionOption>().Any(v => v.Action == action);
        try
        {
            if (!about)
                return await parse.InvokeAsync(new InvocationConfiguration { Output = host.Out, Error = host.Err, EnableDefaultExceptionHandler = false }, ct);
            CultureInfo.CurrentUICulture = reader;
            // Only the help shows the descriptions: a command that runs has no need of their French (nor of building it).
            if (french)
                CliHelpFrench.Apply(root);
            // The help is written aside first, for the words of it only Pilote can put in French (CliHelpFrench.Reworded).
            var help = new StringWriter();
            var exit = await parse.InvokeAsync(new InvocationConfiguration { Output = help, Error = host.Err, EnableDefaultExceptionHandler = false }, ct);
            host.Out.Write(french ? CliHelpFrench.Reworded(help.ToString()) : help.ToString());
            return exit;
        }
        catch (PiloteInputException ex)
        {
            host.Err.WriteLine($"pilote: {ex.Say(french)}");
            return BadInput;
        }
        catch (Exception ex) when (DatabaseFault(ex, french) is { } reason)
        {
            host.Err.WriteLine($"pilote: --db{(french ? " :" : ":")} {reason}");
            return BadInput;
        }
        finally
        {
            CultureInfo.CurrentUICulture = ui;
        }
    }

    /// <summary>
    /// French unless <c>--lang en</c> (also <c>--lang=en</c>) or <c>PILOTE_LANG=en</c>: read from the words typed, since the
    /// parse errors need the language before there is a parse.
    /// </summary>
    private static bool French(string[] args, CliHost host)
    {
        string? lang = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--lang" && i + 1 < args.Length)
                lang = args[i + 1];
            else if (args[i].StartsWith("--lang=", StringComparison.Ordinal) || args[i].StartsWith("--lang:", StringComparison.Ordinal))
                lang = args[i][7..];
        }
        return IsFrench(lang, host);
    }

    /// <summary>French unless the language given (<c>--lang</c>, else <c>PILOTE_LANG</c>) is English.</summary>
    public static bool IsFrench(string? lang, CliHost host) =>
        !string.Equals(lang ?? host.Environment("PILOTE_LANG") ?? "fr", "en", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The one parse error worth printing. A mistyped command yields "Required command was not provided." first and
    /// the useful "Unrecognized command or argument 'x'." second: report the error that names what the user typed.
    /// A missing argument's message names only its command: add the argument's name.
    /// </summary>
    private static string ParseErrorMessage(ParseResult parse, bool french)
    {
        var error = parse.Errors.FirstOrDefault(e => parse.UnmatchedTokens.Any(t => e.Message.Contains($"'{t}'", StringComparison.Ordinal)))
            ?? parse.Errors[0];
        // System.CommandLine's French leaves some messages in English ("Option '--name' is required."): the two a person
        // meets, a required option left out and an option given twice, are worded here from what the error is about.
        if (french && error.SymbolResult is System.CommandLine.Parsing.OptionResult { Option: var option } optionResult)
        {
            if (option.Required && optionResult.IdentifierToken is null)
                return $"L'option « {option.Name} » est obligatoire.";
            if (option.Arity.MaximumNumberOfValues == 1 && optionResult.Tokens.Count > 1)
                return $"L'option « {option.Name} » attend une seule valeur, elle en a reçu {optionResult.Tokens.Count}.";
        }
        var message = error.Message.TrimEnd();
        return error.SymbolResult is System.CommandLine.Parsing.ArgumentResult { Argument.Name: { Length: > 0 } name }
            && !message.Contains(name, StringComparison.Ordinal)
            ? $"{message.TrimEnd('.')} ({name})."
            : message;
    }

    /// <summary>
    /// An unreachable, corrupt or foreign database: a one-line reason in the reader's language, never a stack trace. The
    /// driver's own words, in parentheses, stay as it wrote them (English): they are what a search or an admin needs.
    /// </summary>
    private static string? DatabaseFault(Exception ex, bool french)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case Microsoft.Data.Sqlite.SqliteException s:
                    return french ? $"la base SQLite est inutilisable ({s.Message.TrimEnd('.')})" : $"the SQLite database cannot be used ({s.Message.TrimEnd('.')})";
                case Npgsql.NpgsqlException n:
                    return french ? $"la base PostgreSQL est inutilisable ({n.Message.TrimEnd('.')})" : $"the PostgreSQL database cannot be used ({n.Message.TrimEnd('.')})";
                case DbException d:
                    return french ? $"la base de données est inutilisable ({d.Message.TrimEnd('.')})" : $"the database cannot be used ({d.Message.TrimEnd('.')})";
                case DbUpdateException u when u.InnerException is null:
                    return french ? $"la base de données a refusé la modification ({u.Message.TrimEnd('.')})" : $"the database refused the change ({u.Message.TrimEnd('.')})";
            }
        }
        return null;
    }
}
