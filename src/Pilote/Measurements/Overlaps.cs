using Microsoft.EntityFrameworkCore;
using Pilote.Actions;
using Pilote.Data;

namespace Pilote.Measurements;

/// <summary>
/// Days an earlier batch already brought for the same action and additive metric: the two add up, so a month-to-date
/// report imported every Monday counts its first weeks two, three, four times. Nothing tells a report that repeats days
/// from one that completes them (another tool, a correction), so the import says which batch and how to undo it.
/// One query over the batch's days; each earlier batch's span is compared whole, per action and metric.
/// </summary>
public static class Overlaps
{
    public static async Task<List<(string French, string English)>> FindAsync(PiloteDb db, IReadOnlyList<MeasurementRow> rows,
        IEnumerable<PlanAction> actions, ISet<string> additive, IReadOnlyCollection<int> replaced, CancellationToken ct)
    {
        var added = rows.Where(r => additive.Contains(r.Metric)).ToList();
        if (added.Count == 0)
            return [];
        var (first, last) = (added.Min(r => r.Start), added.Max(r => r.End));
        var ids = added.Select(r => r.ActionId).Distinct().ToList();
        var earlier = await db.Measurements.AsNoTracking()
            .Where(m => ids.Contains(m.ActionId) && m.BatchId != null && !replaced.Contains(m.BatchId.Value) && m.PeriodStart <= last && m.PeriodEnd >= first)
            .GroupBy(m => new { m.ActionId, m.Metric, m.BatchId })
            .Select(g => new { g.Key.ActionId, g.Key.Metric, BatchId = g.Key.BatchId!.Value, Start = g.Min(m => m.PeriodStart), End = g.Max(m => m.PeriodEnd) })
            .ToListAsync(ct);
        if (earlier.Count == 0)
            return [];
        var byKey = added.ToLookup(r => (r.ActionId, r.Metric));
        var hits = (from e in earlier
                    from r in byKey[(e.ActionId, e.Metric)]
                    where r.Start <= e.End && r.End >= e.Start
                    select (e.ActionId, e.BatchId, e.Metric, Start: r.Start > e.Start ? r.Start : e.Start, End: r.End < e.End ? r.End : e.End))
            .GroupBy(h => (h.ActionId, h.BatchId)).OrderBy(g => g.Key.BatchId).ThenBy(g => g.Key.ActionId).ToList();
        var batchIds = hits.Select(h => h.Key.BatchId).Distinct().ToList();
        var files = await db.ImportBatches.AsNoTracking().Where(b => batchIds.Contains(b.Id)).ToDictionaryAsync(b => b.Id, b => b.FileName ?? b.Source, ct);
        var titles = actions.ToDictionary(a => a.Id, a => a.Title);
        var said = new List<(string, string)>();
        foreach (var g in hits.Take(3))
        {
            var (action, batch) = g.Key;
            var metrics = string.Join(", ", g.Select(h => h.Metric).Distinct().Order(StringComparer.Ordinal));
            var (from, to) = (g.Min(h => h.Start), g.Max(h => h.End));
            said.Add((
                $"« {titles.GetValueOrDefault(action)} » : {metrics} du {from:dd/MM/yyyy} au {to:dd/MM/yyyy} déjà importés par le lot #{batch} ({files[batch]}) : "
                + $"les deux lots s'additionnent sur ces jours ; si ce fichier les reprend, annulez l'ancien (pilote measures undo {batch})",
                $"'{titles.GetValueOrDefault(action)}': {metrics} from {from:yyyy-MM-dd} to {to:yyyy-MM-dd} already imported by batch #{batch} ({files[batch]}): "
                + $"both batches add up on those days; if this file repeats them, undo the earlier one (pilote measures undo {batch})"));
        }
        if (hits.Count > 3)
            said.Add(($"et {hits.Count - 3} autres recouvrements de même", $"and {hits.Count - 3} more overlaps likewise"));
        return said;
    }
}
