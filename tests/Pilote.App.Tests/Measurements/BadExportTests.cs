using System.Text;
using Pilote.Testing;

namespace Pilote.App.Tests.Measurements;

/// <summary>
/// A broken export: one line naming file, row, column and value, exit 2, and nothing of the file stored (no
/// measurement, no pending row, no batch), on both databases.
/// </summary>
public sealed class BadExportTests
{
    private const string Header = "# Start date: 20261101\r\n# End date: 20261107\r\nDate,Session campaign,Sessions,Key events\r\n";
    private const string Good = "20261102,t1-sea-produit,120,4\r\n20261103,salon,80,6\r\n";

    /// <summary>Name, bytes, and what the one error line must hold.</summary>
    public static IEnumerable<object[]> Cases()
    {
        var cases = new (string Name, byte[] Bytes, string[] French, string[] English)[]
        {
            ("truncated.csv", Utf8(Header + Good + "20261104,\"t1-sea-prod"),
                ["ligne 6", "colonne « Session campaign »", "« \"t1-sea-prod »", "ne se ferme jamais"],
                ["row 6", "column 'Session campaign'", "'\"t1-sea-prod'", "never closes"]),
            // UTF-8 up to row 6, Latin-1 after: neither reading gives back every name (a file all in Windows-1252,
            // as Excel saves it, is read as such: ExcelResavedImportTests).
            ("latin1.csv", [.. Utf8(Header + Good + "20261103,salon-été,1,0\r\n"), .. Encoding.Latin1.GetBytes("20261104,Salon Équip'Hôtel,5,1\r\n")],
                ["ligne 7", "colonne « Session campaign »", "« Salon Équip'Hôtel »", "n'est pas en UTF-8"],
                ["row 7", "column 'Session campaign'", "'Salon Équip'Hôtel'", "not UTF-8"]),
            ("bad-date.csv", Utf8(Header + Good + "2026-13-45,salon,5,1\r\n"),
                ["ligne 6", "colonne « Date »", "« 2026-13-45 »", "n'est pas une date"],
                ["row 6", "column 'Date'", "'2026-13-45'", "is not a date"]),
            ("negative.csv", Utf8(Header + Good + "20261104,salon,-5,1\r\n"),
                ["ligne 6", "colonne « Sessions »", "« -5 »", "ne peut pas être négatif"],
                ["row 6", "column 'Sessions'", "'-5'", "cannot be negative"]),
            ("bad-number.csv", Utf8("Campaign report\r\n\"November 1, 2026 - November 7, 2026\"\r\nCampaign,Clicks,Impr.,Currency code\r\n"
                + "T1 SEA,12,\"1,200\",EUR\r\nT1 Marque,douze,5,EUR\r\n"),
                ["ligne 5", "colonne « Clicks »", "« douze »", "n'est pas un nombre"],
                ["row 5", "column 'Clicks'", "'douze'", "is not a number"]),
            // A download cut short: the last line stops mid-row and no line break ends the file. Read as it is, its row
            // went in with a value missing (or, without its date, asked for --start and --end, which then imported it).
            ("cut-short.csv", Utf8(Header + Good + "20261104,salon,5"),
                ["ligne 6", "colonne « Sessions »", "3 sur 4 colonnes", "tronqué"],
                ["row 6", "column 'Sessions'", "3 of 4 columns", "cut short"]),
            // Google Ads' UTF-16 report cut before its numbers: it said « no data » and exited 0.
            ("cut-short-utf16.csv", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(
                "Campaign report\r\n1 November 2026 - 7 November 2026\r\nCampaign status\tCampaign\tCurrency code\tClicks\tImpr.\tCost\r\n"
                + "Enabled\tt1-sea-produit\tEUR\t12\t340\t20.50\r\nEnabled\tsalon\tEU")],
                ["ligne 5", "colonne « Currency code »", "3 sur 6 colonnes", "tronqué"],
                ["row 5", "column 'Currency code'", "3 of 6 columns", "cut short"]),
            // A program or an image renamed .csv: read as Windows-1252, its first « line » became a column name of
            // thousands of junk characters quoted in full in the one-line error.
            ("program.csv", [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, .. Enumerable.Range(0, 3000).Select(i => (byte)(i * 7 % 251))],
                ["fichier binaire", "pas du texte", "attendu un fichier CSV ou un classeur .xlsx"],
                ["binary file", "not text", "expected a CSV file or an .xlsx workbook"]),
            ("image.csv", [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, (byte)'I', (byte)'H', (byte)'D', (byte)'R',
                .. Enumerable.Range(0, 500).Select(i => (byte)(0x80 + i % 120))],
                ["fichier binaire"], ["binary file"]),
            // A quoted cell is cut to a readable length.
            ("long-latin1.csv", [.. Utf8(Header + Good + "20261103,salon-été,1,0\r\n"), .. Encoding.Latin1.GetBytes($"20261104,{string.Concat(Enumerable.Repeat("Salon Équip'Hôtel ", 40))},5,1\r\n")],
                ["ligne 7", "« Salon Équip'Hôtel Salon Équip'Hôtel", "… » n'est pas en UTF-8"],
                ["row 7", "'Salon Équip'Hôtel Salon Équip'Hôtel", "…' is not UTF-8"]),
        };
        foreach (var provider in CliRun.ProviderNames)
            foreach (var c in cases)
                yield return [provider, c.Name, c.Bytes, c.French, c.English];
    }

    private static byte[] Utf8(string text) => new UTF8Encoding(false).GetBytes(text);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_broken_file_is_refused_with_file_row_column_and_value_and_stores_nothing(string provider, string name, byte[] bytes,
        string[] french, string[] english)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await CliRun.OkAsync(db, "plan", "new", "--name", "T1", "--start", "2026-10-01", "--end", "2026-12-31");
        await CliRun.OkAsync(db, "action", "add", "T1", "--title", "SEA produit", "--channel", "sea", "--kpi", "conversions",
            "--target", "100", "--utm", "t1-sea-produit");
        var folder = Directory.CreateTempSubdirectory("pilote-bad-").FullName;
        var path = Path.Combine(folder, name);
        await File.WriteAllBytesAsync(path, bytes);

        // In the reader's language: French by default, English when asked.
        foreach (var (lang, expected) in new[] { ("fr", french), ("en", english) })
        {
            var r = await CliRun.RunAsync(db, "measures", "import", path, "--plan", "T1", "--start", "2026-11-01", "--end", "2026-11-07", "--lang", lang);
            Assert.Equal(2, r.Exit);
            var line = Assert.Single(r.ErrLines);
            Assert.Contains(name, line);
            Assert.True(line.Length < 250, line);
            foreach (var part in expected)
                Assert.Contains(part, line);
        }
        Assert.Equal(0, (await CliRun.CountsAsync(db)).Measurements);
        Assert.Equal(0, (await CliRun.JsonAsync(db, "measures", "batches")).GetArrayLength());
        Assert.Equal(0, (await CliRun.JsonAsync(db, "measures", "unmatched")).GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_broken_file_after_a_good_one_in_the_same_command_stores_neither(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await CliRun.OkAsync(db, "plan", "new", "--name", "T1", "--start", "2026-10-01", "--end", "2026-12-31");
        await CliRun.OkAsync(db, "action", "add", "T1", "--title", "SEA produit", "--channel", "sea", "--kpi", "conversions",
            "--target", "100", "--utm", "t1-sea-produit");
        var folder = Directory.CreateTempSubdirectory("pilote-bad-").FullName;
        var good = Path.Combine(folder, "good.csv");
        await File.WriteAllBytesAsync(good, Utf8(Header + Good));
        var bad = Path.Combine(folder, "bad-date.csv");
        await File.WriteAllBytesAsync(bad, Utf8(Header + "20261104,salon,5,1\r\n2026-13-45,salon,5,1\r\n"));

        var r = await CliRun.RunAsync(db, "measures", "import", good, bad, "--plan", "T1");
        Assert.Equal(2, r.Exit);
        Assert.Contains("bad-date.csv", Assert.Single(r.ErrLines));
        // The error names only the second file: the first one, read and matched before it, must not be left stored.
        Assert.Equal(0, (await CliRun.CountsAsync(db)).Measurements);
        Assert.Equal(0, (await CliRun.JsonAsync(db, "measures", "batches")).GetArrayLength());
        Assert.Equal(0, (await CliRun.JsonAsync(db, "measures", "unmatched")).GetArrayLength());

        // Both good, both stored, a batch each.
        var both = await CliRun.JsonAsync(db, "measures", "import", good, Path.Combine(folder, "good.csv"), "--plan", "T1");
        Assert.Equal(2, both.GetArrayLength());
        Assert.Equal(1, (await CliRun.JsonAsync(db, "measures", "batches")).GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Ga4_channel_group_rows_go_to_the_plans_only_action_on_that_channel(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await CliRun.OkAsync(db, "plan", "new", "--name", "T1", "--start", "2026-10-01", "--end", "2026-12-31");
        await CliRun.OkAsync(db, "action", "add", "T1", "--title", "SEA produit", "--channel", "sea", "--kpi", "trafic", "--target", "1000");
        await CliRun.OkAsync(db, "action", "add", "T1", "--title", "Newsletter", "--channel", "emailing", "--kpi", "trafic", "--target", "500");
        await CliRun.OkAsync(db, "action", "add", "T1", "--title", "Relance", "--channel", "emailing", "--kpi", "trafic", "--target", "500");
        var folder = Directory.CreateTempSubdirectory("pilote-channels-").FullName;
        var path = Path.Combine(folder, "channels.csv");
        await File.WriteAllTextAsync(path, "# ----------------------------------------\r\n# Acquisition de trafic\r\n# Date de début\u00A0: 20261101\r\n"
            + "# Date de fin\u00A0: 20261107\r\n# ----------------------------------------\r\n\r\nGroupe de canaux principal de la session (Groupe de canaux par défaut),Sessions\r\n"
            + "Recherche payante,420\r\nEmail,130\r\nDirect,77\r\n");

        var r = await CliRun.JsonAsync(db, "measures", "import", path, "--plan", "T1");
        // Paid search: one SEA action. Email: two emailing actions, so it is listed rather than guessed; Direct: no channel.
        Assert.Equal(1m, r.Num("matched"));
        Assert.Equal(2m, r.Num("unmatched"));
        var plan = await CliRun.JsonAsync(db, "plan", "show", "T1");
        Assert.Equal(420m, plan.Items("actions")[0].Items("kpis")[0].Num("actual"));
        var pending = await CliRun.JsonAsync(db, "measures", "unmatched");
        Assert.Equal(["Email", "Direct"], pending.EnumerateArray().Select(p => p.Str("channelGroup")));
    }
}
