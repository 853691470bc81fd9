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
        // The help is French too, headings and descriptions (HelpLanguageTests).
        var help = await CliRun.RunAsync(db, "plan", "show", "--help");
        Assert.Equal(0, help.Exit);
        Assert.Contains("Utilisation", help.Out);
    }

    [Fact]
    public async Task A_required_option_left_out_an_option_given_twice_or_a_version_that_is_no_number_are_said_in_french()
    {
        // System.CommandLine's French satellite leaves these three in English ("Option '--name' is required.", the third
        // naming the CLR type System.Nullable`1[System.Int32]): a French reader got a line half in each language.
        await using var db = await TestDatabase.CreateAsync("sqlite");

        var required = await CliRun.RunAsync(db, "plan", "new");
        Assert.Equal(2, required.Exit);
        Assert.Equal("pilote: L'option « --name » est obligatoire. (voir « pilote --help »)", Line(required));
        Assert.Equal("pilote: Option '--name' is required. (see 'pilote --help')", Line(await CliRun.RunAsync(db, "plan", "new", "--lang", "en")));

        var twice = await CliRun.RunAsync(db, "plan", "new", "--name", "A", "--name", "B");
        Assert.Equal(2, twice.Exit);
        Assert.Equal("pilote: L'option « --name » attend une seule valeur, elle en a reçu 2. (voir « pilote --help »)", Line(twice));

        var version = await CliRun.RunAsync(db, "action", "set", "1", "--status", "live", "--expect-version", "deux");
        Assert.Equal(2, version.Exit);
        Assert.Equal("pilote: --expect-version : « deux » n'est pas un numéro de version (voir « pilote --help »)", Line(version));
        Assert.Equal("pilote: --expect-version: 'deux' is not a version number (see 'pilote --help')",
            Line(await CliRun.RunAsync(db, "objective", "set", "1", "--expect-version", "deux", "--lang", "en")));
        Assert.Equal(0, (await CliRun.CountsAsync(db)).Plans);
    }
}
