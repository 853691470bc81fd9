using System.Globalization;
using System.Text;

namespace Pilote.Benchmarks;

/// <summary>
/// A GA4-shaped report download: the <c>#</c> preamble, then date, session campaign, session source / medium, sessions,
/// key events and total revenue; one campaign in ten has a comma in its name and is quoted. Deterministic (seed 42).
/// </summary>
public static class Ga4File
{
    public const int Campaigns = 300;
    /// <summary>Campaigns no action carries (direct traffic, old links): they end up unmatched, as in real files.</summary>
    public const int Strangers = 10;

    public static string CampaignName(int k) => k % 10 == 3 ? $"Promo, hiver {k}" : $"bench-campagne-{k}";

    public static void Write(string path, int rows)
    {
        var random = new Random(42);
        var first = new DateOnly(2026, 1, 1);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        writer.Write("# ----------------------------------------\r\n# Acquisition de trafic\r\n# Start date: 20260101\r\n# End date: 20261231\r\n"
            + "# ----------------------------------------\r\n\r\nDate,Session campaign,Session source / medium,Sessions,Key events,Total revenue\r\n");
        var names = Enumerable.Range(0, Campaigns + Strangers)
            .Select(k => k < Campaigns ? CampaignName(k) : $"(other-{k})")
            .Select(n => n.Contains(',') ? $"\"{n}\"" : n).ToArray();
        var sources = new[] { "google / cpc", "newsletter / email", "linkedin / social", "facebook / paid_social" };
        var line = new StringBuilder(128);
        for (var i = 0; i < rows; i++)
        {
            var day = first.AddDays(i % 365);
            line.Clear()
                .Append(day.ToString("yyyyMMdd", CultureInfo.InvariantCulture)).Append(',')
                .Append(names[random.Next(names.Length)]).Append(',')
                .Append(sources[random.Next(sources.Length)]).Append(',')
                .Append(random.Next(1, 5000)).Append(',')
                .Append(random.Next(0, 40)).Append(',')
                .Append((random.Next(0, 1_000_000) / 100m).ToString(CultureInfo.InvariantCulture)).Append("\r\n");
            writer.Write(line);
        }
    }
}
