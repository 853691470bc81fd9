using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Pilote.App.Tests.Api;
using Pilote.Testing;
using Pilote.Tests.Measurements;

namespace Pilote.App.Tests.Measurements;

/// <summary>
/// `pilote measures import` and POST /api/v1/imports on a tool's export that a person opened in Excel and saved again
/// (tests/fixtures/excel-resaved): the same figures as the tool's file, said to be read as Windows-1252, money shown as
/// money; or, where Excel's dates cannot be read one way only, one line and nothing stored.
/// </summary>
public sealed class ExcelResavedImportTests
{
    private const string Meta = "Anas3rdshade_Teefusion__Untitled-report-Feb-1-2025-to-Aug-4-2025_Age.csv";

    private static async Task<TestDatabase> PlanAsync(string provider)
    {
        var db = await TestDatabase.CreateAsync(provider);
        await CliRun.OkAsync(db, "plan", "new", "--name", "T1", "--start", "2025-01-01", "--end", "2025-12-31");
        await CliRun.OkAsync(db, "action", "add", "T1", "--title", "Meta", "--channel", "social", "--kpi", "cpc", "--target", "< 1 €");
        return db;
    }

    // French formats group thousands with a narrow no-break space and put one before the currency: compared as spaces.
    private static string Spaced(string text) => text.Replace('\u202F', ' ').Replace('\u00A0', ' ');

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_meta_export_saved_by_french_excel_imports_the_spend_of_the_original_shown_in_its_currency(string provider)
    {
        await using var db = await PlanAsync(provider);
        var resaved = Fixtures.Resaved("meta-ads", Meta, "excel-fr");

        var fr = await CliRun.RunAsync(db, "measures", "import", resaved, "--plan", "T1", "--action", "Meta", "--dry-run");
        Assert.Equal(0, fr.Exit);
        // "Amount spent (INR)": the file's currency, not the plan's euros; impressions a grouped count.
        var spend = Assert.Single(Spaced(fr.Out).Split('\n'), l => l.Contains("│ spend", StringComparison.Ordinal));
        Assert.Equal(2, spend.Split("33 245,34 INR").Length - 1);
        Assert.Contains("878 306", Spaced(fr.Out), StringComparison.Ordinal);
        Assert.Contains("fichier lu en Windows-1252, le codage des CSV qu'Excel enregistre", fr.Err, StringComparison.Ordinal);
        // Rupees read into a plan in euros: said, not converted.
        Assert.Contains("les montants du fichier sont en INR et le plan en EUR : ils sont enregistrés tels quels, sans conversion", fr.Err, StringComparison.Ordinal);

        var en = await CliRun.RunAsync(db, "measures", "import", resaved, "--plan", "T1", "--action", "Meta", "--dry-run", "--lang", "en");
        Assert.Equal(0, en.Exit);
        Assert.Contains("INR 33,245.34", en.Out, StringComparison.Ordinal);
        Assert.Contains("the file's amounts are in INR and the plan's in EUR: they are stored as they are, not converted", en.Err, StringComparison.Ordinal);
        Assert.Contains("878,306", en.Out, StringComparison.Ordinal);
        Assert.Contains("file read as Windows-1252, the encoding of the CSV files Excel saves", en.Err, StringComparison.Ordinal);

        var (rows, _) = Fixtures.Read(Fixtures.File("meta-ads", Meta));
        var imported = await CliRun.JsonAsync(db, "measures", "import", resaved, "--plan", "T1", "--action", "Meta");
        Assert.Equal(33245.34m, imported.GetProperty("totals").GetProperty("spend").Num("rows"));
        await using var check = db.Open();
        // To the cent: Meta writes 2236.71510474 per row, and the rows add up to 33245.33999998 in either file.
        Assert.Equal(Math.Round(rows.Sum("spend"), 2), Math.Round(await check.Measurements.Where(m => m.Metric == "spend").SumAsync(m => m.Value), 2));
        Assert.Equal(rows.Sum("impressions"), await check.Measurements.Where(m => m.Metric == "impressions").SumAsync(m => m.Value));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Us_excel_dates_no_date_settles_are_refused_in_one_line_and_nothing_is_stored(string provider)
    {
        await using var db = await PlanAsync(provider);
        var resaved = Fixtures.Resaved("meta-ads", Meta, "excel-en");

        foreach (var (lang, parts) in new[]
        {
            ("fr", new[] { "ligne 3", "colonne « Reporting starts »", "« 2/1/2025 » est ambigu : 2 janvier 2025 ou 1 février 2025 ?" }),
            ("en", new[] { "row 3", "column 'Reporting starts'", "'2/1/2025' is ambiguous: 2 January 2025 or 1 February 2025?" }),
        })
        {
            var r = await CliRun.RunAsync(db, "measures", "import", resaved, "--plan", "T1", "--lang", lang);
            Assert.Equal(2, r.Exit);
            var line = Assert.Single(r.ErrLines);
            Assert.Contains(Path.GetFileName(resaved), line, StringComparison.Ordinal);
            foreach (var part in parts)
                Assert.Contains(part, line, StringComparison.Ordinal);
        }
        Assert.Equal(0, (await CliRun.CountsAsync(db)).Measurements);
        Assert.Equal(0, (await CliRun.JsonAsync(db, "measures", "batches")).GetArrayLength());
    }

    [Fact]
    public async Task The_api_answers_an_ambiguous_excel_file_with_a_problem_naming_row_column_and_value()
    {
        await using var host = await ApiHost.StartAsync("sqlite");
        var http = host.Client(Caller.Editor);
        var file = new ByteArrayContent(await File.ReadAllBytesAsync(Fixtures.Resaved("meta-ads", Meta, "excel-en")));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var form = new MultipartFormDataContent { { new StringContent(host.PlanA.ToString(System.Globalization.CultureInfo.InvariantCulture)), "plan" }, { file, "file", "meta-en.csv" } };

        using var refused = await http.PostAsync("/api/v1/imports", form);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("meta-en.csv: row 3, column 'Reporting starts': '2/1/2025' is ambiguous", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var check = host.Db.Open();
        Assert.Equal(0, await check.ImportBatches.CountAsync());
    }
}
