using Pilote.Testing;

namespace Pilote.App.Tests.Cli;

/// <summary>The human-readable tables: what people read in a terminal, including names Spectre would take for markup.</summary>
public sealed class TableOutputTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Names_with_brackets_are_printed_as_typed(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await CliRun.OkAsync(db, "plan", "new", "--name", "Q4 [bold]test[/]", "--budget", "50 000");
        await CliRun.OkAsync(db, "objective", "add", "Q4", "--statement", "Viser [red]haut");
        var added = await CliRun.OkAsync(db, "action", "add", "Q4", "--title", "Promo [x]", "--channel", "sea", "--owner", "[Ana]",
            "--kpi", "cpl", "--target", "<3€");
        Assert.Contains("Promo [x]", added.Out);

        var list = await CliRun.OkAsync(db, "plan", "list");
        Assert.Contains("Q4 [bold]test[/]", list.Out);
        var show = await CliRun.OkAsync(db, "plan", "show", "Q4");
        Assert.Contains("Q4 [bold]test[/]", show.Out);
        Assert.Contains("Promo [x]", show.Out);
        Assert.Contains("[Ana]", show.Out);
        Assert.Contains("Viser [red]haut", show.Out);
        Assert.Contains("<3€", show.Out);
        Assert.Contains("50 000 €", show.Out.Replace('\u202F', ' ').Replace('\u00A0', ' '));
        Assert.Contains("Promo [x]", (await CliRun.OkAsync(db, "action", "list", "Q4")).Out);
        Assert.Empty((await CliRun.RunAsync(db, "plan", "show", "Q4")).Err);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Demo_plans_print_as_tables_in_french_and_english(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var demo = await CliRun.OkAsync(db, "demo");
        Assert.Contains("LocalScope — lancement", demo.Out);

        var fr = await CliRun.OkAsync(db, "plan", "show", "LocalScope");
        Assert.Contains("hors trajectoire", fr.Out);
        Assert.Contains("Newsletter décideurs", fr.Out); // long titles wrap inside their cell
        var en = await CliRun.OkAsync(db, "plan", "show", "LocalScope", "--lang", "en");
        Assert.Contains("off track", en.Out);
        Assert.Contains("Attainment", en.Out);
        // The catalog's English names, channels included, and targets in English formats: an English reader got
        // « Téléchargements », « Prospection directe » and « <40 € » in the middle of English columns.
        Assert.Contains("KPIs: met ", en.Out);
        Assert.Matches(@"│ Direct outreach\s+│ Done\s+│ Karim Haddad\s+│ [\d/]+ │ Meetings\s+│ 5\s+│", en.Out);
        Assert.Matches(@"│ Search ads\s+│ Live\s+│ Salma Benali\s+│ [\d/]+ │ CPL\s+│ < €40\s+│", en.Out);
        Assert.Matches(@"│ Prospection directe\s+│ Terminé\s+│ Karim Haddad\s+│ [\d/]+ │ Rendez-vous\s+│ 5\s+│", fr.Out);
        var nutri = await CliRun.OkAsync(db, "plan", "show", "nutri");
        Assert.Contains("pas d'objectif chiffré", nutri.Out);
    }
}
