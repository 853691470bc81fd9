using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Pilote.Common;
using Pilote.Data;
using Pilote.Targets;

namespace Pilote.Kpis;

/// <summary>Edits a workspace's catalog: its own metrics, KPIs and channels beside the seeded ones.</summary>
public sealed partial class CatalogService(PiloteDb db)
{
    [GeneratedRegex("^[a-z][a-z0-9_]{0,63}$")]
    private static partial Regex KeyPattern();

    public async Task<MetricDefinition> AddMetricAsync(int workspaceId, string key, string name, string aggregation, string? weight, string unit, CancellationToken ct = default)
    {
        key = CheckKey(key);
        if (await db.MetricDefinitions.AnyAsync(m => m.WorkspaceId == workspaceId && m.Key == key, ct))
            throw new PiloteInputException($"--key : la métrique « {key} » existe déjà", $"--key: the metric '{key}' already exists");
        var agg = ParseAggregation(aggregation);
        if (agg == Aggregation.Weighted)
        {
            if (string.IsNullOrWhiteSpace(weight))
                throw new PiloteInputException("--weight : une métrique pondérée a besoin de la métrique qui la pondère (par exemple impressions)",
                    "--weight: a weighted metric needs the metric it is weighted by (e.g. impressions)");
            weight = (await CatalogLookup.MetricAsync(db, workspaceId, weight, "--weight", ct)).Key;
        }
        var metric = new MetricDefinition
        {
            WorkspaceId = workspaceId, Key = key, Name = Required(name, "--name"), Aggregation = agg,
            WeightMetric = agg == Aggregation.Weighted ? weight : null, Unit = ParseUnit(unit),
        };
        db.MetricDefinitions.Add(metric);
        await db.SaveChangesAsync(ct);
        return metric;
    }

    public async Task<KpiDefinition> AddKpiAsync(int workspaceId, string key, string name, string expression, string unit, string direction, string? kind, CancellationToken ct = default)
    {
        key = CheckKey(key);
        if (await db.KpiDefinitions.AnyAsync(k => k.WorkspaceId == workspaceId && k.Key == key, ct))
            throw new PiloteInputException($"--key : le KPI « {key} » existe déjà", $"--key: the KPI '{key}' already exists");
        KpiExpression parsed;
        try
        {
            parsed = KpiExpression.Parse(expression);
        }
        catch (KpiExpressionException ex)
        {
            throw new PiloteInputException($"--expression : {ex.French ?? ex.Message}", $"--expression: {ex.Message}");
        }
        var known = await db.MetricDefinitions.Where(m => m.WorkspaceId == workspaceId).Select(m => m.Key).ToListAsync(ct);
        var unknown = parsed.Metrics.Where(m => !known.Contains(m)).ToList();
        if (unknown.Count > 0)
            throw new PiloteInputException($"--expression : métrique inconnue « {unknown[0]} » dans « {expression} » (connues : {string.Join(", ", known)})",
                $"--expression: unknown metric '{unknown[0]}' in \"{expression}\" (known: {string.Join(", ", known)})");
        var kpi = new KpiDefinition
        {
            WorkspaceId = workspaceId, Key = key, Name = Required(name, "--name"), Expression = parsed.Text,
            Unit = ParseUnit(unit), Direction = ParseDirection(direction),
            // A single summed metric is a count reached by a deadline; anything else is a rate held over a window.
            DefaultKind = kind is null
                ? parsed.Metrics.Count == 1 && string.Equals(parsed.Text.Trim(), parsed.Metrics[0], StringComparison.OrdinalIgnoreCase) ? TargetKind.Cumulative : TargetKind.Rate
                : ParseKind(kind),
        };
        db.KpiDefinitions.Add(kpi);
        await db.SaveChangesAsync(ct);
        return kpi;
    }

