using Pilote.App.Cli;
using Pilote.Testing;

namespace Pilote.App.Tests.Cli;

/// <summary><c>pilote --help</c> speaks the reader's language, as everything else the CLI says: French unless English is asked.</summary>
public sealed class HelpLanguageTests
{
    // System.CommandLine's French puts a no-break space before the colon, as French typography does.
    private static string Plain(string text) => text.Replace('\u00A0', ' ').Replace('\u202F', ' ');

    [Fact]
    public async Task Plan_help_is_in_french_descriptions_and_headings_alike()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");

        var help = await CliRun.RunAsync(db, "plan", "--help");

        Assert.Equal(0, help.Exit);
        var text = Plain(help.Out);
        Assert.Contains("créer, lister et afficher les plans", text);
        Assert.Contains("Utilisation :", text);
        Assert.Contains("Options :", text);
        Assert.Contains("Commandes :", text);
        Assert.Contains(" plan [commande] [options]", text);
        Assert.Contains("afficher l'aide", text);
        // Not one English word of the help left: neither Pilote's descriptions nor System.CommandLine's own headings.
        foreach (var english in new[] { "Usage:", "Commands:", "Description:", "[command]", "Show help", "create a plan", "list plans", "SQLite file" })
            Assert.DoesNotContain(english, text);
        Assert.Equal("", help.Err);
    }

    [Fact]
    public async Task Help_is_in_english_with_lang_en_or_pilote_lang_en()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");

        var help = await CliRun.RunAsync(db, "plan", "--help", "--lang", "en");

        Assert.Equal(0, help.Exit);
        Assert.Contains("create, list and show plans", help.Out);
        Assert.Contains("Usage:", help.Out);
        Assert.Contains(" plan [command] [options]", help.Out);
        Assert.Contains("Show help and usage information", help.Out);
        Assert.DoesNotContain("Utilisation", help.Out);
        Assert.DoesNotContain("créer", help.Out);

        var output = new StringWriter();
        var host = new CliHost(output, new StringWriter(), TimeProvider.System, name => name == "PILOTE_LANG" ? "en" : null);
        Assert.Equal(0, await PiloteCli.RunAsync(["measures", "import", "--help"], host));
        Assert.Contains("import exports (CSV or XLSX) from GA4", output.ToString());
        Assert.Contains("Usage:", output.ToString());
    }

    [Fact]
    public async Task Required_options_and_the_root_help_are_french_too()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");

        var create = Plain((await CliRun.RunAsync(db, "plan", "new", "--help")).Out);
        // « (REQUISE) » where System.CommandLine writes "(REQUIRED)", the descriptions still in one column.
        var lines = create.Split('\n');
        var name = Assert.Single(lines, l => l.Contains("--name <name> (REQUISE)"));
        var template = Assert.Single(lines, l => l.Contains("--template"));
        Assert.Equal(template.IndexOf("kpi-driven", StringComparison.Ordinal), name.IndexOf("le nom du plan", StringComparison.Ordinal));
        Assert.DoesNotContain("(REQUIRED)", create);
        Assert.Contains("le nom du plan", create);

        var root = await CliRun.RunAsync(db, "--help");
        Assert.Equal(0, root.Exit);
        Assert.Contains("afficher la version", Plain(root.Out));
        Assert.DoesNotContain("Show version information", root.Out);
        Assert.DoesNotContain("start the web app", root.Out);
    }

    [Fact]
    public async Task Version_still_prints_the_version_and_exits_0()
    {
        // No --db: System.CommandLine refuses --version beside any other word.
        var version = await CliRun.RunAsync(TimeProvider.System, "--version");

        Assert.Equal(0, version.Exit);
        Assert.Matches(@"^\d+\.\d+", version.Out);
    }
}
