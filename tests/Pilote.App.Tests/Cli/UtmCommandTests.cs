using System.Text;
using System.Text.RegularExpressions;
using System.Web;
using Microsoft.EntityFrameworkCore;
using Pilote.Testing;

namespace Pilote.App.Tests.Cli;

/// <summary>`pilote utm`: tracked links and promo codes, stored as codes that the next imports match by.</summary>
public sealed partial class UtmCommandTests
{
    private static async Task<TestDatabase> PlanAsync(string provider)
    {
        var db = await TestDatabase.CreateAsync(provider);
        await CliRun.OkAsync(db, "plan", "new", "--name", "Lancement Café", "--start", "2026-10-01", "--end", "2026-12-31");
        var actions = new[]
        {
            ("SEA produit", "sea", "conversions"), ("SEA produit", "sea", "conversions"), ("Newsletter Décideurs", "emailing", "conversions"),
            ("Posts LinkedIn", "social", "conversions"), ("Salon Équip'Hôtel", "events", "leads"), ("Vitrine magasin", "pos", "codes_promo"),
            ("Annonces Meta (retargeting)", "social_ads", "conversions"),
        };
        foreach (var (title, channel, kpi) in actions)
            await CliRun.OkAsync(db, "action", "add", "Lancement Café", "--title", title, "--channel", channel, "--kpi", kpi, "--target", "100");
        return db;
    }

