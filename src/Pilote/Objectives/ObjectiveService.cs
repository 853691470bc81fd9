using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Pilote.Actions;
using Pilote.Common;
using Pilote.Data;
using Pilote.Kpis;

namespace Pilote.Objectives;

public sealed record ObjectiveFields(
    string Statement,
    string? Kpi = null,
    string? Target = null,
    string? Baseline = null,
    string? Deadline = null,
    string? Owner = null);

/// <summary>What may change on an objective; null leaves a field as it is, an empty text clears it.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ObjectiveChanges(
    string? Statement = null,
    string? Kpi = null,
    string? Target = null,
    string? Baseline = null,
    string? Deadline = null,
    string? Owner = null);

public sealed class ObjectiveService(PiloteDb db)
{
    /// <summary>Edits an objective. With an expected version, a stale edit is refused rather than overwriting another one.</summary>
    public async Task<Objective> SetAsync(int objectiveId, ObjectiveChanges c, int? expectedVersion = null, CancellationToken ct = default)
    {
        var objective = await db.Objectives.Include(o => o.Plan).FirstOrDefaultAsync(o => o.Id == objectiveId, ct)
            ?? throw new NotFoundException($"objective #{objectiveId} not found") { French = $"objectif n°{objectiveId} introuvable" };
        Versions.Expect(db, objective, expectedVersion, $"objective #{objective.Id}", $"l'objectif n°{objective.Id}");
        var plan = objective.Plan!;
        if (c.Statement is not null)
            objective.Statement = string.IsNullOrWhiteSpace(c.Statement)
                ? throw new PiloteInputException("--statement : un objectif a besoin d'un énoncé", "--statement: an objective needs a statement")
                : c.Statement.Trim();
        if (c.Owner is not null)
            objective.Owner = string.IsNullOrWhiteSpace(c.Owner) ? null : c.Owner.Trim();
        if (c.Deadline is not null)
            objective.Deadline = Inputs.ParseOptionalDate(c.Deadline, "--deadline");
        if (c.Baseline is not null)
            objective.Baseline = Inputs.ParseOptionalAmount(c.Baseline, "--baseline");
        if (c.Kpi is not null)
            objective.KpiKey = string.IsNullOrWhiteSpace(c.Kpi) ? null : (await CatalogLookup.KpiAsync(db, plan.WorkspaceId, c.Kpi, ct: ct)).Key;
        var targetText = c.Target ?? (c.Kpi is not null || c.Baseline is not null ? objective.TargetText : null);
        if (c.Target is not null && string.IsNullOrWhiteSpace(c.Target))
        {
            objective.TargetText = null;
            objective.Comparator = null;
            objective.TargetValue = null;
            objective.TargetUpper = null;
        }
        else if (!string.IsNullOrWhiteSpace(targetText))
        {
            // The target is read against the KPI and baseline as they stand after this edit.
            if (objective.KpiKey is null)
                throw new PiloteInputException("--target : dites quel KPI la cible mesure avec --kpi", "--target: say which KPI the target measures with --kpi");
            var kpi = await CatalogLookup.KpiAsync(db, plan.WorkspaceId, objective.KpiKey, ct: ct);
            var target = ActionTargets.Parse(targetText, kpi, objective.Baseline, plan.Culture);
            objective.TargetText = targetText.Trim();
            objective.Comparator = target.Comparator;
            objective.TargetValue = target.Value;
            objective.TargetUpper = target.UpperValue;
        }
        await SaveAsync(objectiveId, ct);
        return objective;
    }

    /// <summary>Deletes an objective; its actions stay, unlinked from it.</summary>
    public async Task DeleteAsync(int objectiveId, int? expectedVersion = null, CancellationToken ct = default)
    {
        var objective = await db.Objectives.FirstOrDefaultAsync(o => o.Id == objectiveId, ct)
            ?? throw new NotFoundException($"objective #{objectiveId} not found") { French = $"objectif n°{objectiveId} introuvable" };
        Versions.Expect(db, objective, expectedVersion, $"objective #{objective.Id}", $"l'objectif n°{objective.Id}");
        db.Objectives.Remove(objective);
        await SaveAsync(objectiveId, ct);
    }

    private async Task SaveAsync(int objectiveId, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            var current = await db.Objectives.AsNoTracking().Where(o => o.Id == objectiveId).Select(o => o.Version).FirstOrDefaultAsync(ct);
            throw Versions.ChangedMeanwhile($"objective #{objectiveId}", $"l'objectif n°{objectiveId}", current);
        }
    }

    public async Task<Objective> AddAsync(int planId, ObjectiveFields f, CancellationToken ct = default)
    {
        var plan = await db.Plans.FirstOrDefaultAsync(p => p.Id == planId, ct)
            ?? throw new NotFoundException($"plan #{planId} not found") { French = $"plan n°{planId} introuvable" };
        if (string.IsNullOrWhiteSpace(f.Statement))
            throw new PiloteInputException("--statement : un objectif a besoin d'un énoncé", "--statement: an objective needs a statement");
        var objective = new Objective
        {
            PlanId = planId,
            Statement = f.Statement.Trim(),
            Owner = string.IsNullOrWhiteSpace(f.Owner) ? null : f.Owner.Trim(),
            Deadline = Inputs.ParseOptionalDate(f.Deadline, "--deadline"),
            Baseline = Inputs.ParseOptionalAmount(f.Baseline, "--baseline"),
        };
        KpiDefinition? kpi = null;
        if (!string.IsNullOrWhiteSpace(f.Kpi))
        {
            kpi = await CatalogLookup.KpiAsync(db, plan.WorkspaceId, f.Kpi, ct: ct);
            objective.KpiKey = kpi.Key;
        }
        if (!string.IsNullOrWhiteSpace(f.Target))
        {
            if (kpi is null)
                throw new PiloteInputException("--target : dites quel KPI la cible mesure avec --kpi", "--target: say which KPI the target measures with --kpi");
            var target = ActionTargets.Parse(f.Target, kpi, objective.Baseline, plan.Culture);
            objective.TargetText = f.Target.Trim();
            objective.Comparator = target.Comparator;
            objective.TargetValue = target.Value;
            objective.TargetUpper = target.UpperValue;
        }
        db.Objectives.Add(objective);
        await db.SaveChangesAsync(ct);
        return objective;
    }
}
