using Microsoft.EntityFrameworkCore;
using Pilote.Common;
using Pilote.Data;

namespace Pilote.Kpis;

/// <summary>Finds channels, KPIs and metrics of a workspace by key or by name, French or English.</summary>
public static class CatalogLookup
{
    public static async Task<Channel> ChannelAsync(PiloteDb db, int workspaceId, string text, string field = "--channel", CancellationToken ct = default)
    {
        var channels = await db.Channels.Where(c => c.WorkspaceId == workspaceId).OrderBy(c => c.Position).ToListAsync(ct);
        return PickChannel(channels, text, field);
    }

    public static async Task<KpiDefinition> KpiAsync(PiloteDb db, int workspaceId, string text, string field = "--kpi", CancellationToken ct = default)
    {
        var kpis = await db.KpiDefinitions.Where(k => k.WorkspaceId == workspaceId).OrderBy(k => k.Id).ToListAsync(ct);
        return PickKpi(kpis, text, field);
    }

    public static async Task<MetricDefinition> MetricAsync(PiloteDb db, int workspaceId, string text, string field = "--metric", CancellationToken ct = default)
    {
        var metrics = await db.MetricDefinitions.Where(m => m.WorkspaceId == workspaceId).OrderBy(m => m.Id).ToListAsync(ct);
        return PickMetric(metrics, text, field);
    }

    /// <summary>A channel among already loaded ones (an import resolves thousands of rows against one catalog read).</summary>
    public static Channel PickChannel(List<Channel> channels, string text, string field) =>
        Find(channels, text, c => c.Key, c => [c.Name, c.NameEn], field, "channel", c => c.Key);

    /// <summary>A KPI among already loaded ones.</summary>
    public static KpiDefinition PickKpi(List<KpiDefinition> kpis, string text, string field) =>
        Find(kpis, text, k => k.Key, k => [k.Name, k.NameEn], field, "KPI", k => k.Key);

    /// <summary>A metric among already loaded ones (a push checks thousands of rows against one catalog read).</summary>
    public static MetricDefinition PickMetric(List<MetricDefinition> metrics, string text, string field) =>
        Find(metrics, text, m => m.Key, m => [m.Name, m.NameEn], field, "metric", m => m.Key);

    private static T Find<T>(List<T> items, string text, Func<T, string> key, Func<T, string?[]> names, string field, string what, Func<T, string> show)
    {
        var folded = Actions.ActionWords.Fold(text);
        var match = items.FirstOrDefault(i => Actions.ActionWords.Fold(key(i)) == folded)
            ?? items.FirstOrDefault(i => names(i).Any(n => n is not null && Actions.ActionWords.Fold(n) == folded));
        var known = string.Join(", ", items.Select(show));
        var (quoi, connus) = what switch { "channel" => ("canal inconnu", "connus"), "KPI" => ("KPI inconnu", "connus"), _ => ("métrique inconnue", "connues") };
        return match ?? throw new PiloteInputException($"{field} : {quoi} « {text} » ({connus} : {known})", $"{field}: unknown {what} '{text}' (known: {known})");
    }
}
