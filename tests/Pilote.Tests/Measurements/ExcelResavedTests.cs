using System.Text;
using Pilote.Common;
using Pilote.Measurements.Readers;

namespace Pilote.Tests.Measurements;

/// <summary>
/// A real export opened in Excel and saved again as CSV (tests/fixtures/excel-resaved, made by make.py from the real
/// files): French Excel's Windows-1252 with semicolons and decimal commas, its « CSV UTF-8 », English Excel's
/// Windows-1252 with US dates. Each reads the same figures as the file the tool wrote, or is refused in one line.
/// </summary>
public sealed class ExcelResavedTests
{
    // What Excel writes for a character its code page lacks: a question mark.
    private static readonly Encoding Excel1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252, new EncoderReplacementFallback("?"), DecoderFallback.ExceptionFallback)!;

    public static TheoryData<string, string, string> Resaved()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (source, name) in new[]
        {
            ("google-ads", "intragoinc__Campaign_report_alltime.csv"),
            ("google-ads", "DanielTheC__Campaign report_utf16_tab.csv"),
            ("google-ads", "1123alberto__Campaign report_EUR_greek.csv"),
            ("meta-ads", "Anas3rdshade_Teefusion__Untitled-report-Feb-1-2025-to-Aug-4-2025_Age.csv"),
            ("mailchimp", "PhillyBikeAction__mailchimp_campaigns.csv"),
            ("ga4", "Anas3rdshade_Teefusion__User_acquisition_First_user_primary_channel_group_(Default_Channel_Group).csv"),
            ("ga4", "DanielTheC_internal-lnking-tool__Events_Event_name.csv"),
            ("ga4", "ISellFreeMoney__GA4_FR_Instantane_des_rapports.csv"),
        })
        {
            foreach (var variant in new[] { "excel-fr", "excel-utf8", "excel-en" })
            {
                // Meta's "2025-02-01" becomes 2/1/2025 in US Excel, and no date of the file is past the 12th: refused below.
                if (source != "meta-ads" || variant != "excel-en")
                    data.Add(source, name, variant);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Resaved))]
    public void An_export_saved_again_by_excel_reads_the_same_rows_days_and_figures_as_the_original(string source, string name, string variant)
    {
        // "All time" reports name no period: both are read over the same one.
        var period = name.Contains("alltime", StringComparison.Ordinal) ? (new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31)) : default((DateOnly, DateOnly)?);
        var (rows, info) = Read(Fixtures.File(source, name), period);
        var resavedPath = Fixtures.Resaved(source, name, variant);
        var (again, resaved) = Read(resavedPath, period);

        Assert.Equal(info.Source, resaved.Source);
        Assert.Equal((info.Start, info.End), (resaved.Start, resaved.End));
        Assert.Equal(info.RowsRead, resaved.RowsRead);
        Assert.Equal(info.Totals.OrderBy(t => t.Key), resaved.Totals.OrderBy(t => t.Key));
        Assert.Equal(info.Currency, resaved.Currency);
        var metrics = rows.SelectMany(r => r.Values).Select(v => v.Metric).Distinct().Order().ToList();
        Assert.NotEmpty(metrics);
        Assert.Equal(metrics, again.SelectMany(r => r.Values).Select(v => v.Metric).Distinct().Order());
        foreach (var metric in metrics)
            Assert.Equal(rows.Sum(metric), again.Sum(metric));
        // Row by row: the same days and values; the same names, but for what Windows-1252 has no byte for (Greek: "?").
        var savedIn1252 = variant != "excel-utf8";
        Assert.Equal(rows.Select(r => (Key(r.Key, savedIn1252), r.ChannelGroup, r.Start, r.End, Values(r))),
            again.Select(r => (r.Key, r.ChannelGroup, r.Start, r.End, Values(r))));
        // Only a file with a character outside ASCII shows what it was read as (ASCII is UTF-8 too).
        Assert.Equal(savedIn1252 && File.ReadAllBytes(resavedPath).Any(b => b > 0x7F), ExportFile.Open(resavedPath).ReadAsWindows1252);
    }

    // 0.00 and 0 are the same spend (Excel's General format drops the zeros): compared as numbers, not as written.
    private static string Values(ExportRow row) =>
        string.Join(' ', row.Values.Select(v => $"{v.Metric}={v.Value.ToString("0.############################", System.Globalization.CultureInfo.InvariantCulture)}"));

    private static string WriteBytes(string name, byte[] bytes)
    {
        var path = Fixtures.Write(name, "");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static string? Key(string? key, bool windows1252) =>
        key is null || !windows1252 ? key : Excel1252.GetString(Excel1252.GetBytes(key));

    private static (List<ExportRow> Rows, ExportInfo Info) Read(string path, (DateOnly Start, DateOnly End)? period)
    {
        var file = ExportFile.Open(path);
        var source = ExportSources.Resolve(file, null);
        var info = new ExportInfo(file.Name, source) { Start = period?.Start, End = period?.End };
        return (ExportSources.Reader(source, _ => null).Read(file, info), info);
    }

    [Fact]
    public void Us_dates_that_no_date_of_the_file_settles_are_refused_naming_row_column_and_both_readings()
    {
        var path = Fixtures.Resaved("meta-ads", "Anas3rdshade_Teefusion__Untitled-report-Feb-1-2025-to-Aug-4-2025_Age.csv", "excel-en");

        var refused = Assert.Throws<PiloteInputException>(() => Read(path, null));

        Assert.Equal("meta-ads__Anas3rdshade_Teefusion__Untitled-report-Feb-1-2025-to-Aug-4-2025_Age.excel-en.csv, ligne 3, colonne « Reporting starts » : "
            + "« 2/1/2025 » est ambigu : 2 janvier 2025 ou 1 février 2025 ? Aucune date de ce fichier (séparé par des virgules) ne dit si le jour vient en premier "
            + "(un jour après le 12) ; importez l'export tel que l'outil l'a écrit, ou enregistrez-le avec des dates AAAA-MM-JJ", refused.Say(french: true));
        Assert.StartsWith("meta-ads__Anas3rdshade_Teefusion__Untitled-report-Feb-1-2025-to-Aug-4-2025_Age.excel-en.csv: row 3, column 'Reporting starts': "
            + "'2/1/2025' is ambiguous: 2 January 2025 or 1 February 2025?", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_us_date_later_in_the_file_settles_the_ambiguous_ones_before_it()
    {
        // Mailchimp's "Jun 01, 2023 09:46 pm" is 6/1/2023 21:46 in US Excel; the next campaign's 6/18/2023 says month first.
        var path = Fixtures.Write("campaigns.csv", "Title,Send Date,Total Recipients\r\nJune,6/1/2023 21:46,33\r\nLater,6/18/2023 10:34,51\r\n");
        var (rows, _) = Read(path, null);
        Assert.Equal([new DateOnly(2023, 6, 1), new DateOnly(2023, 6, 18)], rows.Select(r => r.Start));

        // A British file the same way: 13/06/2023 says day first, so 06/01/2023 is the 6th of January.
        var british = Fixtures.Write("campaigns.csv", "Title,Send Date,Total Recipients\r\nJanuary,06/01/2023 21:46,33\r\nJune,13/06/2023 10:34,51\r\n");
        Assert.Equal([new DateOnly(2023, 1, 6), new DateOnly(2023, 6, 13)], Read(british, null).Rows.Select(r => r.Start));
    }

    [Theory]
    [InlineData("1.234")]
    [InlineData("1.234 €")]
    public void A_point_before_three_digits_where_commas_are_decimals_is_refused_not_guessed(string value)
    {
        // French Excel writes 1234,5 or 1 234,5; "1.234" in its file is a thousand grouped the German way or a decimal
        // Excel kept as text: either reading could be a thousand times wrong.
        var path = WriteBytes("meta.csv", ExportText.Windows1252.GetBytes(
            $"Campaign name;Reporting starts;Reporting ends;Amount spent (EUR);Impressions\r\nÉté;01/06/2026;30/06/2026;{value};1 234\r\n"));

        var refused = Assert.Throws<PiloteInputException>(() => Read(path, null));

        Assert.Equal($"meta.csv, ligne 2, colonne « Amount spent (EUR) » : « {value} » est ambigu : {value.Replace(".", "")} ou {value.Replace('.', ',')} ? "
            + "Les décimales de ce fichier s'écrivent avec une virgule (séparateur « ; »), ce nombre a un point ; importez l'export tel que l'outil l'a écrit, ou corrigez la cellule",
            refused.Say(french: true));
        Assert.StartsWith($"meta.csv: row 2, column 'Amount spent (EUR)': '{value}' is ambiguous", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Semicolon_files_read_decimal_commas_and_grouped_thousands_whatever_the_reader()
    {
        // Meta's reader read "0,840" as 840 (a comma before three digits grouped thousands) before semicolons meant decimals.
        var path = Fixtures.Write("meta.csv", "Campaign name;Reporting starts;Reporting ends;Amount spent (EUR);Impressions\r\n"
            + "A;01/06/2026;30/06/2026;0,840;1\u00a0234\r\nB;01/06/2026;30/06/2026;1\u00a0234,5;2.81\r\n");

        var (rows, info) = Read(path, null);

        Assert.Equal([0.840m, 1234.5m], rows.Select(r => r.Value("spend")));
        Assert.Equal([1234m, 2.81m], rows.Select(r => r.Value("impressions")));
        Assert.Equal("EUR", info.Currency);
        Assert.Equal((new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 30)), (rows[0].Start, rows[0].End));
    }

    [Fact]
    public void A_file_partly_utf8_and_partly_windows_1252_is_refused_at_the_first_line_neither_reads()
    {
        var bytes = new UTF8Encoding(false).GetBytes("Title,Send Date,Total Recipients\r\nÉté,2026-06-01,33\r\n")
            .Concat(ExportText.Windows1252.GetBytes("Rentrée,2026-09-01,51\r\n")).ToArray();
        var path = WriteBytes("mixed.csv", bytes);

        var refused = Assert.Throws<PiloteInputException>(() => Read(path, null));

        Assert.Equal("mixed.csv, ligne 3, colonne « Title » : « Rentrée » n'est pas en UTF-8 (le fichier semble en Latin-1 ou Windows-1252 ; enregistrez de nouveau l'export en CSV UTF-8)",
            refused.Say(french: true));
    }
}
