using Pilote.App.Cli;

namespace Pilote.App.Tests.Cli;

/// <summary>The French of the help is one list beside the English in the code: these keep the two in step.</summary>
public sealed class CliHelpFrenchTests
{
    /// <summary>A command, option or argument added in English without its French would show English in a French help.</summary>
    [Fact]
    public void Every_description_of_the_command_tree_has_its_french()
    {
        var root = PiloteCli.Build(new CliHost(TextWriter.Null, TextWriter.Null, TimeProvider.System));

        var missing = CliHelpFrench.Symbols(root)
            .Where(s => string.IsNullOrWhiteSpace(s.Description) || !CliHelpFrench.Descriptions.ContainsKey(s.Description))
            .Select(s => $"{s.GetType().Name} {s.Name}: \"{s.Description}\"")
            .Distinct()
            .ToList();

        Assert.True(missing.Count == 0, "No French in CliHelpFrench for:\n" + string.Join("\n", missing));
    }

    /// <summary>A French kept for an English description no command has any more is a translation nobody reads: the list stays exact.</summary>
    [Fact]
    public void Every_french_description_is_for_an_english_one_still_in_the_tree()
    {
        var root = PiloteCli.Build(new CliHost(TextWriter.Null, TextWriter.Null, TimeProvider.System));
        var used = CliHelpFrench.Symbols(root).Select(s => s.Description).ToHashSet();

        var orphans = CliHelpFrench.Descriptions.Keys.Where(english => !used.Contains(english)).ToList();
        Assert.True(orphans.Count == 0, "French kept for descriptions no command has:\n" + string.Join("\n", orphans));
    }
}
