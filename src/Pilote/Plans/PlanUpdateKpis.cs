using Microsoft.EntityFrameworkCore;
using Pilote.Actions;
using Pilote.Common;
using Pilote.Kpis;

namespace Pilote.Plans;

/// <summary>
/// The KPI and comment sheets of a complete-workbook import, chunk by chunk like the actions: rows compared with the
/// database's rows read untracked, the actions whose KPIs or comments change loaded and tracked.
/// </summary>
public sealed partial class PlanUpdateService
{
    private sealed record StoredKpi(int Id, int Version, int ActionId, string? TargetText, DateOnly? Deadline, string Kpi, string Action, DateOnly? Due);

    private sealed record StoredComment(int Id, int ActionId, string Text, CommentKind Kind, string Author, DateTimeOffset At);

    /// <summary>A stored KPI or comment of the plan: its id, and its action's.</summary>
    private sealed record StoredRow(int Id, int ActionId);

    private async Task KpisAsync(Pass s, IEnumerable<SheetKpi> rows, CancellationToken ct)
    {
        var plan = s.Plan;
        var seen = new SeenIds();
        foreach (var chunk in rows.Chunk(ChunkSize))
        {
            // Rows as exported (their fingerprint agrees) only need their version and action; the others are read whole.
            var ids = chunk.Where(r => r.Id is not null && !r.Unchanged).Select(r => r.Id!.Value).Distinct().ToList();
            var asExported = chunk.Where(r => r.Id is not null && r.Unchanged).Select(r => r.Id!.Value).Distinct().ToList();
            // By primary key (a range when the ids follow each other), the plan checked here (as for the actions).
            var stored = ids.Count == 0 ? [] : (await (from k in ById(db.ActionKpis.AsNoTracking(), ids)
                                                       join a in db.Actions on k.ActionId equals a.Id
                                                       select new { Plan = a.PlanId, Kpi = new StoredKpi(k.Id, k.Version, k.ActionId, k.TargetText, k.Deadline, k.Kpi!.Name, a.Title, a.Due) })
                .ToListAsync(ct)).Where(x => x.Plan == plan.Id && ids.Contains(x.Kpi.Id)).ToDictionary(x => x.Kpi.Id, x => x.Kpi);
            if (asExported.Count > 0)
            {
                var wanted = asExported.ToHashSet();
                var light = await (from k in ById(db.ActionKpis.AsNoTracking(), asExported)
                                   join a in db.Actions on k.ActionId equals a.Id
                                   select new { k.Id, k.Version, k.ActionId, a.PlanId }).ToListAsync(ct);
                var names = chunk.Where(r => r.Unchanged).DistinctBy(r => r.Id).ToDictionary(r => r.Id!.Value, r => r.Kpi ?? "");
                foreach (var k in light.Where(k => k.PlanId == plan.Id && wanted.Contains(k.Id)))
                    stored.TryAdd(k.Id, new StoredKpi(k.Id, k.Version, k.ActionId, null, null, names[k.Id], "", null));
            }
            foreach (var r in chunk)
                if (r.Id is { } id)
                {
                    var found = stored.GetValueOrDefault(id);
                    CheckVersion(r.Sheet, r.Row, "KPI", id, r.Version, found?.Version, () => found!.Kpi, plan);
                }

            // A KPI row shows its effective deadline (its own, else its action's due date, else the plan's end) as
            // exported: the database still holds the due dates as they were, nothing being saved before the end.
            DateOnly Effective(StoredKpi k) => k.Deadline ?? k.Due ?? plan.End;
            bool Changes(SheetKpi r, StoredKpi k) =>
                !r.Unchanged && (!Same(k.TargetText, Blank(r.Target)) || r.Deadline is { } deadline && deadline != Effective(k));
            await TrackAsync(s, chunk.Where(r => r.Id is { } id && !s.Removed.Contains(stored[id].ActionId) && Changes(r, stored[id]))
                .Select(r => stored[r.Id!.Value].ActionId), ct);

            foreach (var r in chunk)
            {
                var at = $"{r.Sheet}, row {r.Row}";
                if (r.Id is { } id)
                {
                    seen.Add(id);
                    var known = stored[id];
                    if (s.Removed.Contains(known.ActionId) || !Changes(r, known))
                        continue;
                    var owner = s.Tracked[known.ActionId];
                    var k = owner.Kpis.Single(x => x.Id == id);
                    var fields = new List<FieldChange>();
                    var target = Blank(r.Target);
                    if (!Same(k.TargetText, target))
                    {
                        fields.Add(new FieldChange("cible", k.TargetText, target));
                        SetTarget(plan, k, target, at, s.Author, s.Now);
                    }
                    var effective = k.Deadline ?? known.Due ?? plan.End;
                    if (r.Deadline is { } deadline && deadline != effective)
                    {
                        fields.Add(new FieldChange("échéance", Show(effective), Show(deadline)));
                        k.Deadline = deadline;
                    }
                    if (fields.Count > 0)
                        s.Changes.Add(new RowChange(RowChangeKind.Changed, "KPI", k.Id, $"{owner.Title} — {k.Kpi!.Name}", r.Sheet, r.Row, fields));
                    continue;
                }
                var action = await OwnerAsync(s, r.ActionId, r.ActionTitle, at,
                    ("une nouvelle ligne de KPI demande l'id de son action, ou le titre d'une action ajoutée sur la feuille Actions",
                        "a new KPI row needs the id of its action, or the title of an action added on the Actions sheet"),
                    ("son nouveau KPI", "its new KPI"), ct);
                var kpiText = Required(r.Kpi, r.Sheet, r.Row, "kpi");
                var definition = await CatalogLookup.KpiAsync(db, plan.WorkspaceId, kpiText, $"{at}, kpi", ct);
                if (action.Kpis.Any(k => k.KpiId == definition.Id))
                    throw new PiloteInputException($"{Ligne(at)}, kpi : l'action « {action.Title} » a déjà le KPI « {definition.Name} »", $"{at}, kpi: action '{action.Title}' already has the KPI '{definition.Name}'");
                var created = new ActionKpi { KpiId = definition.Id, Kpi = definition, Kind = definition.DefaultKind, Deadline = r.Deadline };
                action.Kpis.Add(created);
                SetTarget(plan, created, Blank(r.Target), at, s.Author, s.Now);
                s.Changes.Add(new RowChange(RowChangeKind.Added, "KPI", null, $"{action.Title} — {definition.Name}", r.Sheet, r.Row,
                    [.. new[] { new FieldChange("cible", null, Blank(r.Target)), new FieldChange("échéance", null, Show(r.Deadline)) }.Where(f => f.New is not null)]));
            }
        }

        // The KPIs the file no longer lists (those of removed actions go with them).
        var gone = await GoneAsync(s, seen, from k in db.ActionKpis.AsNoTracking()
                                            join a in db.Actions on k.ActionId equals a.Id
                                            where a.PlanId == plan.Id
                                            select new StoredRow(k.Id, k.ActionId), ct);
        await TrackAsync(s, gone.Select(k => k.ActionId), ct);
        foreach (var (k, owner) in gone.Select(g => (s.Tracked[g.ActionId].Kpis.Single(x => x.Id == g.Id), s.Tracked[g.ActionId]))
            .OrderBy(x => x.Item2.Position).ThenBy(x => x.Item1.Id))
        {
            db.ActionKpis.Remove(k);
            s.Changes.Add(new RowChange(RowChangeKind.Removed, "KPI", k.Id, $"{owner.Title} — {k.Kpi!.Name}", null, null, []));
        }
    }

