using Pilote.Testing;

namespace Pilote.App.Tests.Audit;

/// <summary><c>pilote audit FILE</c>: the plan a spreadsheet holds, audited without storing anything.</summary>
public sealed class AuditFileTests
{
    private const string Plans = "/work/shared/fixtures/exports/plans";

    private static string Folder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "pilote-audit-file-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_team_workbook_is_audited_row_by_row_and_nothing_is_stored(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var before = await CliRun.CountsAsync(db);

        var run = await CliRun.RunAsync(db, "audit", Path.Combine(Plans, "HugoPoi__Plan d'action.xlsx"), "--json");
        Assert.Equal(1, run.Exit); // no KPI anywhere: errors, so a team's checks fail on it
        var json = run.Json;
        Assert.Equal("HugoPoi__Plan d'action.xlsx", json.Str("file"));
        Assert.Equal(17, json.GetProperty("actions").GetInt32());
        var findings = json.Items("findings");
        var noKpi = findings.Where(f => f.Str("rule") == "action-without-kpi").ToList();
        Assert.Equal(17, noKpi.Count);
        Assert.All(noKpi, f => Assert.Equal("error", f.Str("severity")));
        // Findings point at the file's rows, not at ids of a plan that was never stored.
        var first = noKpi[0];
        Assert.Equal(4, first.Num("row"));
        Assert.Equal("action ligne 4 « construction du plan d'action »", first.Str("subject"));
        Assert.All(noKpi, f => Assert.Matches(@"^action ligne \d+ « ", f.Str("subject")));
        // Hints say where in the file to write the fix, and what only Pilote can do once the plan is imported; the rules a
        // spreadsheet can never pass (a weekly review decided in Pilote, measurements in the last 14 days) are not run on it.
        Assert.Equal("écrivez un KPI du canal (telechargements, temps_moyen_page) dans la colonne KPI et sa cible dans la colonne Cible", first.Str("hint"));
        Assert.All(findings.Where(f => f.Str("rule") == "action-without-tracking"),
            f => Assert.Equal("une fois le plan importé, donnez-lui une UTM ou un code promo (pilote action set … --utm / --promo-code) et importez ses mesures", f.Str("hint")));
        Assert.Equal("fixez une date d'échéance (colonne Échéance)", Assert.Single(findings, f => f.Str("rule") == "action-without-deadline").Str("hint"));
        Assert.DoesNotContain(findings, f => f.Str("rule") is "no-review-cadence" or "stale-measurements");
        Assert.InRange(json.GetProperty("score").GetInt32(), 0, 69);

