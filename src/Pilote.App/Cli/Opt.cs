using System.CommandLine;

namespace Pilote.App.Cli;

/// <summary>Small builders so each command reads as the list of its flags.</summary>
internal static class Opt
{
    public static Option<string?> Text(string name, string description, bool required = false) =>
        new(name) { Description = description, Required = required };

    public static Option<bool> Flag(string name, string description) => new(name) { Description = description };

    public static Argument<string> Arg(string name, string description) => new(name) { Description = description };

    public static Option<bool> Json() => Flag("--json", "print JSON instead of a table");

    /// <summary>
    /// <c>--expect-version N</c>. Parsed here rather than by System.CommandLine, whose refusal names the CLR type
    /// ("expected type 'System.Nullable`1[System.Int32]'") and is English even in its French.
    /// </summary>
    public static Option<int?> ExpectVersion(string description) => new("--expect-version")
    {
        Description = description,
        CustomParser = result =>
        {
            if (result.Tokens.Count == 0)
                return null;
            var text = result.Tokens[0].Value;
            if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version))
                return version;
            // The parse runs in the reader's language (PiloteCli.RunAsync), as System.CommandLine's own errors do.
            result.AddError(System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "fr"
                ? $"--expect-version : « {text} » n'est pas un numéro de version"
                : $"--expect-version: '{text}' is not a version number");
            return null;
        },
    };

    /// <summary>
    /// One file or more. Any word can be one more file name, so a mistyped option ("--dry-run" where the command has none)
    /// would be looked for as a file and reported missing: a word that starts with '-' and is no file is refused as an
    /// option the command does not have.
    /// </summary>
    public static Argument<string[]> Files(string name, string description)
    {
        var files = new Argument<string[]>(name) { Description = description, Arity = ArgumentArity.OneOrMore };
        files.Validators.Add(result =>
        {
            var command = string.Join(" ", Commands(result.Parent));
            // The parse runs in the reader's language (PiloteCli.RunAsync), as System.CommandLine's own errors do.
            var french = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "fr";
            foreach (var token in result.Tokens)
                if (token.Value.Length > 1 && token.Value[0] == '-' && !File.Exists(token.Value))
                    result.AddError(french
                        ? $"« {token.Value} » n'est ni une option de « pilote {command} » ni un fichier"
                        : $"'{token.Value}' is neither an option of 'pilote {command}' nor a file");
        });
        return files;
    }

    private static IEnumerable<string> Commands(System.CommandLine.Parsing.SymbolResult? result)
    {
        var names = new List<string>();
        for (var r = result; r is System.CommandLine.Parsing.CommandResult c && c.Parent is not null; r = c.Parent)
            names.Insert(0, c.Command.Name);
        return names;
    }

    public static Command With(this Command command, params Symbol[] symbols)
    {
        foreach (var s in symbols)
        {
            switch (s)
            {
                case Option o:
                    command.Options.Add(o);
                    break;
                case Argument a:
                    command.Arguments.Add(a);
                    break;
                case Command c:
                    command.Subcommands.Add(c);
                    break;
            }
        }
        return command;
    }
}
