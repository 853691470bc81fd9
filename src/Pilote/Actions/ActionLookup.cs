using Microsoft.EntityFrameworkCore;
using Pilote.Common;
using Pilote.Data;

namespace Pilote.Actions;

public static class ActionLookup
{
    /// <summary>An action by id or by unambiguous title, within a plan when one is given.</summary>
    public static async Task<PlanAction> FindAsync(PiloteDb db, int? planId, string reference, string field = "action", CancellationToken ct = default)
    {
        var query = db.Actions.AsNoTracking();
        if (planId is { } id)
            query = query.Where(a => a.PlanId == id);
        var actions = await query.OrderBy(a => a.Id).ToListAsync(ct);
        return Refs.Pick(actions, reference, a => a.Id, a => a.Title, field);
    }
}
