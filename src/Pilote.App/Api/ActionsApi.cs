using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Pilote.Access;
using Pilote.Actions;
using Pilote.App.Access;
using Pilote.App.Plans;
using Pilote.Data;

namespace Pilote.App.Api;

/// <summary>/api/v1/plans/{id}/actions and /api/v1/actions/{id}: the action grid's rows, with If-Match on every change.</summary>
public static class ActionsApi
{
    public static RouteGroupBuilder MapActionsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/plans/{id:int}/actions", ListAsync).WithSummary("The plan's actions with their KPIs evaluated today");
        api.MapPost("/plans/{id:int}/actions", CreateAsync).WithSummary("Add an action (editor)");
        api.MapGet("/actions/{id:int}", GetAsync).WithSummary("One action");
        api.MapPatch("/actions/{id:int}", PatchAsync).WithMetadata(IfMatchRequired.Instance).WithSummary("Edit an action (editor, If-Match); null fields stay as they are");
        api.MapPost("/actions/{id:int}/tracked-link", TrackedLinkAsync).WithMetadata(IfMatchRequired.Instance)
            .WithSummary("Give the action the codes 'pilote utm' would give it: a UTM campaign unique in the plan, and a promo code when offline (editor, If-Match)");
        api.MapDelete("/actions/{id:int}", DeleteAsync).WithMetadata(IfMatchRequired.Instance).WithSummary("Delete an action and its measurements (editor, If-Match)");
        return api;
    }

    private static async Task<Ok<List<ActionDto>>> ListAsync(int id, HttpContext http, WorkspaceGate gate, PiloteDb db, TimeProvider clock, CancellationToken ct)
    {
        await gate.RequirePlanAsync(http.User, id, WorkspaceRole.Viewer, ct);
        var caller = await ApiCaller.OfAsync(http, db, ct);
        var report = await ApiReads.ReportAsync(db, id, clock, ct);
        return TypedResults.Ok(report.Actions.Select(a => PlanDtos.Action(a, caller.French)).ToList());
    }

    private static async Task<Created<ActionDto>> CreateAsync(int id, ActionFields body, HttpContext http, WorkspaceGate gate, PiloteDb db,
        TimeProvider clock, CancellationToken ct)
    {
        await gate.RequirePlanAsync(http.User, id, WorkspaceRole.Editor, ct);
        var caller = await ApiCaller.OfAsync(http, db, ct);
        await ApiChecks.ActionAsync(db, id, body, creating: true, ct);
        var action = await new ActionService(db, clock).AddAsync(id, body, caller.Author, ct);
        db.ChangeTracker.Clear();
        var dto = await ApiReads.ActionAsync(db, action.Id, clock, caller.French, ct);
        http.Response.Headers.ETag = ApiVersions.Tag(dto.Version);
        return TypedResults.Created($"{ApiSetup.Prefix}/actions/{action.Id}", dto);
    }

    private static async Task<Ok<ActionDto>> GetAsync(int id, HttpContext http, WorkspaceGate gate, PiloteDb db, TimeProvider clock, CancellationToken ct)
    {
        await gate.RequireActionAsync(http.User, id, WorkspaceRole.Viewer, ct);
        var caller = await ApiCaller.OfAsync(http, db, ct);
        var dto = await ApiReads.ActionAsync(db, id, clock, caller.French, ct);
        return ApiVersions.Ok(http, dto, dto.Version);
    }

    private static async Task<IResult> PatchAsync(int id, ActionFields body, HttpContext http, WorkspaceGate gate, PiloteDb db, TimeProvider clock,
        CancellationToken ct)
    {
        await gate.RequireActionAsync(http.User, id, WorkspaceRole.Editor, ct);
        var caller = await ApiCaller.OfAsync(http, db, ct);
        return await ApiVersions.GuardedAsync(http, () => ApiReads.ActionAsync(db, id, clock, caller.French, ct), a => a.Version, async expected =>
        {
            var planId = await db.Actions.Where(a => a.Id == id).Select(a => a.PlanId).FirstAsync(ct);
            await ApiChecks.ActionAsync(db, planId, body, creating: false, ct);
            await new ActionService(db, clock).SetAsync(id, body, caller.Author, expected, ct);
            db.ChangeTracker.Clear();
            var dto = await ApiReads.ActionAsync(db, id, clock, caller.French, ct);
            return ApiVersions.Ok(http, dto, dto.Version);
        });
    }

    private static async Task<IResult> TrackedLinkAsync(int id, HttpContext http, WorkspaceGate gate, PiloteDb db, TimeProvider clock, CancellationToken ct)
    {
        await gate.RequireActionAsync(http.User, id, WorkspaceRole.Editor, ct);
        var caller = await ApiCaller.OfAsync(http, db, ct);
        return await ApiVersions.GuardedAsync(http, () => ApiReads.ActionAsync(db, id, clock, caller.French, ct), a => a.Version, async expected =>
        {
            await new ActionService(db, clock).AddTrackedLinkAsync(id, caller.Author, expected, ct);
            db.ChangeTracker.Clear();
            var dto = await ApiReads.ActionAsync(db, id, clock, caller.French, ct);
            return ApiVersions.Ok(http, dto, dto.Version);
        });
    }

    private static async Task<IResult> DeleteAsync(int id, HttpContext http, WorkspaceGate gate, PiloteDb db, TimeProvider clock, CancellationToken ct)
    {
        await gate.RequireActionAsync(http.User, id, WorkspaceRole.Editor, ct);
        var caller = await ApiCaller.OfAsync(http, db, ct);
        return await ApiVersions.GuardedAsync(http, () => ApiReads.ActionAsync(db, id, clock, caller.French, ct), a => a.Version, async expected =>
        {
            await new ActionService(db, clock).DeleteAsync(id, expected, ct);
            return TypedResults.NoContent();
        });
    }
}
