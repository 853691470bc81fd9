using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Pilote.Access;
using Pilote.Actions;
using Pilote.App.Access;
using Pilote.Common;
using Pilote.Data;

namespace Pilote.App.Api;

/// <summary>
/// One recorded change of an action's field. <c>old</c> and <c>new</c> are invariant (ISO dates, 1234.5, status ids,
/// channel and KPI keys) for programs; <c>text</c> is the same change in the caller's language and formats.
/// </summary>
public sealed record ActionChangeDto(int Id, DateTimeOffset At, string By, string Field, string? Subject, string? Old, string? New, string Text);

/// <summary>/api/v1/actions/{id}/history: who changed which field of the action, when, from what to what (newest first).</summary>
public static class ActionHistoryApi
{
    public static RouteGroupBuilder MapActionHistoryApi(this RouteGroupBuilder api)
    {
        api.MapGet("/actions/{id:int}/history", ListAsync).WithSummary("The action's change history, field by field, newest first");
        return api;
    }

    private static async Task<Ok<List<ActionChangeDto>>> ListAsync(int id, HttpContext http, WorkspaceGate gate, PiloteDb db, CancellationToken ct)
    {
        await gate.RequireActionAsync(http.User, id, WorkspaceRole.Viewer, ct);
        var caller = await ApiCaller.OfAsync(http, db, ct);
        var plan = await db.Actions.AsNoTracking().Where(a => a.Id == id).Select(a => new { a.Plan!.WorkspaceId, a.Plan.Currency }).FirstAsync(ct);
        var channels = await db.Channels.AsNoTracking().Where(c => c.WorkspaceId == plan.WorkspaceId)
            .ToDictionaryAsync(c => c.Key, c => caller.French ? c.Name : c.NameEn ?? c.Name, ct);
        var changes = await db.ActionChanges.AsNoTracking().Where(c => c.ActionId == id).OrderByDescending(c => c.Id).ToListAsync(ct);
        var culture = Formats.Culture(caller.Culture);
        return TypedResults.Ok(changes.Select(c => new ActionChangeDto(c.Id, c.At, c.By, c.Field, c.Subject, c.OldValue, c.NewValue,
            ActionChangeWords.Line(c, caller.French, culture, plan.Currency, k => channels.GetValueOrDefault(k, k)))).ToList());
    }
}