    private async Task CommentsAsync(Pass s, IEnumerable<SheetComment> rows, CancellationToken ct)
    {
        var plan = s.Plan;
        var seen = new SeenIds();
        foreach (var chunk in rows.Chunk(ChunkSize))
        {
            // Rows as exported (their fingerprint agrees) only need their action; the others are read whole.
            var ids = chunk.Where(r => r.Id is not null && !r.Unchanged).Select(r => r.Id!.Value).Distinct().ToList();
            var asExported = chunk.Where(r => r.Id is not null && r.Unchanged).Select(r => r.Id!.Value).Distinct().ToList();
            var stored = ids.Count == 0 ? [] : (await (from c in ById(db.ActionComments.AsNoTracking(), ids)
                                                       join a in db.Actions on c.ActionId equals a.Id
                                                       select new { Plan = a.PlanId, Comment = new StoredComment(c.Id, c.ActionId, c.Text, c.Kind, c.Author, c.At) })
                .ToListAsync(ct)).Where(x => x.Plan == plan.Id && ids.Contains(x.Comment.Id)).ToDictionary(x => x.Comment.Id, x => x.Comment);
            if (asExported.Count > 0)
            {
                var wanted = asExported.ToHashSet();
                var light = await (from c in ById(db.ActionComments.AsNoTracking(), asExported)
                                   join a in db.Actions on c.ActionId equals a.Id
                                   select new { c.Id, c.ActionId, a.PlanId }).ToListAsync(ct);
                foreach (var c in light.Where(c => c.PlanId == plan.Id && wanted.Contains(c.Id)))
                    stored.TryAdd(c.Id, new StoredComment(c.Id, c.ActionId, "", CommentKind.Comment, "", default));
            }

            var changed = new List<int>();
            foreach (var r in chunk)
            {
                var at = $"{r.Sheet}, row {r.Row}";
                var text = Required(r.Text, r.Sheet, r.Row, "texte");
                var kind = ParseCommentKind(r.Kind, at);
                if (r.Id is not { } id)
                    continue;
                if (!stored.TryGetValue(id, out var c))
                    throw new PiloteInputException($"{Ligne(at)}, id {id} : le commentaire n°{id} n'est pas un commentaire du plan n°{plan.Id} (supprimé dans Pilote ?) ; rien n'est importé", $"{at}, id {id}: comment #{id} is not a comment of plan #{plan.Id} (deleted in Pilote?); nothing imported");
                if (r.Unchanged || s.Removed.Contains(c.ActionId))
                    continue;
                var probe = new List<FieldChange>();
                CompareComment(new ActionComment { Author = c.Author, At = c.At, Kind = c.Kind, Text = c.Text }, r, text, kind, probe);
                if (probe.Count > 0)
                    changed.Add(c.ActionId);
            }
            await TrackAsync(s, changed, ct);

            foreach (var r in chunk)
            {
                var at = $"{r.Sheet}, row {r.Row}";
                var text = Required(r.Text, r.Sheet, r.Row, "texte");
                var kind = ParseCommentKind(r.Kind, at);
                if (r.Id is { } id)
                {
                    seen.Add(id);
                    var known = stored[id];
                    if (r.Unchanged || s.Removed.Contains(known.ActionId) || !s.Tracked.TryGetValue(known.ActionId, out var action))
                        continue;
                    var c = action.Comments.Single(x => x.Id == id);
                    var fields = new List<FieldChange>();
                    CompareComment(c, r, text, kind, fields);
                    if (fields.Count > 0)
                    {
                        s.Touched.Add(action);
                        s.Changes.Add(new RowChange(RowChangeKind.Changed, "comment", c.Id, $"{action.Title} — {Cut(c.Text)}", r.Sheet, r.Row, fields));
                    }
                    continue;
                }
                var owner = await OwnerAsync(s, r.ActionId, r.ActionTitle, at,
                    ("un nouveau commentaire demande l'id de son action, ou le titre d'une action ajoutée sur la feuille Actions",
                        "a new comment needs the id of its action, or the title of an action added on the Actions sheet"),
                    ("son nouveau commentaire", "its new comment"), ct);
                var when = r.Date is { } d && d != DateOnly.FromDateTime(s.Now.UtcDateTime)
                    ? new DateTimeOffset(d.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero) : s.Now;
                var comment = new ActionComment { Author = Blank(r.Author) ?? s.Author, At = when, Kind = kind, Text = text };
                owner.Comments.Add(comment);
                s.Touched.Add(owner);
                s.Changes.Add(new RowChange(RowChangeKind.Added, "comment", null, $"{owner.Title} — {Cut(text)}", r.Sheet, r.Row,
                    [new FieldChange("texte", null, text), new FieldChange("type", null, Word(kind))]));
            }
        }

        var gone = await GoneAsync(s, seen, from c in db.ActionComments.AsNoTracking()
                                            join a in db.Actions on c.ActionId equals a.Id
                                            where a.PlanId == plan.Id
                                            select new StoredRow(c.Id, c.ActionId), ct);
        await TrackAsync(s, gone.Select(c => c.ActionId), ct);
        foreach (var g in gone.OrderBy(g => s.Tracked[g.ActionId].Position).ThenBy(g => g.Id))
        {
            var action = s.Tracked[g.ActionId];
            var c = action.Comments.Single(x => x.Id == g.Id);
            db.ActionComments.Remove(c);
            s.Touched.Add(action);
            s.Changes.Add(new RowChange(RowChangeKind.Removed, "comment", c.Id, $"{action.Title} — {Cut(c.Text)}", null, null, []));
        }
        // A comment is part of the action as people see it: the action's version moves with it, as in Pilote.
        foreach (var action in s.Touched.Where(a => a.Id != 0))
            db.Entry(action).State = db.Entry(action).State == EntityState.Unchanged ? EntityState.Modified : db.Entry(action).State;
    }

