using System.Globalization;
using System.Text.Json.Serialization;
using Pilote.Access;
using Pilote.App.Access;
using Pilote.App.Cli;
using Pilote.Common;
using Pilote.Data;
using Pilote.Reviews;

namespace Pilote.App.Api;

/// <summary>The team's decision on one recommendation: accept, change (to another decision) or reject, with why.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record DecisionCreate(int? Action, string? Decision, string? Reason, string? To = null, string? Date = null, string? Week = null);

public sealed record DecisionDto(string Week, int Id, int Action, string Recommended, string Verdict, string? Chosen, string Reason, string DecidedBy,
    DateTimeOffset DecidedAt);

/// <summary>
/// /api/v1/plans/{id}/review: the weekly review (the same JSON as <c>pilote review --json</c>) and the decision log.
/// </summary>
public static class ReviewsApi
{
    public static RouteGroupBuilder MapReviewsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/plans/{id:int}/review", GetAsync)
            .WithSummary("The review of the ISO week holding ?date= (or ?week=2026-W47; default last week): recommendations and reallocation");
        api.MapPost("/plans/{id:int}/review/decisions", DecideAsync).WithSummary("Record the team's decision on a recommendation (editor)");
        api.MapGet("/plans/{id:int}/review/decisions", LogAsync).WithSummary("The decision log, oldest first");
        return api;
    }

    private static async Task<IResult> GetAsync(int id, string? date, string? week, HttpContext http, WorkspaceGate gate, PiloteDb db,
        TimeProvider clock, CancellationToken ct)
    {
        await gate.RequirePlanAsync(http.User, id, WorkspaceRole.Viewer, ct);
        var caller = await ApiCaller.OfAsync(http, db, ct);
        var day = Day(week, date, clock);
        var result = await new ReviewService(db, clock).GetAsync(id, day, caller.French, ct);
        return Results.Ok(ReviewCommands.Dto(result));
    }

    private static async Task<IResult> DecideAsync(int id, DecisionCreate body, HttpContext http, WorkspaceGate gate, PiloteDb db, TimeProvider clock,
        CancellationToken ct)
    {
        await gate.RequirePlanAsync(http.User, id, WorkspaceRole.Editor, ct);
        var caller = await ApiCaller.OfAsync(http, db, ct);
        if (body.Action is not { } actionId)
            throw new PiloteInputException("action: say which action the decision is about (its id)");
        await gate.RequireActionAsync(http.User, actionId, WorkspaceRole.Editor, ct);
        var day = Day(body.Week, body.Date, clock);
        var (d, review) = await new ReviewService(db, clock).DecideAsync(id, day, actionId, body.Decision ?? "", body.To, body.Reason,
            caller.Author, caller.French, ct);
        var dto = new DecisionDto(review.Week, d.Id, d.ActionId, d.Recommended, d.Verdict.ToString().ToLowerInvariant(), d.Chosen, d.Reason, d.DecidedBy,
            d.DecidedAt);
        return Results.Created($"{ApiSetup.Prefix}/plans/{id}/review/decisions", dto);
    }

    private static async Task<IResult> LogAsync(int id, HttpContext http, WorkspaceGate gate, PiloteDb db, TimeProvider clock, CancellationToken ct)
    {
        await gate.RequirePlanAsync(http.User, id, WorkspaceRole.Viewer, ct);
        var log = await new ReviewService(db, clock).LogAsync(id, ct);
        return Results.Ok(log.Select(l => new DecisionDto(l.Week, l.Line.Id, l.Line.ActionId, l.Line.Recommended, l.Line.Verdict, l.Line.Chosen,
            l.Line.Reason, l.Line.DecidedBy, l.Line.DecidedAt)));
    }

    private static DateOnly Day(string? week, string? date, TimeProvider clock)
    {
        try
        {
            return ReviewCommands.Day(week, date, ApiCaller.Today(clock));
        }
        catch (PiloteInputException ex) when (ex.Message.StartsWith("--", StringComparison.Ordinal))
        {
            throw new PiloteInputException(ex.Message[2..]);
        }
    }
}
