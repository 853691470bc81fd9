using Microsoft.EntityFrameworkCore;
using Pilote.Common;
using Pilote.Data;

namespace Pilote.Plans;

/// <summary>Finds plans by id or name and loads a whole plan for display or evaluation.</summary>
public static class PlanLoader
{
    public static async Task<Plan> FindAsync(PiloteDb db, string reference, CancellationToken ct = default)
    {
        var plans = await db.Plans.AsNoTracking().OrderBy(p => p.Id).ToListAsync(ct);
        var found = Refs.Pick(plans, reference, p => p.Id, p => p.Name, "plan");
        return found;
    }

    /// <summary>The plan with its objectives, actions, KPIs, tracking codes and comments.</summary>
    public static async Task<Plan> LoadAsync(PiloteDb db, int planId, bool tracking = false, CancellationToken ct = default)
    {
        var query = db.Plans
            .Include(p => p.Objectives)
            .Include(p => p.Actions).ThenInclude(a => a.Channel)
            .Include(p => p.Actions).ThenInclude(a => a.Product)
            .Include(p => p.Actions).ThenInclude(a => a.Objectives)
            .Include(p => p.Actions).ThenInclude(a => a.Kpis).ThenInclude(k => k.Kpi)
            .Include(p => p.Actions).ThenInclude(a => a.TrackingCodes)
            .Include(p => p.Actions).ThenInclude(a => a.Comments)
            .AsSplitQuery();
        var plan = await (tracking ? query : query.AsNoTracking()).FirstOrDefaultAsync(p => p.Id == planId, ct)
            ?? throw new NotFoundException($"plan #{planId} not found") { French = $"plan n°{planId} introuvable" };
        plan.Actions.Sort((a, b) => a.Position != b.Position ? a.Position.CompareTo(b.Position) : a.Id.CompareTo(b.Id));
        plan.Objectives.Sort((a, b) => a.Id.CompareTo(b.Id));
        return plan;
    }
}
