using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Pilote.Access;
using Pilote.Actions;
using Pilote.App.Access;
using Pilote.App.Plans;
using Pilote.Common;
using Pilote.Data;

namespace Pilote.App.Api;

/// <summary>A target as it was set: reports show the target in force at the time.</summary>
public sealed record TargetChangeDto(string Text, string Comparator, decimal Value, decimal? Upper, DateTimeOffset ChangedAt, string? ChangedBy, string? Reason);

/// <summary>A KPI of an action, evaluated today, with the history of its target.</summary>
public sealed record ActionKpiDto(KpiDto Kpi, IReadOnlyList<TargetChangeDto> History, int ActionVersion);

/// <summary>A new target for a KPI of an action (<c>&lt;3€</c>, <c>5 000 leads</c>, <c>+20%</c>), with why it changed.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record TargetSet(string? Target, string? Reason = null, string? Baseline = null);

/// <summary>
/// /api/v1/actions/{id}/kpis: an action's KPIs and targets. A target change is a change of the action (its ETag), so
/// the PUT takes the action's If-Match.
/// </summary>
public static class KpisApi
{
    public static RouteGroupBuilder MapKpisApi(this RouteGroupBuilder api)
    {
        api.MapGet("/actions/{id:int}/kpis", ListAsync).WithSummary("The action's KPIs, each with its target history");
        api.MapGet("/actions/{id:int}/kpis/{kpi}", GetAsync).WithSummary("One KPI of the action with its target history (ETag: the action's)");
        api.MapPut("/actions/{id:int}/kpis/{kpi}/target", PutTargetAsync).WithMetadata(IfMatchRequired.Instance)
            .WithSummary("Set the KPI's target, adding the KPI to the action if needed (editor, If-Match of the action)");
        api.MapDelete("/actions/{id:int}/kpis/{kpi}", DeleteAsync).WithMetadata(IfMatchRequired.Instance)
            .WithSummary("Stop measuring this KPI on the action, with its target history (editor, If-Match of the action)");
        return api;
    }

    private static async Task<Ok<List<ActionKpiDto>>> ListAsync(int id, HttpContext http, WorkspaceGate gate, PiloteDb db, TimeProvider clock,
        CancellationToken ct)
    {
        await gate.RequireActionAsync(http.User, id, WorkspaceRole.Viewer, ct);
        var caller = await ApiCaller.OfAsync(http, db, ct);
        return TypedResults.Ok(await ReadAsync(db, id, clock, caller.French, ct));
    }

    private static async Task<Ok<ActionKpiDto>> GetAsync(int id, string kpi, HttpContext http, WorkspaceGate gate, PiloteDb db, TimeProvider clock,
        CancellationToken ct)
    {
        await gate.RequireActionAsync(http.User, id, WorkspaceRole.Viewer, ct);
        var caller = await ApiCaller.OfAsync(http, db, ct);
        var one = await OneAsync(db, id, kpi, clock, caller.French, ct);
        return ApiVersions.Ok(http, one, one.ActionVersion);
    }

    private static async Task<IResult> PutTargetAsync(int id, string kpi, TargetSet body, HttpContext http, WorkspaceGate gate, PiloteDb db,
        TimeProvider clock, CancellationToken ct)
    {
        await gate.RequireActionAsync(http.User, id, WorkspaceRole.Editor, ct);
        var caller = await ApiCaller.OfAsync(http, db, ct);
        if (string.IsNullOrWhiteSpace(body.Target))
            throw new PiloteInputException("target: say the target (<3€, 5 000 leads, >25%)");
        return await ApiVersions.GuardedAsync(http, () => ApiReads.ActionAsync(db, id, clock, caller.French, ct), a => a.Version, async expected =>
        {
            var fields = new ActionFields { Kpi = kpi, Target = body.Target, Baseline = body.Baseline, Reason = body.Reason };
            await new ActionService(db, clock).SetAsync(id, fields, caller.Author, expected, ct);
            db.ChangeTracker.Clear();
            var one = await OneAsync(db, id, kpi, clock, caller.French, ct);
            return ApiVersions.Ok(http, one, one.ActionVersion);
        });
    }

    private static async Task<IResult> DeleteAsync(int id, string kpi, HttpContext http, WorkspaceGate gate, PiloteDb db, TimeProvider clock,
        CancellationToken ct)
    {
        await gate.RequireActionAsync(http.User, id, WorkspaceRole.Editor, ct);
        var caller = await ApiCaller.OfAsync(http, db, ct);
        var kpis = await db.ActionKpis.AsNoTracking().Where(k => k.ActionId == id).Select(k => new { k.Id, k.Kpi!.Key, k.Kpi.Name }).ToListAsync(ct);
        var found = kpis.FirstOrDefault(k => Names(kpi, k.Key, k.Name))
            ?? throw new NotFoundException($"kpi '{kpi}' is not measured on action {id}");
        return await ApiVersions.GuardedAsync(http, () => ApiReads.ActionAsync(db, id, clock, caller.French, ct), a => a.Version, async expected =>
        {
            await new ActionService(db, clock).RemoveKpiAsync(id, found.Id, caller.Author, expected, ct);
            return TypedResults.NoContent();
        });
    }

    private static async Task<ActionKpiDto> OneAsync(PiloteDb db, int actionId, string kpi, TimeProvider clock, bool french, CancellationToken ct)
    {
        var all = await ReadAsync(db, actionId, clock, french, ct);
        return all.FirstOrDefault(k => Names(kpi, k.Kpi.Kpi, k.Kpi.Name))
            ?? throw new NotFoundException($"kpi '{kpi}' is not measured on action {actionId}");
    }

    // The URL names a KPI by its key or its name, in any case and with or without accents.
    private static bool Names(string asked, string key, string name) =>
        ActionWords.Fold(key) == ActionWords.Fold(asked) || ActionWords.Fold(name) == ActionWords.Fold(asked);

    private static async Task<List<ActionKpiDto>> ReadAsync(PiloteDb db, int actionId, TimeProvider clock, bool french, CancellationToken ct)
    {
        var action = await ApiReads.ActionAsync(db, actionId, clock, french, ct);
        var history = await db.ActionKpis.AsNoTracking().Where(k => k.ActionId == actionId)
            .Select(k => new { k.Kpi!.Key, k.History })
            .ToListAsync(ct);
        var byKey = history.ToDictionary(h => h.Key, h => h.History.OrderBy(c => c.ChangedAt).ThenBy(c => c.Id)
            .Select(c => new TargetChangeDto(c.Text, PlanDtos.ComparatorId(c.Comparator), c.Value, c.Upper, c.ChangedAt, c.ChangedBy, c.Reason)).ToList());
        return [.. action.Kpis.Select(k => new ActionKpiDto(k, byKey.GetValueOrDefault(k.Kpi) ?? [], action.Version))];
    }
}
