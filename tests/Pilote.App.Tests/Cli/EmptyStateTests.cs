using Pilote.Testing;

namespace Pilote.App.Tests.Cli;

/// <summary>
/// A newcomer's first commands on an empty plan: each says there is nothing yet and what to type, never an empty table
/// or no output at all; the JSON forms stay empty arrays for scripts.
/// </summary>
public sealed class EmptyStateTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_empty_plan_says_what_to_do_next(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await CliRun.OkAsync(db, "plan", "new", "--name", "Vide");

        var actions = (await CliRun.OkAsync(db, "action", "list", "Vide")).Out;
        Assert.Contains("0 actions\n", actions.ReplaceLineEndings("\n"));
        Assert.Contains("Aucune action : ajoutez-en avec « pilote action add 1 --title … --channel … »", actions);
        Assert.DoesNotContain("Échéance", actions);
        Assert.Contains("No objective yet: add one with 'pilote objective add 1", (await CliRun.OkAsync(db, "--lang", "en", "objective", "list", "Vide")).Out);
        Assert.Contains("Aucun import pour l'instant : « pilote measures import FICHIER --plan PLAN »", (await CliRun.OkAsync(db, "measures", "batches")).Out);
        Assert.Contains("Aucune ligne non rattachée", (await CliRun.OkAsync(db, "measures", "unmatched")).Out);
        Assert.Equal(0, (await CliRun.JsonAsync(db, "objective", "list", "Vide", "--json")).GetArrayLength());
        Assert.Equal(0, (await CliRun.JsonAsync(db, "measures", "batches", "--json")).GetArrayLength());

        // With actions, a filter that keeps none says so.
        await CliRun.OkAsync(db, "action", "add", "Vide", "--title", "SEA", "--channel", "sea", "--status", "live");
        var filtered = (await CliRun.OkAsync(db, "action", "list", "Vide", "--status", "done")).Out;
        Assert.Contains("Aucune action ne correspond à ces filtres.", filtered);
        Assert.Contains("1 action — ", filtered);
    }
}
