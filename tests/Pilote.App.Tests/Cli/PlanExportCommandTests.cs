using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using Pilote.Testing;

namespace Pilote.App.Tests.Cli;

public sealed class PlanExportCommandTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Export_writes_the_kpi_driven_and_numerique_workbooks_of_a_demo_plan(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await CliRun.OkAsync(db, "demo");
        var folder = Path.Combine(Path.GetTempPath(), "pilote-export", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        foreach (var (format, file) in new[] { ("kpi-driven", "Plan_KPI_Driven_Enhanced.xlsx"), ("numerique", "Plan_Action_Marketing_Numerique.xlsx") })
        {
            var path = Path.Combine(folder, file);
            var run = await CliRun.OkAsync(db, "plan", "export", "LocalScope — lancement", "--format", format, "-o", path);
            Assert.Contains(path, run.Out);
            using var doc = SpreadsheetDocument.Open(path, false);
            Assert.Empty(new OpenXmlValidator().Validate(doc));
            Assert.Contains("LocalScope", doc.PackageProperties.Title);
        }
        Assert.Equal(2, Directory.GetFiles(folder).Length); // no temporary file left behind
        Directory.Delete(folder, true);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Csv_and_json_exports_carry_every_action_and_csv_defuses_text_that_looks_like_a_formula(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await CliRun.OkAsync(db, "demo");
        await CliRun.OkAsync(db, "action", "set", "1", "--comment", "=HYPERLINK(\"http://evil\",\"clic\")");
        var folder = Path.Combine(Path.GetTempPath(), "pilote-export", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var shown = await CliRun.JsonAsync(db, "plan", "show", "1");

        var csvPath = Path.Combine(folder, "plan.csv");
        await CliRun.OkAsync(db, "plan", "export", "1", "--format", "csv", "-o", csvPath);
        using (var csv = Sylvan.Data.Csv.CsvDataReader.Create(csvPath, new Sylvan.Data.Csv.CsvDataReaderOptions { Delimiter = ';' }))
        {
            var actions = shown.Items("actions");
            var i = 0;
            while (csv.Read())
            {
                var expected = actions[i++];
                Assert.Equal(expected.GetProperty("id").GetInt32().ToString(), csv.GetString(csv.GetOrdinal("id")));
                Assert.Equal(expected.Str("title"), csv.GetString(csv.GetOrdinal("action")));
                Assert.Equal(expected.Str("status"), csv.GetString(csv.GetOrdinal("statut_id")));
                Assert.Equal(expected.Num("budget")?.ToString("0.####", new System.Globalization.CultureInfo("fr-FR")) ?? "",
                    csv.GetString(csv.GetOrdinal("budget")));
            }
            Assert.Equal(actions.Count, i);
        }
        var text = await File.ReadAllTextAsync(csvPath);
        Assert.Contains("\"'=HYPERLINK(", text);
        Assert.DoesNotContain(";=HYPERLINK", text);

        var jsonPath = Path.Combine(folder, "plan.json");
        await CliRun.OkAsync(db, "plan", "export", "1", "--format", "json", "-o", jsonPath);
        Assert.Equal(shown.ToString(), System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(jsonPath)).RootElement.ToString());
        Directory.Delete(folder, true);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Export_refuses_an_unknown_format_or_folder_and_writes_nothing(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await CliRun.OkAsync(db, "demo");
        var folder = Path.Combine(Path.GetTempPath(), "pilote-export", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);

        var badFormat = await CliRun.RunAsync(db, "plan", "export", "1", "--format", "pdf", "-o", Path.Combine(folder, "x.pdf"));
        Assert.Equal(2, badFormat.Exit);
        Assert.Equal("pilote: --format : « pdf » n'est pas un format d'export (utilisez kpi-driven, numerique, complet, csv, json)", Assert.Single(badFormat.ErrLines));
        var badFormatEn = await CliRun.RunAsync(db, "plan", "export", "1", "--format", "pdf", "-o", Path.Combine(folder, "x.pdf"), "--lang", "en");
        Assert.Equal(2, badFormatEn.Exit);
        Assert.Equal("pilote: --format: 'pdf' is not an export format (use kpi-driven, numerique, complet, csv, json)", Assert.Single(badFormatEn.ErrLines));
        var missing = Path.Combine(folder, "nope", "x.xlsx");
        var badFolder = await CliRun.RunAsync(db, "plan", "export", "1", "--format", "kpi-driven", "-o", missing);
        Assert.Equal(2, badFolder.Exit);
        Assert.Equal($"pilote: -o : le dossier « {Path.GetDirectoryName(missing)} » n'existe pas", Assert.Single(badFolder.ErrLines));
        // A folder given as -o (the file name forgotten, with or without the trailing slash) is refused in one line: it was
        // an IOException and a stack trace once the file had been written beside it.
        var toFolder = await CliRun.RunAsync(db, "plan", "export", "1", "--format", "csv", "-o", folder + Path.DirectorySeparatorChar);
        Assert.Equal(2, toFolder.Exit);
        Assert.Equal($"pilote: -o : « {folder}{Path.DirectorySeparatorChar} » est un dossier ; donnez le nom du fichier à écrire", Assert.Single(toFolder.ErrLines));
        var toFolderEn = await CliRun.RunAsync(db, "plan", "export", "1", "--format", "kpi-driven", "-o", folder, "--lang", "en");
        Assert.Equal(2, toFolderEn.Exit);
        Assert.Equal($"pilote: -o: '{folder}' is a folder; give the name of the file to write", Assert.Single(toFolderEn.ErrLines));
        Assert.Empty(Directory.GetFileSystemEntries(folder));
        Directory.Delete(folder, true);
    }
}
