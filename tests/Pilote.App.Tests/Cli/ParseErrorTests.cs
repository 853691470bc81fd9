using Pilote.Testing;

namespace Pilote.App.Tests.Cli;

/// <summary>A command line Pilote cannot parse is refused in the reader's language, as everything else it says.</summary>
public sealed class ParseErrorTests
{
    // System.CommandLine's French puts a no-break space before the colon, as French typography does.
    private static string Line(CliResult r) => Assert.Single(r.ErrLines).Replace('\u00A0', ' ').Replace('\u202F', ' ');

    [Fact]
    public async Task A_mistyped_command_or_a_missing_argument_is_said_in_french_unless_english_is_asked()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");

        Assert.Equal("pilote: Commande ou argument non reconnu : 'frobnicate'. (voir « pilote --help »)",
            Line(await CliRun.RunAsync(db, "frobnicate")));
        Assert.Equal("pilote: Unrecognized command or argument 'frobnicate'. (see 'pilote --help')",
            Assert.Single((await CliRun.RunAsync(db, "--lang", "en", "frobnicate")).ErrLines));
        Assert.Equal("pilote: Unrecognized command or argument 'frobnicate'. (see 'pilote --help')",
            Assert.Single((await CliRun.RunAsync(db, "frobnicate", "--lang=en")).ErrLines));

        var missing = await CliRun.RunAsync(db, "plan", "show");
        Assert.Equal(2, missing.Exit);
        Assert.Equal("pilote: Argument obligatoire manquant pour la commande : 'show' (PLAN). (voir « pilote --help »)", Line(missing));
        // The help keeps its own words: the language of the parse does not leak into it.
        var help = await CliRun.RunAsync(db, "plan", "show", "--help");
        Assert.Equal(0, help.Exit);
        Assert.Contains("Usage:", help.Out);
    }
}
