using System.Text;
using Microsoft.EntityFrameworkCore;
using Pilote.Common;
using Pilote.Data;
using Pilote.Kpis;
using Pilote.Plans;

namespace Pilote.Actions;

/// <summary>An action's tracked link and, for offline and point-of-sale actions, its promo code.</summary>
public sealed record TrackedLink(
    int Action, string Title, string Channel, string Source, string Medium, string Campaign, string Content,
    string Url, string? PromoCode, bool CampaignCreated, bool PromoCodeCreated);

/// <summary>
/// <c>pilote utm</c>: gives every action of a plan a UTM campaign (and offline actions a promo code), stored as
/// tracking codes so that the exports carrying them match by themselves. Running it again keeps every code already
/// there: links already printed on flyers or in ads must keep working.
/// </summary>
public sealed class TrackedLinkService(PiloteDb db)
{
    private const int MaxCampaign = 50;
    private const int MaxPromo = 12;

    public async Task<List<TrackedLink>> GenerateAsync(int planId, string? baseUrl, CancellationToken ct = default)
    {
        var url = BaseUrl(baseUrl);
        var plan = await PlanLoader.LoadAsync(db, planId, tracking: true, ct);
        var taken = Taken(plan.Actions.Select(a => a.Title), plan.Actions.SelectMany(a => a.TrackingCodes).Select(c => c.Normalized));
        var links = new List<TrackedLink>();
        foreach (var action in plan.Actions)
        {
            var channel = action.Channel!;
            var codes = Ensure(plan.Name, action, channel, taken);
            var (source, medium) = SourceMedium(channel, action.Title);
            var content = $"a{action.Id}";
            var query = $"utm_source={Uri.EscapeDataString(source)}&utm_medium={Uri.EscapeDataString(medium)}"
                + $"&utm_campaign={Uri.EscapeDataString(codes.Campaign)}&utm_content={content}";
            var link = url is null ? "?" + query : url + (url.Contains('?') ? "&" : "?") + query;
            links.Add(new TrackedLink(action.Id, action.Title, channel.Key, source, medium, codes.Campaign, content, link, codes.Promo,
                codes.CampaignCreated, codes.PromoCreated));
        }
        await db.SaveChangesAsync(ct);
        return links;
    }

    /// <summary>
    /// What a new code must not collide with, in the form matching compares ("t1-sea" and "t1_sea" are one code): every
    /// code of the plan and every action title, since matching also knows titles and a key that fits two actions
    /// matches neither.
    /// </summary>
    public static HashSet<string> Taken(IEnumerable<string> titles, IEnumerable<string> normalizedCodes)
    {
        var taken = new HashSet<string>(normalizedCodes);
        foreach (var title in titles)
            taken.Add(TrackingCodes.Normalize(title));
        return taken;
    }

    /// <summary>
    /// Gives the action a UTM campaign, and an offline or point-of-sale one a promo code, unless it has them already:
    /// codes already printed on flyers or in ads are kept. New codes are reserved in <paramref name="taken"/>.
    /// </summary>
    public static (string Campaign, string? Promo, bool CampaignCreated, bool PromoCreated) Ensure(
        string planName, PlanAction action, Channel channel, HashSet<string> taken)
    {
        var campaign = action.TrackingCodes.Where(c => c.Kind == TrackingKind.UtmCampaign).OrderBy(c => c.Id).FirstOrDefault()?.Value;
        var campaignCreated = campaign is null;
        if (campaign is null)
        {
            campaign = Unique(Join(Slug(planName, 20), Slug(action.Title, MaxCampaign)), taken, "-");
            action.TrackingCodes.Add(new TrackingCode { Kind = TrackingKind.UtmCampaign, Value = campaign, Normalized = TrackingCodes.Normalize(campaign) });
        }
        if (channel.Family is not (ChannelFamily.Offline or ChannelFamily.PointOfSale))
            return (campaign, null, campaignCreated, false);
        var promo = action.TrackingCodes.Where(c => c.Kind == TrackingKind.PromoCode).OrderBy(c => c.Id).FirstOrDefault()?.Value;
        if (promo is not null)
            return (campaign, promo, campaignCreated, false);
        promo = Unique(PromoBase(planName, action.Title), taken, "");
        action.TrackingCodes.Add(new TrackingCode { Kind = TrackingKind.PromoCode, Value = promo, Normalized = TrackingCodes.Normalize(promo) });
        return (campaign, promo, campaignCreated, true);
    }

