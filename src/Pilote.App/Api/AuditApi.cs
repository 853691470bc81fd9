using Microsoft.AspNetCore.Http.HttpResults;
using Pilote.Access;
using Pilote.App.Access;
using Pilote.Audit;
using Pilote.Common;
using Pilote.Data;

namespace Pilote.App.Api;

public sealed record FindingDto(string Rule, string Severity, string Subject, string SubjectType, int SubjectId, string Message, string Hint);

/// <summary>The audit as <c>pilote audit --json</c> prints it: {score, findings: [{rule, severity, subject, message, hint}]}.</summary>
public sealed record AuditDto(int Plan, DateOnly AsOf, int Score, IReadOnlyList<FindingDto> Findings);

/// <summary>GET /api/v1/plans/{id}/audit: what cannot be measured, owned or judged in the plan.</summary>
public static class AuditApi
{
    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder api)
    {
        api.MapGet("/plans/{id:int}/audit", AuditAsync).WithSummary("The plan's audit: a score from 0 to 100 and findings with a fix hint");
        return api;
    }

    private static async Task<Ok<AuditDto>> AuditAsync(int id, string? date, HttpContext http, WorkspaceGate gate, PiloteDb db, TimeProvider clock,
        CancellationToken ct)
    {
        await gate.RequirePlanAsync(http.User, id, WorkspaceRole.Viewer, ct);
        var caller = await ApiCaller.OfAsync(http, db, ct);
        var asOf = Inputs.ParseOptionalDate(date, "date") ?? ApiCaller.Today(clock);
        var result = await AuditService.AuditAsync(db, id, asOf, caller.French, ct);
        return TypedResults.Ok(new AuditDto(id, asOf, result.Score,
            [.. result.Findings.Select(f => new FindingDto(f.Rule, f.Severity.ToId(), f.Subject, f.SubjectType, f.SubjectId, f.Message, f.Hint))]));
    }
}
