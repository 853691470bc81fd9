using Microsoft.AspNetCore.Http.HttpResults;
using Pilote.Access;
using Pilote.App.Access;
using Pilote.App.Plans;
using Pilote.Data;
using Pilote.Objectives;

namespace Pilote.App.Api;

/// <summary>/api/v1/plans/{id}/objectives and /api/v1/objectives/{id}: SMART objectives with their check.</summary>
public static class ObjectivesApi
{
    public static RouteGroupBuilder MapObjectivesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/plans/{id:int}/objectives", ListAsync).WithSummary("The plan's objectives with their SMART check");
        api.MapPost("/plans/{id:int}/objectives", CreateAsync).WithSummary("Add an objective (editor)");
        api.MapGet("/objectives/{id:int}", GetAsync).WithSummary("One objective");
        api.MapPatch("/objectives/{id:int}", PatchAsync).WithMetadata(IfMatchRequired.Instance).WithSummary("Edit an objective (editor, If-Match); an empty text clears a field");
        api.MapDelete("/objectives/{id:int}", DeleteAsync).WithMetadata(IfMatchRequired.Instance).WithSummary("Delete an objective; its actions stay (editor, If-Match)");
        return api;
    }

    private static async Task<Ok<IReadOnlyList<ObjectiveDto>>> ListAsync(int id, HttpContext http, WorkspaceGate gate, PiloteDb db, TimeProvider clock,
        CancellationToken ct)
    {
        await gate.RequirePlanAsync(http.User, id, WorkspaceRole.Viewer, ct);
        var caller = await ApiCaller.OfAsync(http, db, ct);
        return TypedResults.Ok((await ApiReads.PlanAsync(db, id, clock, caller.French, ct)).Objectives);
    }

    private static async Task<Created<ObjectiveDto>> CreateAsync(int id, ObjectiveChanges body, HttpContext http, WorkspaceGate gate, PiloteDb db,
        TimeProvider clock, CancellationToken ct)
    {
        await gate.RequirePlanAsync(http.User, id, WorkspaceRole.Editor, ct);
        var caller = await ApiCaller.OfAsync(http, db, ct);
        ApiChecks.Objective(body.Statement, creating: true, body.Deadline, body.Baseline);
        var objective = await new ObjectiveService(db).AddAsync(id,
            new ObjectiveFields(body.Statement ?? "", body.Kpi, body.Target, body.Baseline, body.Deadline, body.Owner), ct);
        db.ChangeTracker.Clear();
        var dto = await ApiReads.ObjectiveAsync(db, objective.Id, clock, caller.French, ct);
        http.Response.Headers.ETag = ApiVersions.Tag(dto.Version);
        return TypedResults.Created($"{ApiSetup.Prefix}/objectives/{objective.Id}", dto);
    }

    private static async Task<Ok<ObjectiveDto>> GetAsync(int id, HttpContext http, WorkspaceGate gate, PiloteDb db, TimeProvider clock, CancellationToken ct)
    {
        await gate.RequireObjectiveAsync(http.User, id, WorkspaceRole.Viewer, ct);
        var caller = await ApiCaller.OfAsync(http, db, ct);
        var dto = await ApiReads.ObjectiveAsync(db, id, clock, caller.French, ct);
        return ApiVersions.Ok(http, dto, dto.Version);
    }

    private static async Task<IResult> PatchAsync(int id, ObjectiveChanges body, HttpContext http, WorkspaceGate gate, PiloteDb db, TimeProvider clock,
        CancellationToken ct)
    {
        await gate.RequireObjectiveAsync(http.User, id, WorkspaceRole.Editor, ct);
        var caller = await ApiCaller.OfAsync(http, db, ct);
        ApiChecks.Objective(body.Statement, creating: false, body.Deadline, body.Baseline);
        return await ApiVersions.GuardedAsync(http, () => ApiReads.ObjectiveAsync(db, id, clock, caller.French, ct), o => o.Version, async expected =>
        {
            await new ObjectiveService(db).SetAsync(id, body, expected, ct);
            db.ChangeTracker.Clear();
            var dto = await ApiReads.ObjectiveAsync(db, id, clock, caller.French, ct);
            return ApiVersions.Ok(http, dto, dto.Version);
        });
    }

    private static async Task<IResult> DeleteAsync(int id, HttpContext http, WorkspaceGate gate, PiloteDb db, TimeProvider clock, CancellationToken ct)
    {
        await gate.RequireObjectiveAsync(http.User, id, WorkspaceRole.Editor, ct);
        var caller = await ApiCaller.OfAsync(http, db, ct);
        return await ApiVersions.GuardedAsync(http, () => ApiReads.ObjectiveAsync(db, id, clock, caller.French, ct), o => o.Version, async expected =>
        {
            await new ObjectiveService(db).DeleteAsync(id, expected, ct);
            return TypedResults.NoContent();
        });
    }
}
