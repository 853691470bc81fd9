using Pilote.Common;
using Pilote.Measurements.Readers;

namespace Pilote.Tests.Measurements;

/// <summary>Every real export in the fixtures, read as the tool wrote it, checked against values read off the file.</summary>
public sealed class RealExportTests
{

    [Fact]
    public void Ga4_channel_group_report_reads_users_and_key_events_per_channel_over_the_preamble_period()
    {
        var (rows, info) = Fixtures.Read(Fixtures.File("ga4", "Anas3rdshade_Teefusion__User_acquisition_First_user_primary_channel_group_(Default_Channel_Group).csv"));
        Assert.Equal("ga4", info.Source);
        Assert.Equal((new DateOnly(2025, 2, 1), new DateOnly(2025, 8, 4)), (info.Start!.Value, info.End!.Value));
        Assert.Equal(8, rows.Count);
        var direct = rows[0];
        Assert.Equal("Direct", direct.ChannelGroup);
        Assert.Equal(1209m, direct.Value("users"));
        Assert.Equal(22m, direct.Value("conversions"));
        Assert.Equal(new DateOnly(2025, 2, 1), direct.Start);
        Assert.Equal(new DateOnly(2025, 8, 4), direct.End);
        var paidSocial = rows.Single(r => r.ChannelGroup == "Paid Social");
        Assert.Equal(603m, paidSocial.Value("users"));
        Assert.Empty(info.Totals);
    }

    [Fact]
    public void Ga4_exploration_grand_total_is_a_check_not_a_row()
    {
        var path = Fixtures.File("ga4", "DanielTheC__ga4_exploration_download (3).csv");
        var (rows, info) = Fixtures.Read(path, metricOf: h => h == "event count" ? "event_count" : null);
        Assert.Equal((new DateOnly(2025, 12, 13), new DateOnly(2026, 3, 12)), (info.Start!.Value, info.End!.Value));
        Assert.Equal(342, rows.Count);
        Assert.Equal("/office-space-holborn/", rows[0].Key);
        Assert.Equal(765m, rows[0].Value("event_count"));
        Assert.Equal(4311m, info.Totals["event_count"]);
        Assert.Equal(4311m, rows.Sum("event_count"));
    }