    private static void CompareComment(ActionComment c, SheetComment r, string text, CommentKind kind, List<FieldChange> fields)
    {
        Compare(fields, "texte", c.Text, text, () => c.Text = text);
        Compare(fields, "type", Word(c.Kind), Word(kind), () => c.Kind = kind);
        var by = Blank(r.Author) ?? c.Author;
        Compare(fields, "auteur", c.Author, by, () => c.Author = by);
        var day = DateOnly.FromDateTime(c.At.UtcDateTime);
        if (r.Date is { } date && date != day)
        {
            fields.Add(new FieldChange("date", Show(day), Show(date)));
            c.At = new DateTimeOffset(date.ToDateTime(TimeOnly.FromTimeSpan(c.At.UtcDateTime.TimeOfDay)), TimeSpan.Zero);
        }
    }

    /// <summary>The action a new KPI or comment row belongs to: an action of the plan by id, or one the file adds, by title.</summary>
    private async Task<PlanAction> OwnerAsync(Pass s, int? actionId, string? actionTitle, string at, (string Fr, string En) missing,
        (string Fr, string En) what, CancellationToken ct)
    {
        var plan = s.Plan;
        if (actionId is not { } id)
            return Blank(actionTitle) is { } t && s.Added.TryGetValue(t, out var fresh) ? fresh
                : throw new PiloteInputException($"{Ligne(at)}, action_id : {missing.Fr}", $"{at}, action_id: {missing.En}");
        var owner = await TrackedAsync(s, id, ct)
            ?? throw new PiloteInputException($"{Ligne(at)}, action_id : l'action n°{id} n'est pas dans le plan n°{plan.Id}", $"{at}, action_id: action #{id} is not in plan #{plan.Id}");
        if (s.Removed.Contains(id))
            throw new PiloteInputException($"{Ligne(at)}, action_id : l'action n°{owner.Id} « {owner.Title} » est supprimée par ce fichier ; {what.Fr} n'a pas de place", $"{at}, action_id: action #{owner.Id} '{owner.Title}' is removed by this file; {what.En} has nowhere to go");
        return owner;
    }