        Assert.Equal(before, await CliRun.CountsAsync(db));
    }

    [Fact]
    public async Task A_monday_board_in_english_and_the_human_table()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");
        var file = Path.Combine(Plans, "DanielTheC__monday_Website_Redevelopment_1725278091.xlsx");
        var run = await CliRun.RunAsync(db, "audit", file, "--lang", "en");
        Assert.Equal(1, run.Exit);
        Assert.Contains("Audit of file 'DanielTheC__monday_Website_Redevelopment_1725278091.xlsx' (sheet website redevelopment, 27 actions, nothing stored)", run.Out);
        Assert.Contains("action-without-kpi", run.Out);
        Assert.Contains("action row 6", run.Out);
        Assert.Equal((0, 0, 0), await PlansActionsWorkspaces(db));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_csv_plan_with_kpis_targets_owners_and_dates_exits_0(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var folder = Folder();
        try
        {
            var good = Path.Combine(folder, "plan.csv");
            await File.WriteAllTextAsync(good,
                "Action;Canal;KPI;Cible;Responsable;Début;Échéance;Statut;Budget\n" +
                "Google Ads marque;SEA;CPL;<40 €;Ana;2027-01-04;2027-03-31;Prévu;6 000\n" +
                "Newsletter mensuelle;Emailing;Taux d'ouverture;>25%;Léo;2027-01-04;2027-03-31;Prévu;\n");
            var run = await CliRun.RunAsync(db, "audit", good, "--json");
            Assert.True(run.Exit == 0, run.ToString());
            Assert.DoesNotContain(run.Json.Items("findings"), f => f.Str("severity") == "error");
            // Not tracked yet: worth a warning on a plan that has not started, pointing at the CSV's line.
            Assert.Contains(run.Json.Items("findings"), f => f.Str("rule") == "action-without-tracking" && f.Num("row") == 2);

            var blind = Path.Combine(folder, "blind.csv");
            await File.WriteAllTextAsync(blind, "Action;Canal;Responsable;Échéance;Statut;Budget\nSalon Rennes;Événements;Paul;2026-10-15;En cours;8 000\n");
            var refused = await CliRun.RunAsync(db, "audit", blind, "--json");
            Assert.Equal(1, refused.Exit);
            Assert.Contains(refused.Json.Items("findings"), f => f.Str("rule") == "action-without-tracking" && f.Str("severity") == "error" && f.Num("row") == 2);

            var bad = Path.Combine(folder, "bad.csv");
            await File.WriteAllTextAsync(bad, "Action;Responsable;Échéance\nWebinaire;Ana;bientôt\n");
            var unreadable = await CliRun.RunAsync(db, "audit", bad, "--lang", "en");
            Assert.Equal(2, unreadable.Exit);
            Assert.Equal("pilote: bad.csv: sheet CSV, row 2, column Échéance (C2): 'bientôt' is not a date (expected a date cell, YYYY-MM-DD, DD/MM/YYYY or '12 mars 2026')",
                Assert.Single(unreadable.ErrLines));
            Assert.Equal((0, 0, 0), await PlansActionsWorkspaces(db));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_folder_or_a_missing_spreadsheet_is_refused_as_such_not_as_an_unknown_plan()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");
        var folder = Folder();
        try
        {
            var toFolder = await CliRun.RunAsync(db, "audit", folder + Path.DirectorySeparatorChar);
            Assert.Equal(2, toFolder.Exit);
            Assert.Equal($"pilote: PLAN : « {folder}{Path.DirectorySeparatorChar} » est un dossier ; l'audit prend un nom ou un numéro de plan, ou un fichier .xlsx ou .csv",
                Assert.Single(toFolder.ErrLines));
            var toFolderEn = await CliRun.RunAsync(db, "audit", folder, "--lang", "en");
            Assert.Equal($"pilote: PLAN: '{folder}' is a folder; the audit takes a plan name or id, or an .xlsx or .csv file", Assert.Single(toFolderEn.ErrLines));

            var missing = Path.Combine(folder, "plan.xlsx");
            var notThere = await CliRun.RunAsync(db, "audit", missing);
            Assert.Equal(2, notThere.Exit);
            Assert.Equal($"pilote: plan.xlsx : fichier introuvable ({missing})", Assert.Single(notThere.ErrLines));

            // A plan is still found by its name, even one that reads like a file name.
            await CliRun.OkAsync(db, "plan", "new", "--name", "budget.csv");
            Assert.Contains("« budget.csv »", (await CliRun.RunAsync(db, "audit", "budget.csv")).Out);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(int, int, int)> PlansActionsWorkspaces(TestDatabase db)
    {
        var c = await CliRun.CountsAsync(db);
        return (c.Plans, c.Actions, c.Workspaces);
    }

    public static TheoryData<string, string> ToolExports() => new()
    {
        { "google-ads/1123alberto__Campaign report_EUR_greek.csv", "Google Ads" },
        { "ga4/Anas3rdshade_Teefusion__User_acquisition_First_user_primary_channel_group_(Default_Channel_Group).csv", "Google Analytics 4" },
        { "mailchimp/PhillyBikeAction__mailchimp_campaigns.csv", "Mailchimp" },
        // Read as a plan, this report was 91 « actions » named after its campaigns.
        { "meta-ads/Anas3rdshade_Teefusion__Untitled-report-Feb-1-2025-to-Aug-4-2025_Age.csv", "Meta Ads" },
    };

    [Theory]
    [MemberData(nameof(ToolExports))]
    public async Task A_tool_export_is_not_taken_for_a_plan_and_the_refusal_names_the_command_that_reads_it(string export, string tool)
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");
        var before = await CliRun.CountsAsync(db);
        var file = Path.Combine("/work/shared/fixtures/exports", export);
        var name = Path.GetFileName(file);

        var audit = await CliRun.RunAsync(db, "audit", file);
        Assert.True(audit.Exit == 2, audit.ToString());
        Assert.Equal($"pilote: {name} : c'est un export {tool} (des mesures), pas un plan d'action ; importez-le dans un plan avec « pilote measures import » "
            + "ou l'onglet « Imports & exports » du plan", audit.ErrLines.Single());
        var import = await CliRun.RunAsync(db, "plan", "import", file, "--lang", "en");
        Assert.True(import.Exit == 2, import.ToString());
        Assert.Contains($"{name}: this is a {tool} export (measurements), not an action plan; import it into a plan with 'pilote measures import'", import.Err);
        Assert.Equal(before, await CliRun.CountsAsync(db));
    }

    [Fact]
    public async Task A_tool_workbook_is_refused_too_and_a_plan_numbered_in_a_hash_column_is_still_a_plan()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");
        var meta = Measurements.TestWorkbook.Write("Meta-report.xlsx",
            ["Campaign name", "Reporting starts", "Reporting ends", "Impressions", "Amount spent (EUR)", "Link clicks"],
            ["LS Retargeting", "2026-10-01", "2026-10-31", 8000, 200.25, 150]);
        var refused = await CliRun.RunAsync(db, "plan", "import", meta, "--dry-run");
        Assert.True(refused.Exit == 2, refused.ToString());
        Assert.Contains("Meta-report.xlsx : c'est un export Meta Ads (des mesures), pas un plan d'action", refused.Err);

        // GA4's CSV starts with '#' lines; a team's sheet whose first column is a '#' numbering is not one.
        var folder = Folder();
        try
        {
            var numbered = Path.Combine(folder, "numbered.csv");
            await File.WriteAllTextAsync(numbered, "#,Action,Responsable,Échéance,Statut\n1,Google Ads marque,Ana,2027-03-31,Prévu\n2,Newsletter,Léo,2027-03-31,Prévu\n");
            // Nor is a hashtag at the start of a row: the action stays.
            var tagged = Path.Combine(folder, "tagged.csv");
            await File.WriteAllTextAsync(tagged, "Action;Responsable;Échéance\n#NoëlLocal concours Instagram;Léo;2026-12-24\nNewsletter;Ana;2026-12-31\n");
            var read = await CliRun.RunAsync(db, "plan", "import", numbered, "--dry-run");
            Assert.True(read.Exit == 0, read.ToString());
            Assert.Contains("aurait 2 actions", read.Out);
            var hashtag = await CliRun.RunAsync(db, "plan", "import", tagged, "--dry-run");
            Assert.True(hashtag.Exit == 0, hashtag.ToString());
            Assert.Contains("ligne 2 : #NoëlLocal concours Instagram", hashtag.Out);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
