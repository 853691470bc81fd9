using System.Text;
using Pilote.Measurements.Readers;

namespace Pilote.Tests.Measurements;

/// <summary>Each quirk the tools' exports have, on a small file the test writes as the tool would.</summary>
public sealed class QuirkTests
{
    // The catalog's metric keys, as the importer passes them for a workspace.
    private static string? Catalog(string header) => header switch
    {
        "sessions" or "conversions" or "revenue" or "spend" or "clicks" or "impressions" or "leads" or "redemptions" => header,
        "chiffre d'affaires" => "revenue",
        "dépenses" => "spend",
        _ => null,
    };

    private static (List<ExportRow> Rows, ExportInfo Info) Read(string name, string text, Encoding? encoding = null, string? source = null) =>
        Fixtures.Read(Fixtures.Write(name, text, encoding), source, Catalog);

    private const string AdsReport = "Campaign report\r\n\"November 1, 2026 - November 30, 2026\"\r\nCampaign\tClicks\tImpr.\tCost\tCurrency code\r\n"
        + "T1 SEA produit\t\"9,380\"\t\"120,512\"\t1,234.56\tEUR\r\nT1 SEA marque\t20\t --\t0.44\tEUR\r\n"
        + "Total: Campaigns\t\"9,400\"\t\"120,512\"\t1,235.00\tEUR\r\nTotal: Account\t\"9,999\"\t\"130,000\"\t1,300.00\tEUR\r\n";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Google_ads_utf16_tab_file_with_or_without_bom_reads_thousands_missing_and_total_rows(bool bom)
    {
        var (rows, info) = Read("Campaign report.csv", AdsReport, new UnicodeEncoding(bigEndian: false, byteOrderMark: bom));
        Assert.Equal("google-ads", info.Source);
        Assert.Equal(2, rows.Count);
        Assert.Equal("T1 SEA produit", rows[0].Key);
        Assert.Equal(9380m, rows[0].Value("clicks"));
        Assert.Equal(120512m, rows[0].Value("impressions"));
        Assert.Equal(1234.56m, rows[0].Value("spend"));
        Assert.Null(rows[1].Value("impressions"));
        // "Total: Campaigns" checks the rows; the account total after it (removed campaigns too) does not.
        Assert.Equal(9400m, info.Totals["clicks"]);
        Assert.Equal(1235.00m, info.Totals["spend"]);
        Assert.Equal(2, info.RowsRead);
        Assert.Equal((new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30)), (rows[0].Start, rows[0].End));
    }

    [Fact]
    public void French_numbers_in_a_semicolon_file_and_english_ones_in_a_comma_file()
    {
        var (fr, _) = Read("fr.csv", "date;campagne;dépenses;chiffre d'affaires;conversions\r\n27/03/2026;T1;1 234,56;12\u202F345,5;12,5 %\r\n"
            + "28/03/2026;T1;1\u00A0000;0,5;3\r\n");
        Assert.Equal(1234.56m, fr[0].Value("spend"));
        Assert.Equal(12345.5m, fr[0].Value("revenue"));
        Assert.Equal(0.125m, fr[0].Value("conversions"));
        Assert.Equal(1000m, fr[1].Value("spend"));
        Assert.Equal(0.5m, fr[1].Value("revenue"));

        var (en, _) = Read("en.csv", "date,campaign,spend,revenue,conversions\r\n2026-03-27,T1,\"1,234.56\",\"12,345.5\",2.81%\r\n2026-03-28,T1,\"€1,200.50\",33245.34 INR,7\r\n");
        Assert.Equal(1234.56m, en[0].Value("spend"));
        Assert.Equal(12345.5m, en[0].Value("revenue"));
        Assert.Equal(0.0281m, en[0].Value("conversions"));
        Assert.Equal(1200.50m, en[1].Value("spend"));
        Assert.Equal(33245.34m, en[1].Value("revenue"));
    }

    [Fact]
    public void Every_date_form_the_tools_write_is_one_day()
    {
        var (rows, _) = Read("dates.csv", "date,campaign,sessions\r\n46108,serial,1\r\n\"Mar 27, 2026\",us,2\r\n27/03/2026,fr,3\r\n20260327,ga4,4\r\n"
            + "2026-03-27,iso,5\r\n2026-03-27T10:00:00Z,iso-time,6\r\n27/03/2026 09:00,fr-time,7\r\n05/03/2026,day-first,8\r\n");
        Assert.All(rows.Take(7), r => Assert.Equal((new DateOnly(2026, 3, 27), new DateOnly(2026, 3, 27)), (r.Start, r.End)));
        // Numeric dates are day first: 05/03 is the 5th of March, not May 3rd.
        Assert.Equal(new DateOnly(2026, 3, 5), rows[7].Start);
    }

    [Fact]
    public void Generic_long_and_wide_files_give_the_same_values()
    {
        var (longRows, _) = Read("long.csv", "date;action;metric;value\r\n01/11/2026;T1 SEA;sessions;1 200\r\n01/11/2026;T1 SEA;conversions;12\r\n"
            + "02/11/2026;Salon;leads;7\r\n");
        var (wideRows, wideInfo) = Read("wide.csv", "start,end,campaign,sessions,conversions,leads\r\n2026-11-01,2026-11-01,T1 SEA,1200,12,\r\n"
            + "2026-11-02,2026-11-02,Salon,,,7\r\n");
        Assert.Equal("generic", wideInfo.Source);
        Assert.Equal(1200m, longRows.Where(r => r.Key == "T1 SEA").Sum("sessions"));
        Assert.Equal(longRows.Sum("sessions"), wideRows.Sum("sessions"));
        Assert.Equal(longRows.Sum("conversions"), wideRows.Sum("conversions"));
        Assert.Equal(longRows.Sum("leads"), wideRows.Sum("leads"));
        Assert.Equal(new DateOnly(2026, 11, 2), wideRows[1].Start);
    }

    [Fact]
    public void Brevo_french_export_reads_deliveries_opens_and_clicks_per_campaign()
    {
        var (rows, info) = Read("brevo.csv", "Nom de la campagne;Date d'envoi;Destinataires;Délivrés;Ouvreurs;Cliqueurs;Taux d'ouverture\r\n"
            + "LS Newsletter Décideurs;05/11/2026 09:00;1 250;1 198;431;57;35,98 %\r\n");
        Assert.Equal("brevo", info.Source);
        var row = Assert.Single(rows);
        Assert.Equal("LS Newsletter Décideurs", row.Key);
        Assert.Equal(new DateOnly(2026, 11, 5), row.Start);
        Assert.Equal(1198m, row.Value("delivered"));
        Assert.Equal(431m, row.Value("unique_opens"));
        Assert.Equal(57m, row.Value("unique_clicks"));
    }

    [Fact]
    public void Ga4_french_preamble_with_a_no_break_space_before_the_colon_gives_the_period()
    {
        var (rows, info) = Read("ga4-fr.csv", "# ----------------------------------------\r\n# Acquisition de trafic\u00A0: Campagne de la session\r\n"
            + "# Date de début\u00A0: 20261101\r\n# Date de fin\u00A0: 20261130\r\n# ----------------------------------------\r\n\r\n"
            + "Campagne de la session,Sessions,Événements clés\r\nt1-sea-produit,1200,34\r\n(direct),800,3\r\n");
        Assert.Equal((new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30)), (info.Start!.Value, info.End!.Value));
        Assert.Equal(2, rows.Count);
        Assert.Equal((new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30)), (rows[0].Start, rows[0].End));
        Assert.Equal(34m, rows[0].Value("conversions"));
    }

    [Fact]
    public void Ga4_exploration_grand_total_first_row_checks_the_rows()
    {
        var (rows, info) = Read("exploration.csv", "# ----------------------------------------\r\n# Exploration libre\r\n# 20261101-20261107\r\n"
            + "# ----------------------------------------\r\nSession campaign,Sessions,Key events\r\n,130,9,Grand total\r\nt1-sea-produit,100,7\r\nsalon,30,2\r\n");
        Assert.Equal(2, rows.Count);
        Assert.Equal(130m, info.Totals["sessions"]);
        Assert.Equal(info.Totals["sessions"], rows.Sum("sessions"));
        Assert.Equal(new DateOnly(2026, 11, 7), rows[0].End);
    }

    [Fact]
    public void Meta_unnamed_account_total_first_row_is_a_check_and_reporting_dates_make_the_period()
    {
        var (rows, info) = Read("meta.csv", "\uFEFFCampaign name,Reporting starts,Reporting ends,Reach,Impressions,Amount spent (EUR),Link clicks\r\n"
            + ",2026-11-01,2026-11-30,5000,12000,350.75,240\r\nLS Retargeting,2026-11-01,2026-11-30,3000,8000,200.25,150\r\n"
            + "LS Prospection,2026-11-01,2026-11-30,2500,4000,150.50,90\r\n");
        Assert.Equal("meta-ads", info.Source);
        Assert.Equal(2, rows.Count);
        Assert.Equal(350.75m, info.Totals["spend"]);
        Assert.Equal(350.75m, rows.Sum("spend"));
        Assert.Equal((new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30)), (rows[0].Start, rows[0].End));
    }

    [Fact]
    public void Ga4_default_channel_group_rows_carry_the_group_for_channel_matching()
    {
        var (rows, _) = Read("channels.csv", "# Start date: 20261101\r\n# End date: 20261107\r\nSession default channel group,Sessions\r\nPaid Search,40\r\nEmail,12\r\n");
        Assert.Equal(["Paid Search", "Email"], rows.Select(r => r.ChannelGroup));
        Assert.Equal("sea", Pilote.Measurements.ActionMatcher.ChannelOf(rows[0].ChannelGroup!));
        Assert.Equal("emailing", Pilote.Measurements.ActionMatcher.ChannelOf(rows[1].ChannelGroup!));
    }

    private const string Ga4FrenchPreamble = "# ----------------------------------------\r\n# Acquisition de trafic\u00A0: Campagne de la session\r\n"
        + "# Date de début\u00A0: 20261101\r\n# Date de fin\u00A0: 20261130\r\n# ----------------------------------------\r\n\r\n";

    private const string Ga4EnglishPreamble = "# ----------------------------------------\r\n# Traffic acquisition: Session campaign\r\n"
        + "# Start date: 20261101\r\n# End date: 20261130\r\n# ----------------------------------------\r\n\r\n";

    [Fact]
    public void Ga4_french_export_reads_a_comma_as_the_decimal_mark_an_english_one_as_thousands()
    {
        const string table = "Campagne de la session,Sessions,Revenus totaux\r\nt1-sea-produit,1200,\"12,345\"\r\nsalon,30,\"1,5\"\r\n";
        var (fr, frInfo) = Read("ga4-fr.csv", Ga4FrenchPreamble + table);
        Assert.Equal("ga4", frInfo.Source);
        Assert.Equal(12.345m, fr[0].Value("revenue"));
        Assert.Equal(1.5m, fr[1].Value("revenue"));

        // The same value under an English preamble, with no other sign, is twelve thousand.
        var (en, _) = Read("ga4-en.csv", Ga4EnglishPreamble + "Session campaign,Sessions,Total revenue\r\nt1-sea-produit,1200,\"12,345\"\r\n");
        Assert.Equal(12345m, en[0].Value("revenue"));
    }

    [Fact]
    public void Ga4_french_export_whose_other_values_use_a_point_reads_a_comma_as_thousands()
    {
        // GA4 in French often writes "14.466666666666667": then points are decimals, and "12,345" groups thousands.
        var (rows, _) = Read("ga4-fr-points.csv", Ga4FrenchPreamble
            + "Campagne de la session,Sessions,Revenus totaux\r\nsalon,30,14.5\r\nt1-sea-produit,1200,\"12,345\"\r\n");
        Assert.Equal(14.5m, rows[0].Value("revenue"));
        Assert.Equal(12345m, rows[1].Value("revenue"));
        // An English file whose comma is followed by two digits is a decimal comma too ("1,5" is no thousands).
        Assert.True(Ga4Reader.DecimalComma(Ga4EnglishPreamble + "Session campaign,Total revenue\r\nx,\"1,50\"\r\n"));
        Assert.False(Ga4Reader.DecimalComma(Ga4FrenchPreamble + "Campagne,Revenus\r\nx,0.65\r\n"));
    }
}
