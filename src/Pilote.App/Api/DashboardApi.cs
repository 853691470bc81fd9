using Microsoft.AspNetCore.Http.HttpResults;
using Pilote.Access;
using Pilote.App.Access;
using Pilote.App.Plans;
using Pilote.Data;

namespace Pilote.App.Api;

/// <summary>GET /api/v1/plans/{id}/dashboard: where the plan stands today, for integrations and wall screens.</summary>
public static class DashboardApi
{
    public static RouteGroupBuilder MapDashboardApi(this RouteGroupBuilder api)
    {
        api.MapGet("/plans/{id:int}/dashboard", GetAsync).WithSummary("The plan's dashboard: summary, KPIs against targets, pace and forecast");
        return api;
    }

    private static async Task<Ok<PlanDetail>> GetAsync(int id, HttpContext http, WorkspaceGate gate, PiloteDb db, TimeProvider clock, CancellationToken ct)
    {
        await gate.RequirePlanAsync(http.User, id, WorkspaceRole.Viewer, ct);
        var caller = await ApiCaller.OfAsync(http, db, ct);
        var detail = await ApiReads.PlanAsync(db, id, clock, caller.French, ct);
        return ApiVersions.Ok(http, detail, detail.Version);
    }
}