    [Fact]
    public void Ga4_exploration_of_a_metric_no_catalog_knows_is_refused_naming_its_columns_not_called_empty()
    {
        // Event counts by page: 342 rows read, none of them measurable; the import said « l'export ne contient aucune
        // donnée » (and the imports page « 342 lignes lues » above it).
        var path = Fixtures.File("ga4", "DanielTheC__ga4_exploration_download (3).csv");
        var refused = Assert.ThrowsAny<Pilote.Common.PiloteInputException>(() => Fixtures.Read(path));
        Assert.Equal("DanielTheC__ga4_exploration_download (3).csv, ligne 7 : aucune colonne que le lecteur ga4 sait mesurer (Page path + query string, Event count) ; les métriques lues sont celles du catalogue (pilote catalog list)",
            refused.Say(french: true));
        Assert.StartsWith("DanielTheC__ga4_exploration_download (3).csv: row 7: no column this ga4 reader can measure", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ga4_events_report_reads_users_and_revenue_per_event()
    {
        var (rows, info) = Fixtures.Read(Fixtures.File("ga4", "DanielTheC_internal-lnking-tool__Events_Event_name.csv"));
        Assert.Equal((new DateOnly(2025, 10, 15), new DateOnly(2026, 1, 12)), (info.Start!.Value, info.End!.Value));
        Assert.Equal(21, rows.Count);
        var formSubmit = rows.Single(r => r.Key == "form_submit");
        Assert.Equal(888m, formSubmit.Value("users"));
        Assert.Equal(0m, formSubmit.Value("revenue"));
    }

    [Fact]
    public void Ga4_french_snapshot_reads_each_metric_once_across_blocks()
    {
        var (rows, info) = Fixtures.Read(Fixtures.File("ga4", "ISellFreeMoney__GA4_FR_Instantane_des_rapports.csv"));
        // "Date de début : 20260524" with a no-break space before the colon.
        Assert.Equal((new DateOnly(2026, 5, 24), new DateOnly(2026, 6, 20)), (info.Start!.Value, info.End!.Value));
        // Block 1: 15 active users for the whole property; later blocks repeat users by page, city, audience.
        Assert.Equal(15m, rows.Sum("users"));
        var total = Assert.Single(rows, r => r.Value("users") is not null);
        Assert.Null(total.Key);
        // Block 2: views per page title, 25 on the home page.
        Assert.Equal(25m, rows.Single(r => r.Key == "Le Registre — Outils de calcul pour indépendants").Value("pageviews"));
        Assert.Equal(35m, rows.Sum("pageviews"));
        // Block 4: sessions by source / medium.
        Assert.Equal(21m, rows.Single(r => r.Key == "(direct) / (none)" && r.Value("sessions") is not null).Value("sessions"));
        Assert.Contains(info.Warnings, w => w.Contains("users"));
    }

    [Fact]
    public void Ga4_export_with_a_blank_line_after_the_preamble_reads_three_blocks()
    {
        var (rows, info) = Fixtures.Read(Fixtures.File("ga4", "rustom__ga4_data-export_2021_blankline.csv"));
        Assert.Equal((new DateOnly(2020, 10, 22), new DateOnly(2021, 10, 22)), (info.Start!.Value, info.End!.Value));
        var schaumburg = rows.Where(r => r.Key == "Schaumburg").ToList();
        Assert.Equal(53m, schaumburg.Sum("users"));
        Assert.Equal(new DateOnly(2020, 10, 22), schaumburg[0].Start);
        Assert.True(rows.Sum("users") > 0);
        Assert.Contains(rows, r => r.Value("conversions") is not null || r.Value("revenue") is not null);
    }

    [Fact]
    public void Google_ads_all_time_report_reads_quoted_thousands_and_checks_the_campaign_total()
    {
        var path = Fixtures.File("google-ads", "intragoinc__Campaign_report_alltime.csv");
        var info = new ExportInfo("x", "google-ads") { Start = new DateOnly(2024, 1, 1), End = new DateOnly(2025, 12, 31) };
        var rows = new GoogleAdsReader().Read(path, info).ToList();
        Assert.Equal("google-ads", ExportSources.Resolve(path, "auto"));
        Assert.Equal(12, rows.Count);
        var deck = rows.Single(r => r.Key == "Deck, siding & other_Remarketing_RSL");
        Assert.Equal(2472851m, deck.Value("impressions"));
        Assert.Equal(9813m, deck.Value("clicks"));
        Assert.Equal(3296.57m, deck.Value("spend"));
        Assert.Equal(4838.80m, rows.Single(r => r.Key == "Bay Area Exterior Wood (<2025)").Value("conversions"));
        // "Total: Campaigns" checks the rows; "Total: Account" (with removed campaigns) does not.
        Assert.Equal(14117313m, info.Totals["impressions"]);
        Assert.Equal(rows.Sum("impressions"), info.Totals["impressions"]);
        Assert.Equal(199421.15m, info.Totals["spend"]);
        Assert.Equal(rows.Sum("spend"), info.Totals["spend"]);
        Assert.Equal(18703.32m, rows.Sum("conversions"));
    }

    [Fact]
    public void Google_ads_all_time_report_without_a_period_asks_for_one()
    {
        var ex = Assert.Throws<Pilote.Measurements.MissingPeriodException>(() => Fixtures.Read(Fixtures.File("google-ads", "intragoinc__Campaign_report_alltime.csv")));
        Assert.Contains("row 4", ex.Message);
        Assert.Contains("--start", ex.Message);
    }

    [Fact]
    public void Google_ads_utf16_tab_report_reads_the_uk_range_and_the_quoted_impressions()
    {
        var (rows, info) = Fixtures.Read(Fixtures.File("google-ads", "DanielTheC__Campaign report_utf16_tab.csv"));
        Assert.Equal("google-ads", info.Source);
        Assert.Equal((new DateOnly(2026, 1, 27), new DateOnly(2026, 2, 23)), (info.Start!.Value, info.End!.Value));
        var row = Assert.Single(rows);
        Assert.Equal("Office Fruit Campaign", row.Key);
        Assert.Equal(9380m, row.Value("impressions"));
        Assert.Equal(264m, row.Value("clicks"));
        Assert.Equal(365.22m, row.Value("spend"));
        Assert.Equal(25m, row.Value("conversions"));
        Assert.Equal(841.23m, row.Value("revenue"));
        Assert.Equal(9380m, info.Totals["impressions"]);
    }

    [Fact]
    public void Google_ads_greek_eur_report_reads_the_us_range_and_greek_campaign_names()
    {
        var (rows, info) = Fixtures.Read(Fixtures.File("google-ads", "1123alberto__Campaign report_EUR_greek.csv"));
        Assert.Equal((new DateOnly(2026, 3, 27), new DateOnly(2026, 4, 23)), (info.Start!.Value, info.End!.Value));
        Assert.Equal(3, rows.Count);
        Assert.Equal("Οδοντικά Εμφυτεύματα Αθήνα", rows[2].Key);
        Assert.All(rows, r => Assert.Equal(0m, r.Value("spend")));
        Assert.Equal(0m, info.Totals["impressions"]);
    }

    [Fact]
    public void A_report_mixing_currencies_is_refused_at_the_first_row_in_another_one()
    {
        // A manager account's report: the real Greek report with its third campaign billed in dollars.
        var lines = File.ReadAllLines(Fixtures.File("google-ads", "1123alberto__Campaign report_EUR_greek.csv")).ToList();
        var third = lines.FindIndex(3, l => l.Contains(",EUR,", StringComparison.Ordinal)) + 2;
        lines[third] = lines[third].Replace(",EUR,", ",USD,", StringComparison.Ordinal);
        var path = Fixtures.Write("mcc-report.csv", string.Join('\n', lines) + "\n");

        var refused = Assert.Throws<PiloteInputException>(() => Fixtures.Read(path));

        Assert.Equal($"mcc-report.csv, ligne {third + 1}, colonne « Currency code » : « USD » alors que les montants lus jusqu'ici sont en EUR : "
            + "Pilote n'additionne pas des devises différentes ; exportez un rapport par devise (un par compte)", refused.French);
        Assert.StartsWith($"mcc-report.csv: row {third + 1}, column 'Currency code': 'USD' where the amounts read so far are in EUR", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Meta_age_breakdown_skips_the_account_total_row_and_matches_it()
    {
        var (rows, info) = Fixtures.Read(Fixtures.File("meta-ads", "Anas3rdshade_Teefusion__Untitled-report-Feb-1-2025-to-Aug-4-2025_Age.csv"));
        Assert.Equal("meta-ads", info.Source);
        Assert.Equal(91, rows.Count);
        var first = rows[0];
        Assert.Equal("Add to Cart_28/06", first.Key);
        Assert.Equal(13874m, first.Value("reach"));
        Assert.Equal(2236.71510474m, first.Value("spend"));
        Assert.Equal(510m, first.Value("clicks"));
        Assert.Equal((new DateOnly(2025, 2, 1), new DateOnly(2025, 8, 4)), (first.Start, first.End));
        Assert.Equal(33245.34m, info.Totals["spend"]);
        Assert.Equal(878306m, info.Totals["impressions"]);
        Assert.Equal(878306m, rows.Sum("impressions"));
        Assert.Equal(39581m, rows.Sum("clicks"));
        Assert.Equal(3437m, rows.Sum("conversions"));
        Assert.Equal(33245.34m, Math.Round(rows.Sum("spend"), 2));
    }

    [Fact]
    public void Meta_no_data_available_file_is_empty()
    {
        var (rows, info) = Fixtures.Read(Fixtures.File("meta-ads", "DanielTheC_internal-lnking-tool__Daniel-Conlan-Campaigns-1-Sep-202430-Sep-2024.csv"));
        Assert.Equal("meta-ads", info.Source);
        Assert.Empty(rows);
        Assert.True(info.Empty);
    }

    [Fact]
    public void Mailchimp_campaign_list_reads_recipients_per_send_day()
    {
        var (rows, info) = Fixtures.Read(Fixtures.File("mailchimp", "PhillyBikeAction__mailchimp_campaigns.csv"));
        Assert.Equal("mailchimp", info.Source);
        Assert.Equal(43, rows.Count);
        Assert.Equal("Philly Bike Action Newsletter", rows[0].Key);
        Assert.Equal(33m, rows[0].Value("delivered"));
        Assert.Equal(new DateOnly(2023, 6, 1), rows[0].Start);
        Assert.Equal(rows[0].Start, rows[0].End);
        var last = rows[^1];
        Assert.Equal(2396m, last.Value("delivered"));
        Assert.Equal(new DateOnly(2025, 2, 28), last.Start);
        Assert.Equal(30526m, rows.Sum("delivered"));
    }
}
