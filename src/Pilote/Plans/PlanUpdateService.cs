using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Pilote.Actions;
using Pilote.Common;
using Pilote.Data;
using Pilote.Kpis;
using Pilote.Objectives;

namespace Pilote.Plans;

/// <summary>
/// Brings an edited complete-workbook export back into its plan: compares every row with the database field by field,
/// refuses the whole file when a row was changed in Pilote since the export (its Version differs), and otherwise saves
/// every addition, change and removal in one SaveChanges, that is one transaction. The plan's own fields, objective
/// links, tracking codes and comments come back too; a comment changed, added or removed moves its action's version,
/// as it does in Pilote.
/// </summary>
public sealed class PlanUpdateService(PiloteDb db, TimeProvider clock)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public async Task<PlanDiff> ImportAsync(PlanSheetRows rows, bool apply, string author, CancellationToken ct = default)
    {
        var plan = await db.Plans.FirstOrDefaultAsync(p => p.Id == rows.PlanId, ct)
            ?? throw new PiloteInputException($"Plan : le plan n°{rows.PlanId} nommé dans le classeur n'existe pas dans cette base", $"Plan: plan #{rows.PlanId} named in the workbook does not exist in this database");
        var actions = await db.Actions.Where(a => a.PlanId == plan.Id)
            .Include(a => a.Channel).Include(a => a.Kpis).ThenInclude(k => k.Kpi).Include(a => a.Kpis).ThenInclude(k => k.History)
            .Include(a => a.Objectives).Include(a => a.TrackingCodes).Include(a => a.Comments)
            .AsSplitQuery().OrderBy(a => a.Position).ToListAsync(ct);
        var objectives = await db.Objectives.Where(o => o.PlanId == plan.Id).OrderBy(o => o.Id).ToListAsync(ct);
        var kpis = actions.SelectMany(a => a.Kpis).ToDictionary(k => k.Id);
        var byId = actions.ToDictionary(a => a.Id);
        // The round-trip workbook edits actions too: its changes go into each action's change history like any other edit.
        var before = actions.ToDictionary(a => a.Id, ActionChangeLog.Take);
        var objectiveById = objectives.ToDictionary(o => o.Id);

        // Stale rows first: one changed in Pilote since the export refuses the whole file before anything is compared.
        CheckVersion(rows.Plan.Sheet, rows.Plan.Row, "plan", plan.Id, rows.Plan.Version, plan, p => p.Name, plan);
        foreach (var r in rows.Actions.Where(r => r.Id is not null))
            CheckVersion(r.Sheet, r.Row, "action", r.Id!.Value, r.Version, byId.GetValueOrDefault(r.Id.Value), a => a.Title, plan);
        foreach (var r in rows.Objectives.Where(r => r.Id is not null))
            CheckVersion(r.Sheet, r.Row, "objective", r.Id!.Value, r.Version, objectiveById.GetValueOrDefault(r.Id.Value), o => o.Statement, plan);
        foreach (var r in rows.Kpis.Where(r => r.Id is not null))
            CheckVersion(r.Sheet, r.Row, "KPI", r.Id!.Value, r.Version, kpis.GetValueOrDefault(r.Id.Value), k => k.Kpi!.Name, plan);

        var changes = new List<RowChange>();
        var now = clock.GetUtcNow();
        // A KPI row shows its effective deadline (its own, else its action's due date, else the plan's end) as exported:
        // compare with the due dates as they were, not as this file changes them.
        var exportedDue = actions.ToDictionary(a => a.Id, a => a.Due);

        PlanFields(plan, rows.Plan, changes);

        foreach (var r in rows.Objectives)
        {
            var o = r.Id is { } id ? objectiveById[id] : null;
            var isNew = o is null;
            o ??= new Objective { PlanId = plan.Id, Statement = "" };
            var fields = new List<FieldChange>();
            var statement = Required(r.Statement, r.Sheet, r.Row, "énoncé");
            Compare(fields, "énoncé", o.Statement, statement, () => o.Statement = statement);
            Compare(fields, "responsable", o.Owner, Blank(r.Owner), () => o.Owner = Blank(r.Owner));
            Compare(fields, "échéance", Show(o.Deadline), Show(r.Deadline), () => o.Deadline = r.Deadline);
            Compare(fields, "base", Show(o.Baseline), Show(r.Baseline), () => o.Baseline = r.Baseline);
            var kpiKey = Blank(r.KpiKey);
            KpiDefinition? kpi = null;
            if (kpiKey is not null && !string.Equals(kpiKey, o.KpiKey, StringComparison.OrdinalIgnoreCase))
                kpi = await CatalogLookup.KpiAsync(db, plan.WorkspaceId, kpiKey, $"{r.Sheet}, row {r.Row}, kpi", ct);
            Compare(fields, "kpi", o.KpiKey, kpi?.Key ?? (kpiKey is null ? null : o.KpiKey), () => o.KpiKey = kpi?.Key);
            var target = Blank(r.Target);
            if (!Same(o.TargetText, target))
            {
                fields.Add(new FieldChange("cible", o.TargetText, target));
                o.TargetText = target;
                o.Comparator = null;
                o.TargetValue = o.TargetUpper = null;
                if (target is not null)
                {
                    if (o.KpiKey is null)
                        throw new PiloteInputException($"{r.Sheet}, ligne {r.Row}, cible : « {target} » demande un KPI dans la colonne kpi", $"{r.Sheet}, row {r.Row}, cible: '{target}' needs a KPI in the kpi column");
                    kpi ??= await CatalogLookup.KpiAsync(db, plan.WorkspaceId, o.KpiKey, $"{r.Sheet}, row {r.Row}, kpi", ct);
                    var parsed = ActionTargets.Parse(target, kpi, o.Baseline, plan.Culture, $"{r.Sheet}, row {r.Row}, cible");
                    (o.Comparator, o.TargetValue, o.TargetUpper) = (parsed.Comparator, parsed.Value, parsed.UpperValue);
                }
            }
            if (isNew)
            {
                db.Objectives.Add(o);
                changes.Add(new RowChange(RowChangeKind.Added, "objective", null, o.Statement, r.Sheet, r.Row, fields));
            }
            else if (fields.Count > 0)
                changes.Add(new RowChange(RowChangeKind.Changed, "objective", o.Id, o.Statement, r.Sheet, r.Row, fields));
        }
        var keptObjectives = rows.Objectives.Where(r => r.Id is not null).Select(r => r.Id!.Value).ToHashSet();
        foreach (var o in objectives.Where(o => !keptObjectives.Contains(o.Id)))
        {
            db.Objectives.Remove(o);
            changes.Add(new RowChange(RowChangeKind.Removed, "objective", o.Id, o.Statement, null, null, []));
        }

        var position = actions.Count == 0 ? 0 : actions.Max(a => a.Position) + 1;
        var added = new Dictionary<string, PlanAction>(StringComparer.OrdinalIgnoreCase);
        foreach (var r in rows.Actions)
        {
            var a = r.Id is { } id ? byId[id] : null;
            var isNew = a is null;
            var title = Required(r.Title, r.Sheet, r.Row, "action");
            a ??= new PlanAction { PlanId = plan.Id, Title = title, Position = position++ };
            var fields = new List<FieldChange>();
            var at = $"{r.Sheet}, row {r.Row}";
            Compare(fields, "action", isNew ? null : a.Title, title, () => a.Title = title);
            var channel = await ChannelAsync(plan, a, r, at, ct);
            Compare(fields, "canal", a.Channel?.Key, channel.Key, () => (a.ChannelId, a.Channel) = (channel.Id, channel));
            var kind = r.Kind is null ? ActionKind.OneOff : ActionWords.ParseKind(r.Kind, $"{at}, type");
            Compare(fields, "type", isNew ? null : a.Kind.Label(), kind.Label(), () => a.Kind = kind);
            var periodicity = Blank(r.Periodicity) is { } p ? ActionWords.ParsePeriodicity(p, $"{at}, périodicité") : (Periodicity?)null;
            Compare(fields, "périodicité", a.Periodicity?.Label(), periodicity?.Label(), () => a.Periodicity = periodicity);
            Compare(fields, "objectif", a.Aim, Blank(r.Aim), () => a.Aim = Blank(r.Aim));
            Compare(fields, "responsable", a.Owner, Blank(r.Owner), () => a.Owner = Blank(r.Owner));
            Compare(fields, "équipe", a.Team, Blank(r.Team), () => a.Team = Blank(r.Team));
            Compare(fields, "début", Show(a.Start), Show(r.Start), () => a.Start = r.Start);
            Compare(fields, "fin", Show(a.Due), Show(r.Due), () => a.Due = r.Due);
            if (r.Start is { } s && r.Due is { } d && d < s)
                throw new PiloteInputException($"{Ligne(at)}, fin : {d:dd/MM/yyyy} précède le début {s:dd/MM/yyyy}", $"{at}, fin: {d:yyyy-MM-dd} is before the start {s:yyyy-MM-dd}");
            var status = Blank(r.Status) is { } st ? ActionWords.ParseStatus(st, $"{at}, statut") : ActionStatus.Planned;
            Compare(fields, "statut", isNew ? null : a.Status.Label(), status.Label(), () => a.Status = status);
            Compare(fields, "budget", Show(a.PlannedBudget), Show(r.Budget), () => a.PlannedBudget = r.Budget);
            Compare(fields, "dépensé", isNew ? null : Show(a.Spent), Show(r.Spent ?? 0m), () => a.Spent = r.Spent ?? 0m);
            Compare(fields, "outils", a.Tools, Blank(r.Tools), () => a.Tools = Blank(r.Tools));
            ObjectiveLinks(a, r, at, objectiveById, fields);
            TrackingCodes(a, r, at, fields);
            if (isNew)
            {
                db.Actions.Add(a);
                added[title] = a;
                changes.Add(new RowChange(RowChangeKind.Added, "action", null, title, r.Sheet, r.Row, [.. fields.Where(f => f.New is not null)]));
            }
            else if (fields.Count > 0)
                changes.Add(new RowChange(RowChangeKind.Changed, "action", a.Id, a.Title, r.Sheet, r.Row, fields));
        }
        var keptActions = rows.Actions.Where(r => r.Id is not null).Select(r => r.Id!.Value).ToHashSet();
        var removedActions = actions.Where(a => !keptActions.Contains(a.Id)).ToList();
        foreach (var a in removedActions)
        {
            var measures = await db.Measurements.CountAsync(m => m.ActionId == a.Id, ct);
            db.Actions.Remove(a);
            var what = measures > 0 ? $"{a.Kpis.Count} KPI, {measures} mesures" : $"{a.Kpis.Count} KPI";
            changes.Add(new RowChange(RowChangeKind.Removed, "action", a.Id, a.Title, null, null, [new FieldChange("avec", what, null)]));
        }

        foreach (var r in rows.Kpis)
        {
            var at = $"{r.Sheet}, row {r.Row}";
            if (r.Id is { } id)
            {
                var k = kpis[id];
                var owner = byId[k.ActionId];
                if (removedActions.Contains(owner))
                    continue;
                var fields = new List<FieldChange>();
                var target = Blank(r.Target);
                if (!Same(k.TargetText, target))
                {
                    fields.Add(new FieldChange("cible", k.TargetText, target));
                    SetTarget(plan, k, target, at, author, now);
                }
                var effective = k.Deadline ?? exportedDue[owner.Id] ?? plan.End;
                if (r.Deadline is { } deadline && deadline != effective)
                {
                    fields.Add(new FieldChange("échéance", Show(effective), Show(deadline)));
                    k.Deadline = deadline;
                }
                if (fields.Count > 0)
                    changes.Add(new RowChange(RowChangeKind.Changed, "KPI", k.Id, $"{owner.Title} — {k.Kpi!.Name}", r.Sheet, r.Row, fields));
                continue;
            }
            var action = r.ActionId is { } actionId
                ? byId.GetValueOrDefault(actionId) ?? throw new PiloteInputException($"{Ligne(at)}, action_id : l'action n°{actionId} n'est pas dans le plan n°{plan.Id}", $"{at}, action_id: action #{actionId} is not in plan #{plan.Id}")
                : Blank(r.ActionTitle) is { } t && added.TryGetValue(t, out var fresh) ? fresh
                : throw new PiloteInputException($"{Ligne(at)}, action_id : une nouvelle ligne de KPI demande l'id de son action, ou le titre d'une action ajoutée sur la feuille Actions", $"{at}, action_id: a new KPI row needs the id of its action, or the title of an action added on the Actions sheet");
            var kpiText = Required(r.Kpi, r.Sheet, r.Row, "kpi");
            var definition = await CatalogLookup.KpiAsync(db, plan.WorkspaceId, kpiText, $"{at}, kpi", ct);
            if (action.Kpis.Any(k => k.KpiId == definition.Id))
                throw new PiloteInputException($"{Ligne(at)}, kpi : l'action « {action.Title} » a déjà le KPI « {definition.Name} »", $"{at}, kpi: action '{action.Title}' already has the KPI '{definition.Name}'");
            var created = new ActionKpi { KpiId = definition.Id, Kpi = definition, Kind = definition.DefaultKind, Deadline = r.Deadline };
            action.Kpis.Add(created);
            SetTarget(plan, created, Blank(r.Target), at, author, now);
            changes.Add(new RowChange(RowChangeKind.Added, "KPI", null, $"{action.Title} — {definition.Name}", r.Sheet, r.Row,
                [new FieldChange("cible", null, Blank(r.Target)), new FieldChange("échéance", null, Show(r.Deadline))]));
        }
        var keptKpis = rows.Kpis.Where(r => r.Id is not null).Select(r => r.Id!.Value).ToHashSet();
        foreach (var k in kpis.Values.Where(k => !keptKpis.Contains(k.Id) && !removedActions.Any(a => a.Id == k.ActionId)))
        {
            db.ActionKpis.Remove(k);
            changes.Add(new RowChange(RowChangeKind.Removed, "KPI", k.Id, $"{byId[k.ActionId].Title} — {k.Kpi!.Name}", null, null, []));
        }

        if (rows.Comments is not null)
            Comments(rows.Comments, actions, removedActions, added, byId, changes, author, now, plan);

        if (apply && changes.Count > 0)
        {
            foreach (var a in actions.Except(removedActions))
                await ActionChangeLog.RecordAsync(db, a, before[a.Id], author, now, ct);
            foreach (var a in added.Values)
                ActionChangeLog.Record(db, a, ActionChangeFields.Created, null, a.Title, author, now);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                throw new PiloteInputException($"plan n°{plan.Id} : une ligne a été modifiée dans Pilote pendant l'import ; rien n'est importé, exportez à nouveau et recommencez", $"plan #{plan.Id}: a row was changed in Pilote while the import ran; nothing imported, export again and retry");
            }
        }
        return new PlanDiff(plan.Id, plan.Name, changes, apply && changes.Count > 0);
    }

    private static void PlanFields(Plan plan, SheetPlan r, List<RowChange> changes)
    {
        var at = $"{r.Sheet}, row {r.Row}";
        var fields = new List<FieldChange>();
        var name = Required(r.Name, r.Sheet, r.Row, "nom");
        Compare(fields, "nom", plan.Name, name, () => plan.Name = name);
        Compare(fields, "description", plan.Description, Blank(r.Description), () => plan.Description = Blank(r.Description));
        var start = r.Start ?? throw new PiloteInputException($"{Ligne(at)}, début : le plan doit avoir une date de début", $"{at}, début: the plan needs a start date");
        var end = r.End ?? throw new PiloteInputException($"{Ligne(at)}, fin : le plan doit avoir une date de fin", $"{at}, fin: the plan needs an end date");
        if (end < start)
            throw new PiloteInputException($"{Ligne(at)}, fin : {end:dd/MM/yyyy} précède le début {start:dd/MM/yyyy}", $"{at}, fin: {end:yyyy-MM-dd} is before the start {start:yyyy-MM-dd}");
        Compare(fields, "début", Show(plan.Start), Show(start), () => plan.Start = start);
        Compare(fields, "fin", Show(plan.End), Show(end), () => plan.End = end);
        if (r.Budget is < 0)
            throw new PiloteInputException($"{Ligne(at)}, budget : {r.Budget} est négatif", $"{at}, budget: {r.Budget} is negative");
        Compare(fields, "budget", Show(plan.Budget), Show(r.Budget), () => plan.Budget = r.Budget);
        var currency = Blank(r.Currency)?.ToUpperInvariant() ?? plan.Currency;
        if (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper))
            throw new PiloteInputException($"{Ligne(at)}, devise : « {r.Currency} » n'est pas un code de devise ISO (EUR, USD, GBP…)", $"{at}, devise: '{r.Currency}' is not an ISO currency code (EUR, USD, GBP…)");
        Compare(fields, "devise", plan.Currency, currency, () => plan.Currency = currency);
        var culture = Blank(r.Culture) is { } c ? PlanService.ParseCulture(c) : plan.Culture;
        Compare(fields, "culture", plan.Culture, culture, () => plan.Culture = culture);
        if (fields.Count > 0)
            changes.Add(new RowChange(RowChangeKind.Changed, "plan", plan.Id, plan.Name, r.Sheet, r.Row, fields));
    }

    // "3, 7": the objectives the action serves, by id; an id must be one of the plan's objectives.
    private void ObjectiveLinks(PlanAction a, SheetAction r, string at, Dictionary<int, Objective> objectives, List<FieldChange> fields)
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
    private void TrackingCodes(PlanAction a, SheetAction r, string at, List<FieldChange> fields)
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

    private void Comments(IReadOnlyList<SheetComment> rows, List<PlanAction> actions, List<PlanAction> removedActions,
        Dictionary<string, PlanAction> added, Dictionary<int, PlanAction> byId, List<RowChange> changes, string author,
        DateTimeOffset now, Plan plan)
    {
        var all = actions.SelectMany(a => a.Comments.Select(c => (Action: a, Comment: c))).ToDictionary(x => x.Comment.Id);
        var seen = new HashSet<int>();
        var touched = new HashSet<PlanAction>();
        foreach (var r in rows)
        {
            var at = $"{r.Sheet}, row {r.Row}";
            var text = Required(r.Text, r.Sheet, r.Row, "texte");
            var kind = ParseCommentKind(r.Kind, at);
            if (r.Id is { } id)
            {
                if (!all.TryGetValue(id, out var found))
                    throw new PiloteInputException($"{Ligne(at)}, id {id} : le commentaire n°{id} n'est pas un commentaire du plan n°{plan.Id} (supprimé dans Pilote ?) ; rien n'est importé", $"{at}, id {id}: comment #{id} is not a comment of plan #{plan.Id} (deleted in Pilote?); nothing imported");
                seen.Add(id);
                var (action, c) = found;
                if (removedActions.Contains(action))
                    continue;
                var fields = new List<FieldChange>();
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
                if (fields.Count > 0)
                {
                    touched.Add(action);
                    changes.Add(new RowChange(RowChangeKind.Changed, "comment", c.Id, $"{action.Title} — {Cut(c.Text)}", r.Sheet, r.Row, fields));
                }
                continue;
            }
            var owner = r.ActionId is { } actionId
                ? byId.GetValueOrDefault(actionId) ?? throw new PiloteInputException($"{Ligne(at)}, action_id : l'action n°{actionId} n'est pas dans le plan n°{plan.Id}", $"{at}, action_id: action #{actionId} is not in plan #{plan.Id}")
                : Blank(r.ActionTitle) is { } t && added.TryGetValue(t, out var fresh) ? fresh
                : throw new PiloteInputException($"{Ligne(at)}, action_id : un nouveau commentaire demande l'id de son action, ou le titre d'une action ajoutée sur la feuille Actions", $"{at}, action_id: a new comment needs the id of its action, or the title of an action added on the Actions sheet");
            if (removedActions.Contains(owner))
                throw new PiloteInputException($"{Ligne(at)}, action_id : l'action n°{owner.Id} « {owner.Title} » est supprimée par ce fichier ; son nouveau commentaire n'a pas de place", $"{at}, action_id: action #{owner.Id} '{owner.Title}' is removed by this file; its new comment has nowhere to go");
            var when = r.Date is { } d && d != DateOnly.FromDateTime(now.UtcDateTime)
                ? new DateTimeOffset(d.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero) : now;
            var comment = new ActionComment { Author = Blank(r.Author) ?? author, At = when, Kind = kind, Text = text };
            owner.Comments.Add(comment);
            touched.Add(owner);
            changes.Add(new RowChange(RowChangeKind.Added, "comment", null, $"{owner.Title} — {Cut(text)}", r.Sheet, r.Row,
                [new FieldChange("texte", null, text), new FieldChange("type", null, Word(kind))]));
        }
        foreach (var (id, (action, c)) in all)
        {
            if (seen.Contains(id) || removedActions.Contains(action))
                continue;
            db.ActionComments.Remove(c);
            touched.Add(action);
            changes.Add(new RowChange(RowChangeKind.Removed, "comment", c.Id, $"{action.Title} — {Cut(c.Text)}", null, null, []));
        }
        // A comment is part of the action as people see it: the action's version moves with it, as in Pilote.
        foreach (var action in touched.Where(a => a.Id != 0))
            db.Entry(action).State = db.Entry(action).State == EntityState.Unchanged ? EntityState.Modified : db.Entry(action).State;
    }

    private static CommentKind ParseCommentKind(string? text, string at) => Blank(text) is not { } t ? CommentKind.Comment
        : ActionWords.Fold(t) switch
        {
            "commentaire" or "comment" => CommentKind.Comment,
            "ajustement" or "adjustment" => CommentKind.Adjustment,
            _ => throw new PiloteInputException($"{Ligne(at)}, type : « {t} » n'est pas un type de commentaire (commentaire ou ajustement)", $"{at}, type: '{t}' is not a comment type (commentaire or ajustement)"),
        };

    private static string Word(CommentKind kind) => kind == CommentKind.Adjustment ? "ajustement" : "commentaire";

    private static string Ligne(string at) => at.Replace(", row ", ", ligne ", StringComparison.Ordinal);

    private static string Entity(string entity) => entity switch
    {
        "action" => "l'action",
        "objective" => "l'objectif",
        "plan" => "le plan",
        _ => "le " + entity,
    };

    private static string Cut(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static void CheckVersion<T>(string sheet, int row, string entity, int id, int? version, T? stored, Func<T, string> label, Plan plan)
        where T : class, IVersioned
    {
        if (stored is null)
            throw new PiloteInputException($"{sheet}, ligne {row}, id {id} : {Entity(entity)} n°{id} n'est pas dans le plan n°{plan.Id} « {plan.Name} » (supprimé dans Pilote, ou ligne d'un autre plan ?) ; rien n'est importé", $"{sheet}, row {row}, id {id}: {entity} #{id} is not in plan #{plan.Id} '{plan.Name}' (deleted in Pilote, or another plan's row?); nothing imported");
        if (version != stored.Version)
            throw new PiloteInputException(
                $"{sheet}, ligne {row}, id {id} : {Entity(entity)} « {label(stored)} » est en version {stored.Version} dans Pilote mais {version?.ToString(Inv) ?? "aucune"} dans le fichier : la ligne a été modifiée dans Pilote depuis l'export ; exportez à nouveau et refaites la modification (rien n'est importé)",
                $"{sheet}, row {row}, id {id}: {entity} '{label(stored)}' is at version {stored.Version} in Pilote but {version?.ToString(Inv) ?? "none"} in the file: it was changed in Pilote since the export; export again and redo the edit (nothing imported)");
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

    private static void SetTarget(Plan plan, ActionKpi k, string? text, string at, string author, DateTimeOffset now)
    {
        if (text is null)
        {
            (k.TargetText, k.Comparator, k.TargetValue, k.TargetUpper) = (null, null, null, null);
            return;
        }
        var parsed = ActionTargets.Parse(text, k.Kpi!, k.Baseline, plan.Culture, $"{at}, cible");
        ActionTargets.Apply(k, text, parsed, now, author, "import du classeur");
    }

    private static void Compare(List<FieldChange> fields, string name, string? old, string? now, Action set)
    {
        if (Same(old, now))
            return;
        fields.Add(new FieldChange(name, old, now));
        set();
    }

    private static bool Same(string? a, string? b) => string.Equals(Blank(a), Blank(b), StringComparison.Ordinal);

    private static string Required(string? text, string sheet, int row, string column) =>
        Blank(text) ?? throw new PiloteInputException($"{sheet}, ligne {row}, {column} : ne peut pas être vide", $"{sheet}, row {row}, {column}: cannot be empty");

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string? Show(DateOnly? d) => d?.ToString("yyyy-MM-dd", Inv);

    private static string? Show(decimal? d) => d?.ToString("0.##########", Inv);
}