    public async Task<Channel> AddChannelAsync(int workspaceId, string key, string name, string? family, string? aim, IReadOnlyList<string> kpis, CancellationToken ct = default)
    {
        key = CheckKey(key);
        if (await db.Channels.AnyAsync(c => c.WorkspaceId == workspaceId && c.Key == key, ct))
            throw new PiloteInputException($"--key : le canal « {key} » existe déjà", $"--key: the channel '{key}' already exists");
        var position = await db.Channels.Where(c => c.WorkspaceId == workspaceId).Select(c => (int?)c.Position).MaxAsync(ct) ?? -1;
        var channel = new Channel
        {
            WorkspaceId = workspaceId, Key = key, Name = Required(name, "--name"), Aim = aim, Position = position + 1,
            Family = Fold(family ?? "digital") switch
            {
                "digital" => ChannelFamily.Digital,
                "offline" or "horsligne" => ChannelFamily.Offline,
                "pos" or "pointofsale" or "pointdevente" => ChannelFamily.PointOfSale,
                "messaging" or "messagerie" => ChannelFamily.Messaging,
                _ => throw new PiloteInputException($"--family : « {family} » n'est pas une famille de canaux (digital, offline, pos, messaging)",
                    $"--family: '{family}' is not a channel family (digital, offline, pos, messaging)"),
            },
        };
        var index = 0;
        foreach (var k in kpis)
            channel.Kpis.Add(new ChannelKpi { KpiId = (await CatalogLookup.KpiAsync(db, workspaceId, k, "--kpis", ct)).Id, Position = index++ });
        db.Channels.Add(channel);
        await db.SaveChangesAsync(ct);
        return channel;
    }

    private static string CheckKey(string key)
    {
        var k = key.Trim().ToLowerInvariant();
        return KeyPattern().IsMatch(k)
            ? k
            : throw new PiloteInputException($"--key : « {key} » n'est pas une clé (lettres minuscules, chiffres et _, en commençant par une lettre)",
                $"--key: '{key}' is not a key (lower case letters, digits and _, starting with a letter)");
    }

    private static string Required(string value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw new PiloteInputException($"{field} : ne peut pas être vide", $"{field}: cannot be empty") : value.Trim();

    public static KpiUnit ParseUnit(string text) => Fold(text) switch
    {
        "count" or "nombre" or "n" => KpiUnit.Count,
        "percent" or "pourcentage" or "pct" => KpiUnit.Percent,
        "currency" or "devise" or "eur" or "money" => KpiUnit.Currency,
        "seconds" or "secondes" or "s" => KpiUnit.Seconds,
        "rank" or "rang" or "position" => KpiUnit.Rank,
        "ratio" => KpiUnit.Ratio,
        _ => throw new PiloteInputException($"--unit : « {text} » n'est pas une unité (count, percent, currency, seconds, rank, ratio)",
            $"--unit: '{text}' is not a unit (count, percent, currency, seconds, rank, ratio)"),
    };

    private static Direction ParseDirection(string text) => Fold(text) switch
    {
        "higher" or "up" or "haut" or "plushaut" => Direction.HigherIsBetter,
        "lower" or "down" or "bas" or "plusbas" => Direction.LowerIsBetter,
        _ => throw new PiloteInputException($"--direction : « {text} » n'est pas un sens (higher si le plus haut vaut mieux, lower si le plus bas vaut mieux)",
            $"--direction: '{text}' is not a direction (higher or lower is better)"),
    };

    private static Aggregation ParseAggregation(string text) => Fold(text) switch
    {
        "sum" or "somme" => Aggregation.Sum,
        "weighted" or "pondere" => Aggregation.Weighted,
        "last" or "dernier" => Aggregation.Last,
        "distinct" or "unique" => Aggregation.Distinct,
        _ => throw new PiloteInputException($"--aggregation : « {text} » n'est pas une agrégation (sum, weighted, last, distinct)",
            $"--aggregation: '{text}' is not an aggregation (sum, weighted, last, distinct)"),
    };

    private static TargetKind ParseKind(string text) => Fold(text) switch
    {
        "cumulative" or "cumul" or "cumule" => TargetKind.Cumulative,
        "rate" or "taux" => TargetKind.Rate,
        _ => throw new PiloteInputException($"--kind : « {text} » n'est pas un type de cible (cumulative ou rate)", $"--kind: '{text}' is not a target kind (cumulative or rate)"),
    };

    private static string Fold(string text) => Actions.ActionWords.Fold(text);
}
