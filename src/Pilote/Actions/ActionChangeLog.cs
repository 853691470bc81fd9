using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Pilote.Data;

namespace Pilote.Actions;

/// <summary>
/// The field-by-field change history of actions. <see cref="ActionService"/> takes a snapshot before an edit and records
/// what differs after it, in the same SaveChanges (one transaction) as the edit: the CLI, the grid, the action page and
/// the API all edit through that service, so every edit is recorded here and nowhere else.
/// </summary>
public static class ActionChangeLog
{
    /// <summary>An action's fields as they were, with ids where the history needs names (resolved only when they change).</summary>
    public sealed record Snapshot(
        Dictionary<string, string?> Scalars,
        int ChannelId,
        HashSet<int> Objectives,
        Dictionary<int, (string? Target, string? Baseline)> Kpis,
        HashSet<(TrackingKind Kind, string Value)> Codes);

    public static Snapshot Take(PlanAction a) => new(
        new()
        {
            [ActionChangeFields.Title] = a.Title,
            [ActionChangeFields.Aim] = a.Aim,
            [ActionChangeFields.Owner] = a.Owner,
            [ActionChangeFields.Team] = a.Team,
            [ActionChangeFields.Tools] = a.Tools,
            [ActionChangeFields.Start] = Date(a.Start),
            [ActionChangeFields.Due] = Date(a.Due),
            [ActionChangeFields.Status] = a.Status.Id(),
            [ActionChangeFields.Kind] = a.Kind.Id(),
            [ActionChangeFields.Periodicity] = a.Periodicity?.Id(),
            [ActionChangeFields.Budget] = Number(a.PlannedBudget),
            [ActionChangeFields.Spent] = Number(a.Spent),
        },
        a.ChannelId,
        [.. a.Objectives.Select(o => o.ObjectiveId)],
        a.Kpis.ToDictionary(k => k.KpiId, k => (k.TargetText, Number(k.Baseline))),
        [.. a.TrackingCodes.Select(c => (c.Kind, c.Value))]);

    /// <summary>Adds one <see cref="ActionChange"/> per field that differs from <paramref name="before"/>; saved with the edit.</summary>
    public static async Task<int> RecordAsync(PiloteDb db, PlanAction action, Snapshot before, string by, DateTimeOffset at, CancellationToken ct = default)
    {
        var after = Take(action);
        var changes = new List<ActionChange>();
        void Add(string field, string? subject, string? old, string? @new) =>
            changes.Add(new ActionChange { Action = action, At = at, By = by, Field = field, Subject = subject, OldValue = old, NewValue = @new });

        foreach (var (field, old) in before.Scalars)
            if (after.Scalars[field] is var now && now != old)
                Add(field, null, old, now);

        if (before.ChannelId != after.ChannelId)
        {
            var keys = await db.Channels.AsNoTracking().Where(c => c.Id == before.ChannelId || c.Id == after.ChannelId)
                .ToDictionaryAsync(c => c.Id, c => c.Key, ct);
            Add(ActionChangeFields.Channel, null, keys.GetValueOrDefault(before.ChannelId), keys.GetValueOrDefault(after.ChannelId));
        }

        var objectivesAdded = after.Objectives.Except(before.Objectives).ToList();
        var objectivesRemoved = before.Objectives.Except(after.Objectives).ToList();
        if (objectivesAdded.Count + objectivesRemoved.Count > 0)
        {
            var ids = objectivesAdded.Concat(objectivesRemoved).ToList();
            var statements = await db.Objectives.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Statement, ct);
            foreach (var id in objectivesAdded)
                Add(ActionChangeFields.Objective, null, null, statements.GetValueOrDefault(id) ?? $"#{id}");
            foreach (var id in objectivesRemoved)
                Add(ActionChangeFields.Objective, null, statements.GetValueOrDefault(id) ?? $"#{id}", null);
        }

        var kpiIds = before.Kpis.Keys.Union(after.Kpis.Keys).ToList();
        if (kpiIds.Count > 0)
        {
            var kpiKeys = await db.KpiDefinitions.AsNoTracking().Where(k => kpiIds.Contains(k.Id)).ToDictionaryAsync(k => k.Id, k => k.Key, ct);
            foreach (var id in kpiIds.Order())
            {
                var key = kpiKeys.GetValueOrDefault(id) ?? $"#{id}";
                var had = before.Kpis.TryGetValue(id, out var old);
                var has = after.Kpis.TryGetValue(id, out var now);
                if (!had)
                    Add(ActionChangeFields.Kpi, key, null, key);
                else if (!has)
                    Add(ActionChangeFields.Kpi, key, key, null);
                if (old.Target != now.Target)
                    Add(ActionChangeFields.Target, key, old.Target, now.Target);
                if (old.Baseline != now.Baseline)
                    Add(ActionChangeFields.Baseline, key, old.Baseline, now.Baseline);
            }
        }

        foreach (var (kind, value) in after.Codes.Except(before.Codes))
            Add(ActionChangeFields.TrackingCode, kind.ToString(), null, value);
        foreach (var (kind, value) in before.Codes.Except(after.Codes))
            Add(ActionChangeFields.TrackingCode, kind.ToString(), value, null);

        db.ActionChanges.AddRange(changes);
        return changes.Count;
    }

    /// <summary>A change that is not a field of the action as loaded (creation, a comment taken back).</summary>
    public static void Record(PiloteDb db, PlanAction action, string field, string? old, string? @new, string by, DateTimeOffset at) =>
        db.ActionChanges.Add(new ActionChange { Action = action, At = at, By = by, Field = field, OldValue = old, NewValue = @new });

    public static string? Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string? Number(decimal? d) => d?.ToString("0.############", CultureInfo.InvariantCulture);
}
