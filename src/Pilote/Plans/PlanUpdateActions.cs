using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Pilote.Actions;
using Pilote.Common;
using Pilote.Kpis;
using Pilote.Objectives;

namespace Pilote.Plans;

/// <summary>The Actions sheet of a complete-workbook import: compared chunk by chunk, changed rows loaded and tracked.</summary>
public sealed partial class PlanUpdateService
{
    private async Task ActionsAsync(Pass s, IEnumerable<SheetAction> rows, CancellationToken ct)
    {
        var plan = s.Plan;
        foreach (var chunk in rows.Chunk(ChunkSize))
        {
            // Rows as exported (their fingerprint agrees) only need their version; the others are read whole to be compared.
            var ids = chunk.Where(r => r.Id is { } id && !r.Unchanged && !s.Tracked.ContainsKey(id)).Select(r => r.Id!.Value).Distinct().ToList();
            var asExported = chunk.Where(r => r.Id is { } id && r.Unchanged && !s.Tracked.ContainsKey(id)).Select(r => r.Id!.Value).Distinct().ToList();
            // By primary key only (SQLite would otherwise walk the plan's whole index for each chunk); the plan is checked here.
            var stored = await StoredAsync(plan, ids, ct);
            var versions = await VersionsAsync(plan, asExported, ct);
            foreach (var r in chunk)
                if (r.Id is { } id)
                {
                    var found = s.Tracked.GetValueOrDefault(id) ?? stored.GetValueOrDefault(id);
                    var version = found?.Version ?? (versions.TryGetValue(id, out var v) ? v : null);
                    CheckVersion(r.Sheet, r.Row, "action", id, r.Version, version, () => found?.Title ?? r.Title ?? "", plan);
                }

            // Compared on the untracked copy first: only the actions the file changes are loaded whole and tracked.
            var changed = new HashSet<int>();
            foreach (var r in chunk)
            {
                if (r.Id is not { } id || r.Unchanged || s.Tracked.ContainsKey(id) || changed.Contains(id))
                    continue;
                var copy = stored[id];
                copy.Channel = s.Channels.GetValueOrDefault(copy.ChannelId);
                var probe = new List<FieldChange>();
                await CompareActionAsync(s, copy, r, isNew: false, probe, probe: true, ct);
                if (probe.Count > 0)
                    changed.Add(id);
            }
            await TrackAsync(s, changed, ct);

            foreach (var r in chunk)
            {
                if (r.Id is { } id)
                {
                    s.SeenActions.Add(id);
                    if (r.Unchanged || !s.Tracked.TryGetValue(id, out var tracked))
                        continue;
                    var fields = new List<FieldChange>();
                    await CompareActionAsync(s, tracked, r, isNew: false, fields, probe: false, ct);
                    if (fields.Count > 0)
                        s.Changes.Add(new RowChange(RowChangeKind.Changed, "action", tracked.Id, tracked.Title, r.Sheet, r.Row, fields));
                    continue;
                }
                var title = Required(r.Title, r.Sheet, r.Row, "action");
                var a = new PlanAction { PlanId = plan.Id, Title = title, Position = s.Position++ };
                var added = new List<FieldChange>();
                await CompareActionAsync(s, a, r, isNew: true, added, probe: false, ct);
                db.Actions.Add(a);
                s.Added[title] = a;
                s.Changes.Add(new RowChange(RowChangeKind.Added, "action", null, title, r.Sheet, r.Row, [.. added.Where(f => f.New is not null)]));
            }
        }

        // The actions the file no longer lists: their ids, then only those loaded. Those created in Pilote after the
        // export were never in the file: they stay. Streamed: only the removed ids are kept.
        var removed = new List<int>();
        await foreach (var id in db.Actions.AsNoTracking().Where(a => a.PlanId == plan.Id).Select(a => a.Id).AsAsyncEnumerable().WithCancellation(ct))
            if (!s.SeenActions.Contains(id) && s.Sheet.Listed(id))
                removed.Add(id);
        if (removed.Count == 0)
            return;
        await TrackAsync(s, removed, ct);
        var measures = new Dictionary<int, int>();
        foreach (var chunk in removed.Chunk(ChunkSize))
            foreach (var (id, count) in await db.Measurements.Where(m => EF.Parameter(chunk).Contains(m.ActionId)).GroupBy(m => m.ActionId)
                .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct))
                measures[id] = count;
        foreach (var a in removed.Select(id => s.Tracked[id]).OrderBy(a => a.Position))
        {
            var count = measures.GetValueOrDefault(a.Id);
            db.Actions.Remove(a);
            s.Removed.Add(a.Id);
            // Counts the reader's words go around (PlanDiffText): « avec 2 KPI, 5 mesures », "with 2 KPIs, 5 measurements".
            FieldChange[] with = count > 0
                ? [new("KPI", a.Kpis.Count.ToString(Inv), null), new("mesures", count.ToString(Inv), null)]
                : [new("KPI", a.Kpis.Count.ToString(Inv), null)];
            s.Changes.Add(new RowChange(RowChangeKind.Removed, "action", a.Id, a.Title, null, null, with));
        }
    }

    /// <summary>
    /// The plan's actions of these ids, untracked, with their objective links and tracking codes: three flat reads
    /// (EF's split-query includes cost more than the reads themselves).
    /// </summary>
    private async Task<Dictionary<int, PlanAction>> StoredAsync(Plan plan, List<int> ids, CancellationToken ct)
    {
        var wanted = ids.ToHashSet();
        var stored = (await ById(db.Actions.AsNoTracking(), ids).ToListAsync(ct))
            .Where(a => a.PlanId == plan.Id && wanted.Contains(a.Id)).ToDictionary(a => a.Id);
        if (stored.Count == 0)
            return stored;
        var (low, high, list) = Range(ids);
        var links = list is null
            ? db.ActionObjectives.AsNoTracking().Where(o => o.ActionId >= low && o.ActionId <= high)
            : db.ActionObjectives.AsNoTracking().Where(o => EF.Parameter(list).Contains(o.ActionId));
        foreach (var link in await links.ToListAsync(ct))
            if (stored.TryGetValue(link.ActionId, out var a))
                a.Objectives.Add(link);
        var codes = list is null
            ? db.TrackingCodes.AsNoTracking().Where(c => c.ActionId >= low && c.ActionId <= high)
            : db.TrackingCodes.AsNoTracking().Where(c => EF.Parameter(list).Contains(c.ActionId));
        foreach (var code in await codes.OrderBy(c => c.Id).ToListAsync(ct))
            if (stored.TryGetValue(code.ActionId, out var a))
                a.TrackingCodes.Add(code);
        return stored;
    }

    /// <summary>The versions of the plan's actions of these ids: all a row left as exported needs.</summary>
    private async Task<Dictionary<int, int?>> VersionsAsync(Plan plan, List<int> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
            return [];
        var wanted = ids.ToHashSet();
        var rows = await ById(db.Actions.AsNoTracking(), ids).Select(a => new { a.Id, a.PlanId, a.Version }).ToListAsync(ct);
        return rows.Where(a => a.PlanId == plan.Id && wanted.Contains(a.Id)).ToDictionary(a => a.Id, a => (int?)a.Version);
    }

    // Ids that mostly follow each other (a chunk of an export) are read as one range of the key; scattered ones (rows
    // moved around) one by one.
    private static (int Low, int High, List<int>? List) Range(List<int> ids)
    {
        var (low, high) = (ids.Min(), ids.Max());
        return high - low < 2 * ids.Count + 64 ? (low, high, null) : (low, high, ids);
    }

    /// <summary>
    /// The actions of these ids, perhaps with others: a chunk of an export holds ids that mostly follow each other, read
    /// as one range of the primary key; scattered ids (rows moved around) are looked up one by one.
    /// </summary>
    private static IQueryable<PlanAction> ById(IQueryable<PlanAction> actions, List<int> ids)
    {
        if (ids.Count == 0)
            return actions.Where(a => false);
        var (low, high, list) = Range(ids);
        return list is null ? actions.Where(a => a.Id >= low && a.Id <= high) : actions.Where(a => EF.Parameter(list).Contains(a.Id));
    }

    /// <summary>
    /// Compares an action row with an action and sets what differs: on a tracked action (or a new one) for real; with
    /// <paramref name="probe"/> on an untracked copy, to learn whether anything differs, touching no other row.
    /// </summary>
    private async Task CompareActionAsync(Pass s, PlanAction a, SheetAction r, bool isNew, List<FieldChange> fields, bool probe, CancellationToken ct)
    {
        var at = $"{r.Sheet}, row {r.Row}";
        var title = Required(r.Title, r.Sheet, r.Row, "action");
        Compare(fields, "action", isNew ? null : a.Title, title, () => a.Title = title);
        var channel = await ChannelAsync(s.Plan, a, r, at, ct);
        Compare(fields, "canal", a.Channel?.Key, channel.Key, () => (a.ChannelId, a.Channel) = (channel.Id, channel));
        var kind = r.Kind is null ? ActionKind.OneOff : s.Words.Kind(r.Kind, $"{at}, type");
        // Typed values are compared first: the texts a person reads are built only for what differs.
        if (isNew || a.Kind != kind)
            Compare(fields, "type", isNew ? null : a.Kind.Label(), kind.Label(), () => a.Kind = kind);
        var periodicity = Blank(r.Periodicity) is { } p ? s.Words.Periodicity(p, $"{at}, périodicité") : (Periodicity?)null;
        if (a.Periodicity != periodicity)
            Compare(fields, "périodicité", a.Periodicity?.Label(), periodicity?.Label(), () => a.Periodicity = periodicity);
        Compare(fields, "objectif", a.Aim, Blank(r.Aim), () => a.Aim = Blank(r.Aim));
        Compare(fields, "responsable", a.Owner, Blank(r.Owner), () => a.Owner = Blank(r.Owner));
        Compare(fields, "équipe", a.Team, Blank(r.Team), () => a.Team = Blank(r.Team));
        if (a.Start != r.Start)
            Compare(fields, "début", Show(a.Start), Show(r.Start), () => a.Start = r.Start);
        if (a.Due != r.Due)
            Compare(fields, "fin", Show(a.Due), Show(r.Due), () => a.Due = r.Due);
        if (r.Start is { } st && r.Due is { } d && d < st)
            throw new PiloteInputException($"{Ligne(at)}, fin : {d:dd/MM/yyyy} précède le début {st:dd/MM/yyyy}", $"{at}, fin: {d:yyyy-MM-dd} is before the start {st:yyyy-MM-dd}");
        var status = Blank(r.Status) is { } text ? s.Words.Status(text, $"{at}, statut") : ActionStatus.Planned;
        if (isNew || a.Status != status)
            Compare(fields, "statut", isNew ? null : a.Status.Label(), status.Label(), () => a.Status = status);
        if (a.PlannedBudget != r.Budget)
            Compare(fields, "budget", Show(a.PlannedBudget), Show(r.Budget), () => a.PlannedBudget = r.Budget);
        if (isNew || a.Spent != (r.Spent ?? 0m))
            Compare(fields, "dépensé", isNew ? null : Show(a.Spent), Show(r.Spent ?? 0m), () => a.Spent = r.Spent ?? 0m);
        Compare(fields, "outils", a.Tools, Blank(r.Tools), () => a.Tools = Blank(r.Tools));
        ObjectiveLinks(a, r, at, s.Objectives, fields, probe);
        TrackingCodes(a, r, at, fields, probe);
    }

    /// <summary>
    /// Loads the plan's actions of these ids whole and tracked (channel, KPIs with their history, objective links,
    /// tracking codes, comments), each with the snapshot its change history is recorded against. Ids of another plan
    /// are not loaded.
    /// </summary>
    private async Task TrackAsync(Pass s, IEnumerable<int> ids, CancellationToken ct)
    {
        foreach (var chunk in ids.Where(id => !s.Tracked.ContainsKey(id)).Distinct().Chunk(ChunkSize))
        {
            var ofPlan = await db.Actions.AsNoTracking().Where(a => EF.Parameter(chunk).Contains(a.Id) && a.PlanId == s.Plan.Id).Select(a => a.Id).ToListAsync(ct);
            if (ofPlan.Count == 0)
                continue;
            var loaded = await db.Actions.Where(a => EF.Parameter(ofPlan).Contains(a.Id))
                .Include(a => a.Channel).Include(a => a.Kpis).ThenInclude(k => k.Kpi).Include(a => a.Kpis).ThenInclude(k => k.History)
                .Include(a => a.Objectives).Include(a => a.TrackingCodes).Include(a => a.Comments)
                .AsSplitQuery().ToListAsync(ct);
            foreach (var a in loaded)
            {
                s.Tracked[a.Id] = a;
                s.Before[a.Id] = ActionChangeLog.Take(a);
            }
        }
    }

    /// <summary>An action of the plan, tracked, or null when the plan has none of that id.</summary>
    private async Task<PlanAction?> TrackedAsync(Pass s, int id, CancellationToken ct)
    {
        await TrackAsync(s, [id], ct);
        return s.Tracked.GetValueOrDefault(id);
    }

    private async Task<Channel> ChannelAsync(Plan plan, PlanAction a, SheetAction r, string at, CancellationToken ct)
    {
        // The key column wins; a person who only retyped the channel's name is understood too.
        var key = Blank(r.ChannelKey);
        var name = Blank(r.ChannelName);
        if (key is not null && !string.Equals(key, a.Channel?.Key, StringComparison.OrdinalIgnoreCase))
            return await CatalogLookup.ChannelAsync(db, plan.WorkspaceId, key, $"{at}, canal_id", ct);
        if (name is not null && !string.Equals(name, a.Channel?.Name, StringComparison.OrdinalIgnoreCase))
            return await CatalogLookup.ChannelAsync(db, plan.WorkspaceId, name, $"{at}, canal", ct);
        return a.Channel ?? throw new PiloteInputException($"{Ligne(at)}, canal_id : une nouvelle action demande un canal", $"{at}, canal_id: a new action needs a channel");
    }


    // "3, 7": the objectives the action serves, by id; an id must be one of the plan's objectives.
    private void ObjectiveLinks(PlanAction a, SheetAction r, string at, Dictionary<int, Objective> objectives, List<FieldChange> fields, bool probe)
    {
        var wanted = new SortedSet<int>();
        foreach (var part in (r.ObjectiveIds ?? "").Split([',', ';', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            var text = part.TrimStart('#');
            if (!int.TryParse(text, NumberStyles.Integer, Inv, out var id) && !(double.TryParse(text, NumberStyles.Float, Inv, out var d) && d == Math.Floor(d) && (id = (int)d) == d))
                throw new PiloteInputException($"{Ligne(at)}, objectifs liés : « {part} » n'est pas un id d'objectif (écrivez les id de la feuille Objectifs : 3, 7)", $"{at}, objectifs liés: '{part}' is not an objective id (write the ids from the Objectifs sheet: 3, 7)");
            if (!objectives.ContainsKey(id))
                throw new PiloteInputException($"{Ligne(at)}, objectifs liés : l'objectif n°{id} n'est pas un objectif de ce plan (voir la feuille Objectifs)", $"{at}, objectifs liés: objective #{id} is not an objective of this plan (see the Objectifs sheet)");
            wanted.Add(id);
        }
        var current = new SortedSet<int>(a.Objectives.Select(o => o.ObjectiveId));
        if (current.SetEquals(wanted))
            return;
        fields.Add(new FieldChange("objectifs liés", current.Count == 0 ? null : string.Join(", ", current), wanted.Count == 0 ? null : string.Join(", ", wanted)));
        if (probe)
            return;
        foreach (var link in a.Objectives.Where(o => !wanted.Contains(o.ObjectiveId)).ToList())
        {
            a.Objectives.Remove(link);
            if (a.Id != 0)
                db.ActionObjectives.Remove(link);
        }
        foreach (var id in wanted.Where(id => !current.Contains(id)))
            a.Objectives.Add(new ActionObjective { ObjectiveId = id });
    }

    // One code per line as kind:value (utm:ete-2026, promo:HIVER10); a line without a known kind is a UTM campaign.
    private void TrackingCodes(PlanAction a, SheetAction r, string at, List<FieldChange> fields, bool probe)
    {
        var wanted = new List<(TrackingKind Kind, string Value, string Normalized)>();
        foreach (var line in (r.Codes ?? "").Split(['\n', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = line.IndexOf(':');
            var kind = colon > 0 && ParseCodeKind(line[..colon]) is { } k ? k : TrackingKind.UtmCampaign;
            var value = colon > 0 && ParseCodeKind(line[..colon]) is not null ? line[(colon + 1)..].Trim() : line;
            var normalized = Actions.TrackingCodes.Normalize(value);
            if (normalized.Length == 0)
                throw new PiloteInputException($"{Ligne(at)}, codes de suivi : « {line} » n'est pas un code de suivi", $"{at}, codes de suivi: '{line}' is not a tracking code");
            if (!wanted.Any(w => w.Kind == kind && w.Normalized == normalized))
                wanted.Add((kind, value, normalized));
        }
        static string Show(IEnumerable<(TrackingKind Kind, string Value)> codes) => string.Join(", ", codes.Select(c => $"{KindId(c.Kind)}:{c.Value}"));
        var current = a.TrackingCodes.Select(c => (c.Kind, c.Value, c.Normalized)).ToList();
        if (current.Count == wanted.Count && current.All(c => wanted.Any(w => w.Kind == c.Kind && w.Normalized == c.Normalized && w.Value == c.Value)))
            return;
        fields.Add(new FieldChange("codes de suivi", current.Count == 0 ? null : Show(current.Select(c => (c.Kind, c.Value))),
            wanted.Count == 0 ? null : Show(wanted.Select(w => (w.Kind, w.Value)))));
        if (probe)
            return;
        foreach (var code in a.TrackingCodes.Where(c => !wanted.Any(w => w.Kind == c.Kind && w.Normalized == c.Normalized)).ToList())
        {
            a.TrackingCodes.Remove(code);
            if (code.Id != 0)
                db.TrackingCodes.Remove(code);
        }
        foreach (var (kind, value, normalized) in wanted)
        {
            if (a.TrackingCodes.FirstOrDefault(c => c.Kind == kind && c.Normalized == normalized) is { } kept)
                kept.Value = value;
            else
                a.TrackingCodes.Add(new TrackingCode { Kind = kind, Value = value, Normalized = normalized });
        }
    }

    private static TrackingKind? ParseCodeKind(string text) => text.Trim().ToLowerInvariant() switch
    {
        "utm" => TrackingKind.UtmCampaign,
        "campagne" or "campaign" => TrackingKind.CampaignName,
        "alias" => TrackingKind.Alias,
        "promo" => TrackingKind.PromoCode,
        "url" => TrackingKind.Url,
        _ => null,
    };

    private static string KindId(TrackingKind kind) => kind switch
    {
        TrackingKind.UtmCampaign => "utm",
        TrackingKind.CampaignName => "campagne",
        TrackingKind.Alias => "alias",
        TrackingKind.PromoCode => "promo",
        _ => "url",
    };
}
