using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Pilote.Common;
using Pilote.Data;
using Pilote.Kpis;
using Pilote.Plans;

namespace Pilote.Actions;

/// <summary>What a person may set on an action; null leaves a field as it is.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ActionFields
{
    public string? Title { get; init; }
    public string? Channel { get; init; }
    public string? Kpi { get; init; }
    public string? Target { get; init; }
    public string? Baseline { get; init; }
    public string? Owner { get; init; }
    public string? Team { get; init; }
    public string? Start { get; init; }
    public string? Due { get; init; }
    public string? Status { get; init; }
    public string? Kind { get; init; }
    public string? Periodicity { get; init; }
    public string? Budget { get; init; }
    public string? Spent { get; init; }
    public string? Tools { get; init; }
    public string? Aim { get; init; }
    public string? Objective { get; init; }
    public string? Utm { get; init; }
    public string? PromoCode { get; init; }
    /// <summary>A tracking code (UTM campaign or promo code) to take off the action, written as stored or in any case.</summary>
    public string? RemoveCode { get; init; }
    /// <summary>An objective (id or statement) the action no longer serves.</summary>
    public string? UnlinkObjective { get; init; }
    public string? Comment { get; init; }
    public string? Reason { get; init; }
}

/// <summary>Adds and edits actions: one service for the CLI and the web app.</summary>
public sealed class ActionService(PiloteDb db, TimeProvider clock)
{
    public async Task<PlanAction> AddAsync(int planId, ActionFields fields, string author, CancellationToken ct = default)
    {
        var plan = await db.Plans.FirstOrDefaultAsync(p => p.Id == planId, ct)
            ?? throw new NotFoundException($"plan #{planId} not found") { French = $"plan n°{planId} introuvable" };
        if (string.IsNullOrWhiteSpace(fields.Title))
            throw new PiloteInputException("--title : une action a besoin d'un titre", "--title: an action needs a title");
        if (string.IsNullOrWhiteSpace(fields.Channel))
            throw new PiloteInputException("--channel : une action a besoin d'un canal", "--channel: an action needs a channel");
        var position = await db.Actions.Where(a => a.PlanId == planId).Select(a => (int?)a.Position).MaxAsync(ct) ?? -1;
        var action = new PlanAction { Title = fields.Title.Trim(), PlanId = planId, Position = position + 1 };
        await ApplyAsync(plan, action, fields, author, ct);
        db.Actions.Add(action);
        ActionChangeLog.Record(db, action, ActionChangeFields.Created, null, action.Title, author, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return action;
    }

    /// <summary>Edits an action. With an expected version, a stale edit is refused rather than overwriting another one.</summary>
    public Task<PlanAction> SetAsync(int actionId, ActionFields fields, string author, int? expectedVersion = null, CancellationToken ct = default) =>
        EditAsync(actionId, author, expectedVersion, (plan, action) => ApplyAsync(plan, action, fields, author, ct), ct);

    /// <summary>Takes a KPI off an action, with its target history (the grid's undo of a KPI it added).</summary>
    public Task<PlanAction> RemoveKpiAsync(int actionId, int actionKpiId, string author, int? expectedVersion = null, CancellationToken ct = default) =>
        EditAsync(actionId, author, expectedVersion, (_, action) =>
        {
            var kpi = action.Kpis.FirstOrDefault(k => k.Id == actionKpiId)
                ?? throw new NotFoundException($"KPI #{actionKpiId} is not measured on action #{actionId}") { French = $"le KPI n°{actionKpiId} n'est pas mesuré sur l'action n°{actionId}" };
            action.Kpis.Remove(kpi);
            db.ActionKpis.Remove(kpi);
            return Task.CompletedTask;
        }, ct);

    /// <summary>Takes back a comment (the grid's undo of a comment it added); the history keeps what it said.</summary>
    public Task<PlanAction> RemoveCommentAsync(int actionId, int commentId, string author, int? expectedVersion = null, CancellationToken ct = default) =>
        EditAsync(actionId, author, expectedVersion, async (_, action) =>
        {
            var comment = await db.ActionComments.FirstOrDefaultAsync(c => c.Id == commentId && c.ActionId == actionId, ct)
                ?? throw new NotFoundException($"comment #{commentId} not found on action #{actionId}") { French = $"commentaire n°{commentId} introuvable sur l'action n°{actionId}" };
            db.ActionComments.Remove(comment);
            ActionChangeLog.Record(db, action, ActionChangeFields.Comment, comment.Text, null, author, clock.GetUtcNow());
        }, ct);

    /// <summary>
    /// Gives one action its tracked link (a UTM campaign, and a promo code when it is offline or at the point of sale),
    /// the codes <c>pilote utm</c> would give it, unique within the plan; codes it already has are kept.
    /// </summary>
    public Task<PlanAction> AddTrackedLinkAsync(int actionId, string author, int? expectedVersion = null, CancellationToken ct = default) =>
        EditAsync(actionId, author, expectedVersion, async (plan, action) =>
        {
            var titles = await db.Actions.AsNoTracking().Where(a => a.PlanId == plan.Id).Select(a => a.Title).ToListAsync(ct);
            var codes = await db.TrackingCodes.AsNoTracking().Where(c => c.Action!.PlanId == plan.Id).Select(c => c.Normalized).ToListAsync(ct);
            var channel = await db.Channels.AsNoTracking().FirstAsync(c => c.Id == action.ChannelId, ct);
            TrackedLinkService.Ensure(plan.Name, action, channel, TrackedLinkService.Taken(titles, codes));
        }, ct);

    /// <summary>
    /// Takes a tracking code off an action (a typo, a campaign renamed). Measurements already matched through it stay
    /// with the action; later exports carrying it no longer match.
    /// </summary>
    public Task<PlanAction> RemoveTrackingCodeAsync(int actionId, int codeId, string author, int? expectedVersion = null, CancellationToken ct = default) =>
        EditAsync(actionId, author, expectedVersion, (_, action) =>
        {
            RemoveCode(action, action.TrackingCodes.FirstOrDefault(c => c.Id == codeId)
                ?? throw new NotFoundException($"tracking code #{codeId} is not on action #{actionId}") { French = $"le code de suivi n°{codeId} n'est pas sur l'action n°{actionId}" });
            return Task.CompletedTask;
        }, ct);

    private void RemoveCode(PlanAction action, TrackingCode code)
    {
        action.TrackingCodes.Remove(code);
        db.TrackingCodes.Remove(code);
    }

    private void Unlink(PlanAction action, ActionObjective link)
    {
        action.Objectives.Remove(link);
        db.ActionObjectives.Remove(link);
    }

    /// <summary>Unlinks an action from an objective it no longer serves.</summary>
    public Task<PlanAction> UnlinkObjectiveAsync(int actionId, int objectiveId, string author, int? expectedVersion = null, CancellationToken ct = default) =>
        EditAsync(actionId, author, expectedVersion, (_, action) =>
        {
            Unlink(action, action.Objectives.FirstOrDefault(o => o.ObjectiveId == objectiveId)
                ?? throw new NotFoundException($"action #{actionId} is not linked to objective #{objectiveId}") { French = $"l'action n°{actionId} n'est pas liée à l'objectif n°{objectiveId}" });
            return Task.CompletedTask;
        }, ct);

    /// <summary>
    /// Loads the action, checks the version, applies the edit and records each changed field in the change history,
    /// all in one save: the edit and its history stand or fall together.
    /// </summary>
    private async Task<PlanAction> EditAsync(int actionId, string author, int? expectedVersion, Func<Plan, PlanAction, Task> edit, CancellationToken ct)
    {
        var action = await db.Actions
            .Include(a => a.Kpis).ThenInclude(k => k.History)
            .Include(a => a.Kpis).ThenInclude(k => k.Kpi)
            .Include(a => a.TrackingCodes)
            .Include(a => a.Objectives)
            // Four collections in one JOIN return KPIs × their target history × codes × objectives rows, a product that
            // grows with every target change; one query per collection reads each row once.
            .AsSplitQuery()
            .FirstOrDefaultAsync(a => a.Id == actionId, ct)
            ?? throw new NotFoundException($"action #{actionId} not found") { French = $"action n°{actionId} introuvable" };
        if (expectedVersion is { } expected && expected != action.Version)
            throw new StaleWriteException(
                expected < action.Version
                    ? $"action #{action.Id} '{action.Title}' was changed since version {expected} (now version {action.Version}); reload it and retry"
                    : $"--expect-version: action #{action.Id} '{action.Title}' is at version {action.Version}, not version {expected}",
                action.Version)
            {
                French = expected < action.Version
                    ? $"l'action n°{action.Id} « {action.Title} » a changé depuis la version {expected} (maintenant en version {action.Version}) ; rechargez et recommencez"
                    : $"--expect-version : l'action n°{action.Id} « {action.Title} » est en version {action.Version}, pas en version {expected}",
            };
        var plan = await db.Plans.FirstAsync(p => p.Id == action.PlanId, ct);
        var before = ActionChangeLog.Take(action);
        await edit(plan, action);
        await ActionChangeLog.RecordAsync(db, action, before, author, clock.GetUtcNow(), ct);
        // A comment, a KPI, a target or a tracking code changes the action as people see it: its version moves
        // too, so an export or a screen holding the old version is refused rather than silently out of date.
        if (db.Entry(action).State == EntityState.Unchanged && db.ChangeTracker.HasChanges())
            db.Entry(action).State = EntityState.Modified;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            var current = await db.Actions.AsNoTracking().Where(a => a.Id == actionId).Select(a => a.Version).FirstOrDefaultAsync(ct);
            throw new StaleWriteException(
                $"action #{action.Id} '{action.Title}' was changed by someone else while you edited it (now version {current}); reload it and retry",
                current)
            {
                French = $"quelqu'un d'autre a modifié l'action n°{action.Id} « {action.Title} » pendant votre modification (maintenant en version {current}) ; rechargez et recommencez",
            };
        }
        return action;
    }