    /// <summary>
    /// Where a link's visit will be said to come from, in the words GA4's default channel groups expect, so that the
    /// visit also lands in the right group: cpc → Paid Search, email → Email, social → Organic Social.
    /// </summary>
    public static (string Source, string Medium) SourceMedium(Channel channel, string title)
    {
        var (source, medium) = ChannelSourceMedium(channel);
        // The platform the title names wins over the channel's usual one: "LinkedIn Ads …" is not Facebook.
        if (medium is "cpc" or "social" or "paid_social" or "influencer"
            && Slug(title, 200).Split('-').FirstOrDefault(Platforms.Contains) is { } platform)
            source = platform;
        return (source, medium);
    }

    private static readonly HashSet<string> Platforms =
        ["google", "bing", "linkedin", "facebook", "instagram", "tiktok", "youtube", "pinterest", "twitter", "snapchat", "meta"];

    private static (string Source, string Medium) ChannelSourceMedium(Channel channel) => channel.Key switch
    {
        "seo" => ("google", "organic"),
        "sea" => ("google", "cpc"),
        "emailing" => ("newsletter", "email"),
        "social" => ("linkedin", "social"),
        "social_ads" => ("facebook", "paid_social"),
        "influence" => ("instagram", "influencer"),
        "crm" => ("crm", "email"),
        "content" => ("blog", "referral"),
        "display" => ("display", "display"),
        "ab_testing" => ("site", "referral"),
        "events" => ("event", "offline"),
        "pos" => ("store", "offline"),
        "messaging" => ("whatsapp", "messaging"),
        "direct_sales" => ("outreach", "email"),
        _ => (Slug(channel.Key, 30), channel.Family switch
        {
            ChannelFamily.Offline or ChannelFamily.PointOfSale => "offline",
            ChannelFamily.Messaging => "messaging",
            _ => "referral",
        }),
    };

    /// <summary>Lower case ASCII letters and digits joined by single dashes: "SEA – Café été" → "sea-cafe-ete".</summary>
    public static string Slug(string text, int max)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c))
                sb.Append(char.ToLowerInvariant(c));
            else if (char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark && sb.Length > 0 && sb[^1] != '-')
                sb.Append('-');
        }
        var slug = sb.ToString().Trim('-');
        return Cut(slug, max);
    }

    // Cut at a word boundary: "…-comportement-digital" rather than "…-comportement-digital-des-fe".
    private static string Cut(string slug, int max)
    {
        if (slug.Length <= max)
            return slug;
        var dash = slug.LastIndexOf('-', max);
        return (dash > max / 2 ? slug[..dash] : slug[..max]).TrimEnd('-');
    }

    private static string Join(string planSlug, string titleSlug)
    {
        var joined = planSlug.Length == 0 ? titleSlug : titleSlug.Length == 0 ? planSlug : $"{planSlug}-{titleSlug}";
        joined = joined.Length == 0 ? "action" : joined;
        return Cut(joined, MaxCampaign);
    }

    // Promo codes are typed by people at a till: upper case letters and digits, short, no ambiguous separators.
    private static string PromoBase(string planName, string title)
    {
        var plan = Slug(planName, 40).Replace("-", "").ToUpperInvariant();
        var words = Slug(title, 60).Split('-', StringSplitOptions.RemoveEmptyEntries);
        var body = string.Concat(words.Select(w => w.Length > 4 ? w[..4] : w)).ToUpperInvariant();
        var code = (plan.Length > 4 ? plan[..4] : plan) + body;
        code = code.Length > MaxPromo ? code[..MaxPromo] : code;
        return code.Length == 0 ? "PROMO" : code;
    }

    /// <summary>The code, or the code with the first free suffix (-2, -3… or 2, 3…), reserving it in <paramref name="taken"/>.</summary>
    private static string Unique(string code, HashSet<string> taken, string separator)
    {
        var candidate = code;
        for (var i = 2; !taken.Add(TrackingCodes.Normalize(candidate)); i++)
            candidate = code + separator + i;
        return candidate;
    }

    private static string? BaseUrl(string? baseUrl)
    {
        if (baseUrl is null)
            return null;
        if (!Uri.TryCreate(baseUrl.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new PiloteInputException($"--base-url : « {baseUrl} » n'est pas une adresse http(s) (https://www.example.com/offre)",
                $"--base-url: '{baseUrl}' is not an http(s) address (https://www.example.com/offre)");
        if (uri.Query.Contains("utm_", StringComparison.OrdinalIgnoreCase))
            throw new PiloteInputException($"--base-url : « {baseUrl} » porte déjà des paramètres utm_ ; donnez l'adresse de la page seule",
                $"--base-url: '{baseUrl}' already carries utm_ parameters; give the page address alone");
        return baseUrl.Trim();
    }
}
