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
