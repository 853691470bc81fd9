using Pilote.Testing;

namespace Pilote.App.Tests.Cli;

public sealed class PlanImportCommandTests
{
    private static string Folder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "pilote-import", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    [Fact]
    public async Task A_folder_given_for_a_file_is_said_to_be_a_folder_and_a_missing_file_missing()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");
        var folder = Folder();
        var name = Path.GetFileName(folder);
        foreach (var args in new[] { new[] { "plan", "import", folder + "/" }, ["measures", "import", folder] })
        {
            var fr = await CliRun.RunAsync(db, args);
            Assert.Equal(2, fr.Exit);
            Assert.Equal($"pilote: {name} : c'est un dossier, pas un fichier ; donnez le chemin du fichier", Assert.Single(fr.ErrLines));
            var en = await CliRun.RunAsync(db, [.. args, "--lang", "en"]);
            Assert.Equal($"pilote: {name}: a folder, not a file; give the file's path", Assert.Single(en.ErrLines));
        }
        var missing = await CliRun.RunAsync(db, "plan", "import", Path.Combine(folder, "plan.xlsx"));
        Assert.Equal("pilote: plan.xlsx : fichier introuvable", Assert.Single(missing.ErrLines));
        Assert.Equal(0, (await CliRun.CountsAsync(db)).Plans);
    }

    [Fact]
    public async Task The_count_of_actions_reads_as_a_sentence_says_it()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");
        var one = Path.Combine(Folder(), "une-action.csv");
        await File.WriteAllTextAsync(one, "Action;Canal;Responsable\r\nNewsletter de rentrée;Emailing;Léa\r\n");
        var big = Path.Combine(Folder(), "grand-plan.csv");
        await File.WriteAllLinesAsync(big, ["Action;Canal;Responsable", .. Enumerable.Range(1, 1200).Select(i => $"Action {i};SEO;Léa")]);

        Assert.StartsWith("--dry-run : le plan « une-action » aurait 1 action (rien", (await CliRun.OkAsync(db, "plan", "import", one, "--dry-run")).Out, StringComparison.Ordinal);
        Assert.StartsWith("--dry-run: plan 'une-action' would have 1 action (nothing", (await CliRun.OkAsync(db, "plan", "import", one, "--dry-run", "--lang", "en")).Out, StringComparison.Ordinal);
        // Thousands grouped as the reader writes them (a no-break space in French), as every other count Pilote prints.
        Assert.StartsWith("--dry-run : le plan « grand-plan » aurait 1\u202F200 actions (rien", (await CliRun.OkAsync(db, "plan", "import", big, "--dry-run")).Out, StringComparison.Ordinal);
        Assert.StartsWith("--dry-run: plan 'grand-plan' would have 1,200 actions (nothing", (await CliRun.OkAsync(db, "plan", "import", big, "--dry-run", "--lang", "en")).Out, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_unchanged_export_imports_as_nothing_and_a_stale_one_is_refused_in_one_line(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await CliRun.OkAsync(db, "demo");
        var path = Path.Combine(Folder(), "complet.xlsx");
        await CliRun.OkAsync(db, "plan", "export", "1", "--format", "complet", "-o", path);

        var same = await CliRun.OkAsync(db, "plan", "import", path, "--dry-run");
        Assert.Contains("Rien à importer", same.Out);
        var json = await CliRun.JsonAsync(db, "plan", "import", path, "--json");
        Assert.Equal((1m, 0m, 0m, 0m), (json.Num("plan"), json.Num("added"), json.Num("changed"), json.Num("removed")));
        // Saved by a browser or a mail client under another name, it is still the plan's workbook, not a new plan.
        var renamed = Path.Combine(Path.GetDirectoryName(path)!, "complet (1).download");
        File.Copy(path, renamed);
        Assert.Contains("Rien à importer", (await CliRun.OkAsync(db, "plan", "import", renamed, "--dry-run")).Out);

        await CliRun.OkAsync(db, "action", "set", "2", "--owner", "Nadia");
        var before = await CliRun.CountsAsync(db);
        var stale = await CliRun.RunAsync(db, "plan", "import", path);
        Assert.Equal(2, stale.Exit);
        var line = Assert.Single(stale.ErrLines);
        Assert.Matches(@"^pilote: complet\.xlsx : Actions, ligne \d+, id 2 : l'action « .+ » est en version \d+ dans Pilote mais \d+ dans le fichier : la ligne a été modifiée dans Pilote depuis l'export", line);
        var english = await CliRun.RunAsync(db, "plan", "import", path, "--lang", "en");
        Assert.Matches(@"^pilote: complet\.xlsx: Actions, row \d+, id 2: action '.+' is at version \d+ in Pilote but \d+ in the file: it was changed in Pilote since the export", Assert.Single(english.ErrLines));
        Assert.Equal(before, await CliRun.CountsAsync(db));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Another_tools_spreadsheet_becomes_a_new_plan_and_says_what_it_mapped(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await CliRun.OkAsync(db, "demo");
        var before = await CliRun.CountsAsync(db);
        var json = await CliRun.JsonAsync(db, "plan", "import", "/work/shared/fixtures/exports/plans/HugoPoi__Plan d'action.xlsx",
            "--name", "Projet BDD", "--json");
        Assert.Equal("Projet BDD", json.Str("name"));
        Assert.Equal(17, json.Items("actions").Count);
        Assert.Contains(json.Items("columns"), c => c.Str("header") == "Acteur" && c.Str("role") == "responsable");
        Assert.Contains(json.Items("ignoredRows"), r => r.Num("row") == 21m);
        var after = await CliRun.CountsAsync(db);
        Assert.Equal((before.Plans + 1, before.Actions + 17), (after.Plans, after.Actions));

        var shown = await CliRun.JsonAsync(db, "plan", "show", json.Num("plan")!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("Partie catalogue", shown.ToString());

        var bad = Path.Combine(Folder(), "plan.csv");
        await File.WriteAllTextAsync(bad, "Tâche;Statut;Budget\nSalon;En cours;beaucoup\n");
        var refused = await CliRun.RunAsync(db, "plan", "import", bad);
        Assert.Equal(2, refused.Exit);
        Assert.Equal("pilote: plan.csv : feuille CSV, ligne 2, colonne Budget (C2) : « beaucoup » n'est pas un montant (exemples : 1 500, 1 500,50 €, 1500.5)", Assert.Single(refused.ErrLines));
        var english = await CliRun.RunAsync(db, "plan", "import", bad, "--lang", "en");
        Assert.Equal("pilote: plan.csv: sheet CSV, row 2, column Budget (C2): 'beaucoup' is not a number (examples: 5000, 5 000, 3,50)", Assert.Single(english.ErrLines));
        Assert.Equal(after, await CliRun.CountsAsync(db));
    }

    [Fact]
    public async Task A_negative_budget_is_refused_naming_its_cell_and_nothing_is_stored()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");
        await CliRun.OkAsync(db, "demo");
        var before = await CliRun.CountsAsync(db);
        var path = Path.Combine(Folder(), "plan.csv");
        await File.WriteAllTextAsync(path, "Action;Canal;Budget\nSalon Rennes;Événements;1 000\nWebinaire;Événements;-5\n");

        foreach (var args in new[] { new[] { "plan", "import", path }, ["plan", "import", path, "--dry-run"] })
        {
            var refused = await CliRun.RunAsync(db, args);
            Assert.Equal(2, refused.Exit);
            Assert.Equal("pilote: plan.csv : feuille CSV, ligne 3, colonne Budget (C3) : « -5 » ne peut pas être négatif (un budget est le montant prévu pour l'action)",
                Assert.Single(refused.ErrLines));
        }
        var english = await CliRun.RunAsync(db, "plan", "import", path, "--lang", "en");
        Assert.Equal("pilote: plan.csv: sheet CSV, row 3, column Budget (C3): '-5' cannot be negative (a budget is what the action plans to spend)",
            Assert.Single(english.ErrLines));
        Assert.Equal(before, await CliRun.CountsAsync(db));
    }

    [Fact]
    public async Task A_csv_saved_with_a_utf8_mark_has_no_mark_in_its_first_header()
    {
        // Excel's « CSV UTF-8 » and Pilote's own CSV export begin with EF BB BF: the mark is no character of the header.
        await using var db = await TestDatabase.CreateAsync("sqlite");
        var path = Path.Combine(Folder(), "plan-excel.csv");
        await File.WriteAllBytesAsync(path, [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes("id;Action;Canal;Responsable\n1;Salon Rennes;Événements;Ana\n")]);

        var json = await CliRun.JsonAsync(db, "plan", "import", path, "--dry-run");
        // One string against another: a sequence of strings is compared by culture, which ignores U+FEFF.
        Assert.Equal("id", json.Items("columns")[0].Str("header"));
        Assert.Equal("Action", json.Items("columns")[1].Str("header"));
        var text = await CliRun.OkAsync(db, "plan", "import", path, "--dry-run");
        Assert.Contains("A « id » ignorée", text.Out, StringComparison.Ordinal);
    }
}