    // As ById for actions: a chunk's ids read as one range of the key when they follow each other, else one by one.
    // The stored rows the file no longer lists, but those of removed actions (they go with them) and of actions created
    // after the export (the file never listed them). Streamed: only the rows gone are kept.
    private static async Task<List<StoredRow>> GoneAsync(Pass s, SeenIds seen, IQueryable<StoredRow> stored, CancellationToken ct)
    {
        var gone = new List<StoredRow>();
        await foreach (var row in stored.AsAsyncEnumerable().WithCancellation(ct))
            if (!seen.Contains(row.Id) && !s.Removed.Contains(row.ActionId) && s.Sheet.Listed(row.ActionId))
                gone.Add(row);
        return gone;
    }

    private static IQueryable<ActionKpi> ById(IQueryable<ActionKpi> kpis, List<int> ids)
    {
        var (low, high, list) = Range(ids);
        return list is null ? kpis.Where(k => k.Id >= low && k.Id <= high) : kpis.Where(k => EF.Parameter(list).Contains(k.Id));
    }

    private static IQueryable<ActionComment> ById(IQueryable<ActionComment> comments, List<int> ids)
    {
        var (low, high, list) = Range(ids);
        return list is null ? comments.Where(c => c.Id >= low && c.Id <= high) : comments.Where(c => EF.Parameter(list).Contains(c.Id));
    }
}