    /// <summary>Deletes an action with its KPIs, codes, comments and measurements.</summary>
    public async Task DeleteAsync(int actionId, int? expectedVersion = null, CancellationToken ct = default)
    {
        var action = await db.Actions.FirstOrDefaultAsync(a => a.Id == actionId, ct) ?? throw new NotFoundException($"action #{actionId} not found") { French = $"action n°{actionId} introuvable" };
        Versions.Expect(db, action, expectedVersion, $"action #{action.Id} '{action.Title}'", $"l'action n°{action.Id} « {action.Title} »");
        db.Actions.Remove(action);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            var current = await db.Actions.AsNoTracking().Where(a => a.Id == actionId).Select(a => a.Version).FirstOrDefaultAsync(ct);
            throw Versions.ChangedMeanwhile($"action #{actionId}", $"l'action n°{actionId}", current);
        }
    }

    private async Task ApplyAsync(Plan plan, PlanAction action, ActionFields f, string author, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (f.Title is not null)
            action.Title = string.IsNullOrWhiteSpace(f.Title)
                ? throw new PiloteInputException("--title : le titre ne peut pas être vide", "--title: a title cannot be empty")
                : f.Title.Trim();
        if (f.Channel is not null)
            action.ChannelId = (await CatalogLookup.ChannelAsync(db, plan.WorkspaceId, f.Channel, ct: ct)).Id;
        if (f.Status is not null)
            action.Status = ActionWords.ParseStatus(f.Status);
        if (f.Kind is not null)
            action.Kind = ActionWords.ParseKind(f.Kind);
        if (f.Periodicity is not null)
            action.Periodicity = ActionWords.ParsePeriodicity(f.Periodicity);
        if (f.Owner is not null)
            action.Owner = Blank(f.Owner);
        if (f.Team is not null)
            action.Team = Blank(f.Team);
        if (f.Tools is not null)
            action.Tools = Blank(f.Tools);
        if (f.Aim is not null)
            action.Aim = Blank(f.Aim);
        if (f.Start is not null)
            action.Start = Inputs.ParseOptionalDate(f.Start, "--start");
        if (f.Due is not null)
            action.Due = Inputs.ParseOptionalDate(f.Due, "--due");
        if (action.Start is { } s && action.Due is { } d && d < s)
            throw new PiloteInputException($"--due : le {d:dd/MM/yyyy} est avant le début, le {s:dd/MM/yyyy}", $"--due: {d:yyyy-MM-dd} is before the start {s:yyyy-MM-dd}");
        if (f.Budget is not null)
            action.PlannedBudget = Inputs.ParseOptionalAmount(f.Budget, "--budget");
        if (f.Spent is not null)
            action.Spent = Inputs.ParseAmount(f.Spent, "--spent");
        if (f.Objective is not null)
        {
            var objectives = await db.Objectives.Where(o => o.PlanId == plan.Id).OrderBy(o => o.Id).ToListAsync(ct);
            var objective = Refs.Pick(objectives, f.Objective, o => o.Id, o => o.Statement, "--objective");
            if (action.Objectives.All(o => o.ObjectiveId != objective.Id))
                action.Objectives.Add(new ActionObjective { ObjectiveId = objective.Id });
        }
        if (f.UnlinkObjective is not null)
        {
            var objectives = await db.Objectives.AsNoTracking().Where(o => o.PlanId == plan.Id).OrderBy(o => o.Id).ToListAsync(ct);
            var objective = Refs.Pick(objectives, f.UnlinkObjective, o => o.Id, o => o.Statement, "--unlink-objective");
            Unlink(action, action.Objectives.FirstOrDefault(o => o.ObjectiveId == objective.Id)
                ?? throw new PiloteInputException($"--unlink-objective : l'action ne sert pas l'objectif #{objective.Id} « {objective.Statement} »",
                    $"--unlink-objective: the action does not serve objective #{objective.Id} '{objective.Statement}'"));
        }
        if (f.RemoveCode is not null)
        {
            var normalized = TrackingCodes.Normalize(f.RemoveCode);
            RemoveCode(action, action.TrackingCodes.FirstOrDefault(c => c.Normalized == normalized)
                ?? throw new PiloteInputException(
                    $"--remove-code : « {f.RemoveCode.Trim()} » n'est pas un code de cette action ({Codes(action, "aucun code")})",
                    $"--remove-code: '{f.RemoveCode.Trim()}' is not a code of this action ({Codes(action, "no code")})"));
        }
        if (f.Utm is not null)
            await AddCodeAsync(plan, action, TrackingKind.UtmCampaign, f.Utm, ct);
        if (f.PromoCode is not null)
            await AddCodeAsync(plan, action, TrackingKind.PromoCode, f.PromoCode, ct);
        await ApplyKpiAsync(plan, action, f, author, now, ct);
        if (!string.IsNullOrWhiteSpace(f.Comment))
            action.Comments.Add(new ActionComment { Author = author, At = now, Kind = CommentKind.Comment, Text = f.Comment.Trim() });
    }

    private async Task ApplyKpiAsync(Plan plan, PlanAction action, ActionFields f, string author, DateTimeOffset now, CancellationToken ct)
    {
        if (f.Kpi is null && f.Target is null && f.Baseline is null)
            return;
        ActionKpi? actionKpi;
        if (f.Kpi is not null)
        {
            var kpi = await CatalogLookup.KpiAsync(db, plan.WorkspaceId, f.Kpi, ct: ct);
            actionKpi = action.Kpis.FirstOrDefault(k => k.KpiId == kpi.Id);
            if (actionKpi is null)
            {
                actionKpi = new ActionKpi { KpiId = kpi.Id, Kpi = kpi, Kind = kpi.DefaultKind };
                action.Kpis.Add(actionKpi);
            }
        }
        else
        {
            actionKpi = action.Kpis.Count switch
            {
                1 => action.Kpis[0],
                0 => throw new PiloteInputException("--target : l'action n'a pas encore de KPI ; choisissez-en un (--kpi)",
                    "--target: the action has no KPI yet; name one with --kpi"),
                _ => throw new PiloteInputException(
                    $"--target : l'action a {action.Kpis.Count} KPI ({string.Join(", ", action.Kpis.Select(k => k.Kpi?.Key))}) ; dites lequel (--kpi)",
                    $"--target: the action has {action.Kpis.Count} KPIs ({string.Join(", ", action.Kpis.Select(k => k.Kpi?.Key))}); say which with --kpi"),
            };
        }
        if (f.Baseline is not null)
            actionKpi.Baseline = Inputs.ParseOptionalAmount(f.Baseline, "--baseline");
        if (f.Target is not null)
        {
            var target = ActionTargets.Parse(f.Target, actionKpi.Kpi!, actionKpi.Baseline, plan.Culture);
            if (actionKpi.TargetText != f.Target.Trim())
            {
                ActionTargets.Apply(actionKpi, f.Target, target, now, author, f.Reason);
                if (actionKpi.History.Count > 1)
                    action.Comments.Add(new ActionComment
                    {
                        Author = author, At = now, Kind = CommentKind.Adjustment,
                        Text = $"Cible {actionKpi.Kpi!.Name} : {actionKpi.TargetText}" + (f.Reason is null ? "" : $" ({f.Reason})"),
                    });
            }
        }
    }

    /// <summary>
    /// Adds a code unless the action has it. A code another action of the plan already carries is refused: exports
    /// carrying it would fit both actions, so matching would give it to neither and their results would be lost.
    /// </summary>
    private async Task AddCodeAsync(Plan plan, PlanAction action, TrackingKind kind, string value, CancellationToken ct)
    {
        var option = kind == TrackingKind.PromoCode ? "--promo-code" : "--utm";
        var normalized = TrackingCodes.Normalize(value);
        if (normalized.Length == 0)
            throw new PiloteInputException($"{option} : un code de suivi ne peut pas être vide", $"{option}: a tracking code cannot be empty");
        if (action.TrackingCodes.Any(c => c.Kind == kind && c.Normalized == normalized))
            return;
        var other = await db.TrackingCodes.AsNoTracking()
            .Where(c => c.Action!.PlanId == plan.Id && c.ActionId != action.Id && c.Normalized == normalized)
            .Select(c => new { c.ActionId, c.Action!.Title })
            .FirstOrDefaultAsync(ct);
        if (other is not null)
            throw new PiloteInputException(
                $"{option} : « {value.Trim()} » est déjà le code de l'action #{other.ActionId} « {other.Title} » ; leurs résultats se mélangeraient, choisissez un autre code",
                $"{option}: '{value.Trim()}' is already the code of action #{other.ActionId} '{other.Title}'; their results would mix, choose another code");
        action.TrackingCodes.Add(new TrackingCode { Kind = kind, Value = value.Trim(), Normalized = normalized });
    }

    // The codes an action carries, to say which one was meant.
    private static string Codes(PlanAction action, string none) =>
        action.TrackingCodes.Count == 0 ? none : string.Join(", ", action.TrackingCodes.OrderBy(c => c.Id).Select(c => c.Value));

    private static string? Blank(string value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
