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

public sealed class ObjectiveService(PiloteDb db)
{
    public async Task<Objective> AddAsync(int planId, ObjectiveFields f, CancellationToken ct = default)
    {
        var plan = await db.Plans.FirstOrDefaultAsync(p => p.Id == planId, ct)
            ?? throw new NotFoundException($"plan #{planId} not found");
        if (string.IsNullOrWhiteSpace(f.Statement))
            throw new PiloteInputException("--statement: an objective needs a statement");
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
                throw new PiloteInputException("--target: say which KPI the target measures with --kpi");
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
