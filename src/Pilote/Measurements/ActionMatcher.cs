using Pilote.Actions;

namespace Pilote.Measurements;

/// <summary>
/// Ties an export row to an action: by the action's tracking codes (UTM campaign, campaign names, aliases, promo codes,
/// URLs; compared in <see cref="TrackingCodes.Normalize(string)"/> form), else by its title, else, for a GA4 default channel group, by the plan's only action
/// on that channel. A key that fits several actions matches none: it is listed, never guessed.
/// </summary>
public sealed class ActionMatcher
{
    private readonly Dictionary<string, HashSet<int>> _codes = [];
    private readonly Dictionary<string, List<int>> _byChannel = [];

    public ActionMatcher(IEnumerable<PlanAction> actions)
    {
        foreach (var a in actions)
        {
            foreach (var code in a.TrackingCodes)
                Add(code.Value, a.Id);
            Add(a.Title, a.Id);
            if (a.Channel is { } channel)
            {
                if (!_byChannel.TryGetValue(channel.Key, out var list))
                    _byChannel[channel.Key] = list = [];
                list.Add(a.Id);
            }
        }
    }

    private void Add(string value, int actionId)
    {
        var key = TrackingCodes.Normalize(value);
        if (key.Length == 0)
            return;
        if (!_codes.TryGetValue(key, out var set))
            _codes[key] = set = [];
        set.Add(actionId);
    }

    public int? Match(string? key, string? channelGroup)
    {
        if (key is not null && _codes.TryGetValue(TrackingCodes.Normalize(key), out var ids) && ids.Count == 1)
            return ids.First();
        if (channelGroup is not null && ChannelOf(channelGroup) is { } channel
            && _byChannel.TryGetValue(channel, out var onChannel) && onChannel.Count == 1)
            return onChannel[0];
        return null;
    }

    /// <summary>GA4's default channel groups (English and French) to the catalog's channel keys.</summary>
    public static string? ChannelOf(string group) => group.Trim().ToLowerInvariant() switch
    {
        "organic search" or "recherche naturelle" => "seo",
        "paid search" or "recherche payante" => "sea",
        "email" or "e-mail" => "emailing",
        "organic social" or "réseaux sociaux naturels" => "social",
        "paid social" or "réseaux sociaux payants" => "social_ads",
        "display" => "display",
        _ => null,
    };
}