    private static string Write(string name, string text, Encoding? encoding = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "pilote-utm", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text, encoding ?? new UTF8Encoding(false));
        return path;
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Every_action_gets_a_slugged_unique_link_and_offline_ones_a_promo_code(string provider)
    {
        await using var db = await PlanAsync(provider);
        // A code already given by hand is kept, not replaced.
        await CliRun.OkAsync(db, "action", "set", "Posts LinkedIn", "--plan", "Lancement Café", "--utm", "lc-linkedin-automne");

        var r = await CliRun.JsonAsync(db, "utm", "Lancement Café", "--base-url", "https://www.example.com/offre?ref=menu");
        var links = r.Items("links");
        Assert.Equal(7, links.Count);
        var campaigns = links.Select(l => l.Str("campaign")!).ToList();
        Assert.All(campaigns, c => Assert.Matches(SlugPattern(), c));
        Assert.Equal(campaigns.Count, campaigns.Select(Pilote.Actions.TrackingCodes.Normalize).Distinct().Count());
        Assert.Equal("lancement-cafe-sea-produit", campaigns[0]);
        Assert.Equal("lancement-cafe-sea-produit-2", campaigns[1]);
        Assert.Equal("lancement-cafe-newsletter-decideurs", campaigns[2]);
        Assert.Equal("lc-linkedin-automne", campaigns[3]);
        Assert.False(links[3].GetProperty("campaignCreated").GetBoolean());

        Assert.Equal(("google", "cpc"), (links[0].Str("source"), links[0].Str("medium")));
        Assert.Equal(("newsletter", "email"), (links[2].Str("source"), links[2].Str("medium")));
        Assert.Equal(("linkedin", "social"), (links[3].Str("source"), links[3].Str("medium")));
        // The platform the title names is the source: a Meta campaign is not sent as Facebook's default.
        Assert.Equal(("meta", "paid_social"), (links[6].Str("source"), links[6].Str("medium")));

        // The link keeps the page's own query and carries the four parameters, in lower case.
        var url = new Uri(links[2].Str("url")!);
        Assert.Equal("www.example.com", url.Host);
        var query = HttpUtility.ParseQueryString(url.Query);
        Assert.Equal("menu", query["ref"]);
        Assert.Equal("newsletter", query["utm_source"]);
        Assert.Equal("email", query["utm_medium"]);
        Assert.Equal("lancement-cafe-newsletter-decideurs", query["utm_campaign"]);
        Assert.Equal(query["utm_content"], query["utm_content"]!.ToLowerInvariant());
        Assert.Equal(links.Count, links.Select(l => l.Str("content")).Distinct().Count());

        // Promo codes only for the trade show (offline) and the shop window (point of sale): upper case, typed at a till.
        var promos = links.Where(l => !l.IsNull("promoCode")).Select(l => (l.Str("title"), l.Str("promoCode")!)).ToList();
        Assert.Equal(["Salon Équip'Hôtel", "Vitrine magasin"], promos.Select(p => p.Item1));
        Assert.All(promos, p => Assert.Matches("^[A-Z0-9]{4,12}$", p.Item2));
        Assert.NotEqual(promos[0].Item2, promos[1].Item2);

        // Again: the same codes, nothing added.
        int codes;
        await using (var ctx = db.Open())
            codes = await ctx.TrackingCodes.CountAsync();
        Assert.Equal(9, codes);
        var again = await CliRun.JsonAsync(db, "utm", "Lancement Café", "--base-url", "https://www.example.com/offre?ref=menu");
        Assert.Equal(campaigns, again.Items("links").Select(l => l.Str("campaign")!));
        Assert.Equal(promos.Select(p => p.Item2), again.Items("links").Where(l => !l.IsNull("promoCode")).Select(l => l.Str("promoCode")!));
        Assert.All(again.Items("links"), l => Assert.False(l.GetProperty("campaignCreated").GetBoolean() || l.GetProperty("promoCodeCreated").GetBoolean()));
        await using (var ctx = db.Open())
            Assert.Equal(codes, await ctx.TrackingCodes.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Round_trip_generated_links_then_exports_using_them_match_every_row(string provider)
    {
        await using var db = await PlanAsync(provider);
        var links = (await CliRun.JsonAsync(db, "utm", "Lancement Café", "--base-url", "https://www.example.com/")).Items("links");

        // A GA4 report as the property would download it after the links were clicked: campaign and source / medium
        // from the link's parameters, one campaign quoted, one upper-cased as some ad tools rewrite it.
        var ga4 = new StringBuilder("# ----------------------------------------\r\n# Acquisition du trafic\r\n# Start date: 20261101\r\n# End date: 20261107\r\n"
            + "# ----------------------------------------\r\nDate,Session campaign,Session source / medium,Sessions,Key events,Total revenue\r\n");
        for (var i = 0; i < links.Count; i++)
        {
            var l = links[i];
            var campaign = i == 1 ? $"\"{l.Str("campaign")}\"" : i == 2 ? l.Str("campaign")!.ToUpperInvariant() : l.Str("campaign")!;
            for (var day = 2; day <= 3; day++)
            {
                ga4.Append($"2026110{day},{campaign},{l.Str("source")} / {l.Str("medium")},{10 * (i + 1)},{i + day},{i * 1.5m:0.0#}\r\n");
            }
        }
        var r = await CliRun.JsonAsync(db, "measures", "import", Write("ga4-acquisition.csv", ga4.ToString()), "--plan", "Lancement Café");
        Assert.Equal(14m, r.Num("rows"));
        Assert.Equal(14m, r.Num("matched"));
        Assert.Equal(0m, r.Num("unmatched"));

        // The shop's till export: promo codes redeemed per day, in a generic long file.
        var pos = links.Where(l => !l.IsNull("promoCode")).ToList();
        var till = new StringBuilder("date;code;metric;value\r\n");
        foreach (var l in pos)
            till.Append($"05/11/2026;{l.Str("promoCode")!.ToLowerInvariant()};redemptions;4\r\n06/11/2026;{l.Str("promoCode")};redemptions;3\r\n");
        var t = await CliRun.JsonAsync(db, "measures", "import", Write("caisse.csv", till.ToString()), "--plan", "Lancement Café");
        Assert.Equal(4m, t.Num("matched"));
        Assert.Equal(0m, t.Num("unmatched"));

        var plan = await CliRun.JsonAsync(db, "plan", "show", "Lancement Café");
        var actions = plan.Items("actions");
        // SEA produit #1: key events 2 + 3; the newsletter (upper-cased campaign in the file): 4 + 5.
        Assert.Equal(5m, actions[0].Items("kpis")[0].Num("actual"));
        Assert.Equal(9m, actions[2].Items("kpis")[0].Num("actual"));
        Assert.Equal(7m, actions[5].Items("kpis")[0].Num("actual"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_base_url_that_is_not_a_web_address_is_refused_and_nothing_is_stored(string provider)
    {
        await using var db = await PlanAsync(provider);
        var r = await CliRun.RunAsync(db, "utm", "Lancement Café", "--base-url", "www.example.com/offre");
        Assert.Equal(2, r.Exit);
        Assert.Equal("pilote: --base-url : « www.example.com/offre » n'est pas une adresse http(s) (https://www.example.com/offre)", Assert.Single(r.ErrLines));
        var en = await CliRun.RunAsync(db, "utm", "Lancement Café", "--base-url", "www.example.com/offre", "--lang", "en");
        Assert.Equal(2, en.Exit);
        Assert.Equal("pilote: --base-url: 'www.example.com/offre' is not an http(s) address (https://www.example.com/offre)", Assert.Single(en.ErrLines));
        await using var ctx = db.Open();
        Assert.Equal(0, await ctx.TrackingCodes.CountAsync());
    }
}
