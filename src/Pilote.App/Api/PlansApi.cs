using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Pilote.Access;
using Pilote.App.Access;
using Pilote.App.Plans;
using Pilote.Common;
using Pilote.Data;
using Pilote.Plans;

namespace Pilote.App.Api;

/// <summary>A new plan: in one of the caller's workspaces (optional when they have only one).</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record PlanCreate(
    string? Name, int? Workspace = null, string? Template = null, string? Start = null, string? End = null, string? Budget = null,
    string? Currency = null, string? Description = null, string? Culture = null);

/// <summary>/api/v1/plans: list, create, read, edit (If-Match) and delete (admin, If-Match).</summary>
public static class PlansApi
{
    public static RouteGroupBuilder MapPlansApi(this RouteGroupBuilder api)
    {
        api.MapGet("/plans", ListAsync).WithSummary("The plans of every workspace the caller belongs to");
        api.MapPost("/plans", CreateAsync).WithSummary("Create a plan (editor)");
        api.MapGet("/plans/{id:int}", GetAsync).WithSummary("A plan with its objectives, actions, KPIs and summary");
        api.MapPatch("/plans/{id:int}", PatchAsync).WithMetadata(IfMatchRequired.Instance).WithSummary("Edit a plan's header (editor, If-Match)");
        api.MapDelete("/plans/{id:int}", DeleteAsync).WithMetadata(IfMatchRequired.Instance).WithSummary("Delete a plan and everything in it (workspace admin, If-Match)");
        return api;
    }

    private static async Task<Ok<List<PlanListItem>>> ListAsync(HttpContext http, WorkspaceGate gate, PiloteDb db, CancellationToken ct)
    {
        var workspaces = await gate.WorkspacesAsync(http.User, ct);
        var ids = workspaces.Select(w => w.Workspace.Id).ToList();
        var plans = await db.Plans.AsNoTracking().Where(p => ids.Contains(p.WorkspaceId)).OrderBy(p => p.Id)
            .Select(p => new PlanListItem(p.Id, p.Name, p.Workspace!.Name, p.Start, p.End, p.Currency, p.Budget, p.Actions.Count))
            .ToListAsync(ct);
        return TypedResults.Ok(plans);
    }

    private static async Task<Created<PlanDetail>> CreateAsync(PlanCreate body, HttpContext http, WorkspaceGate gate, PiloteDb db, TimeProvider clock,
        CancellationToken ct)
    {
        var caller = await ApiCaller.OfAsync(http, db, ct);
        int workspaceId;
        if (body.Workspace is { } w)
            workspaceId = w;
        else
        {
            var mine = await gate.WorkspacesAsync(http.User, ct);
            workspaceId = mine.Count == 1
                ? mine[0].Workspace.Id
                : throw new PiloteInputException(mine.Count == 0
                    ? "workspace: you are a member of no workspace"
                    : $"workspace: you belong to {mine.Count} workspaces; say which ({string.Join(", ", mine.Select(m => $"{m.Workspace.Id} {m.Workspace.Name}"))})");
        }
        await gate.RequireAsync(http.User, workspaceId, WorkspaceRole.Editor, ct);
        ApiChecks.Plan(body.Name, creating: true, body.Start, body.End, body.Budget);
        var plan = await new PlanService(db, clock).CreateAsync(workspaceId,
            new PlanFields(body.Name ?? "", body.Template, body.Start, body.End, body.Budget, body.Currency, body.Description, body.Culture), ct);
        var detail = await ApiReads.PlanAsync(db, plan.Id, clock, caller.French, ct);
        http.Response.Headers.ETag = ApiVersions.Tag(detail.Version);
        return TypedResults.Created($"{ApiSetup.Prefix}/plans/{plan.Id}", detail);
    }

    private static async Task<Ok<PlanDetail>> GetAsync(int id, HttpContext http, WorkspaceGate gate, PiloteDb db, TimeProvider clock, CancellationToken ct)
    {
        await gate.RequirePlanAsync(http.User, id, WorkspaceRole.Viewer, ct);
        var caller = await ApiCaller.OfAsync(http, db, ct);
        var detail = await ApiReads.PlanAsync(db, id, clock, caller.French, ct);
        return ApiVersions.Ok(http, detail, detail.Version);
    }

    private static async Task<IResult> PatchAsync(int id, PlanEdit body, HttpContext http, WorkspaceGate gate, PiloteDb db, TimeProvider clock,
        CancellationToken ct)
    {
        await gate.RequirePlanAsync(http.User, id, WorkspaceRole.Editor, ct);
        var caller = await ApiCaller.OfAsync(http, db, ct);
        ApiChecks.Plan(body.Name, creating: false, body.Start, body.End, body.Budget);
        return await ApiVersions.GuardedAsync(http, () => ApiReads.PlanAsync(db, id, clock, caller.French, ct), p => p.Version, async expected =>
        {
            await new PlanService(db, clock).UpdateAsync(id, body, expected, ct);
            db.ChangeTracker.Clear();
            var detail = await ApiReads.PlanAsync(db, id, clock, caller.French, ct);
            return ApiVersions.Ok(http, detail, detail.Version);
        });
    }

    private static async Task<IResult> DeleteAsync(int id, HttpContext http, WorkspaceGate gate, PiloteDb db, TimeProvider clock, CancellationToken ct)
    {
        await gate.RequirePlanAsync(http.User, id, WorkspaceRole.Admin, ct);
        var caller = await ApiCaller.OfAsync(http, db, ct);
        return await ApiVersions.GuardedAsync(http, () => ApiReads.PlanAsync(db, id, clock, caller.French, ct), p => p.Version, async expected =>
        {
            await new PlanService(db, clock).DeleteAsync(id, expected, ct);
            return TypedResults.NoContent();
        });
    }
}
