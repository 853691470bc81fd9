using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Pilote.Access;
using Pilote.App.Access;
using Pilote.Common;
using Pilote.Data;

namespace Pilote.App.Api;

public sealed record MemberDto(int User, string Email, string Role);

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record MemberSet(string? Email, string? Role);

/// <summary>The members as they are now, with the version a write must name (the body of a 412).</summary>
public sealed record MemberList(IReadOnlyList<MemberDto> Members, int Version);

/// <summary>/api/v1/workspaces/{id}/members: who can open a workspace and with which role (workspace admin only).</summary>
public static class MembersApi
{
    public static RouteGroupBuilder MapMembersApi(this RouteGroupBuilder api)
    {
        api.MapGet("/workspaces/{id:int}/members", ListAsync).WithSummary("The workspace's members and their roles (admin)");
        api.MapPut("/workspaces/{id:int}/members", SetAsync).WithMetadata(IfMatchRequired.Instance)
            .WithSummary("Give an existing user a role in the workspace (admin, If-Match of the member list)");
        return api;
    }

    private static async Task<Ok<List<MemberDto>>> ListAsync(int id, HttpContext http, WorkspaceGate gate, PiloteDb db, CancellationToken ct)
    {
        await gate.RequireAsync(http.User, id, WorkspaceRole.Admin, ct);
        return ApiVersions.Ok(http, await MembersAsync(db, id, ct), await VersionAsync(db, id, ct));
    }

    /// <summary>The member list's version is its workspace's: every grant moves it.</summary>
    private static Task<int> VersionAsync(PiloteDb db, int workspaceId, CancellationToken ct) =>
        db.Workspaces.AsNoTracking().Where(w => w.Id == workspaceId).Select(w => w.Version).FirstAsync(ct);

    private static async Task<IResult> SetAsync(int id, MemberSet body, HttpContext http, WorkspaceGate gate, PiloteDb db, TimeProvider clock,
        CancellationToken ct)
    {
        await gate.RequireAsync(http.User, id, WorkspaceRole.Admin, ct);
        var errors = new List<string>();
        var role = WorkspaceRoles.FromWord(body.Role);
        if (role is null)
            errors.Add($"role: '{body.Role}' is not admin, editor or viewer");
        var access = new AccessService(db, clock);
        var user = string.IsNullOrWhiteSpace(body.Email) ? null : await access.FindUserAsync(body.Email, ct);
        if (user is null)
            errors.Add($"email: no user '{body.Email}' (create them with pilote user add)");
        if (errors.Count > 0)
            throw new PiloteInputException(string.Join("\n", errors));
        return await ApiVersions.GuardedAsync(http, async () => new MemberList(await MembersAsync(db, id, ct), await VersionAsync(db, id, ct)), m => m.Version,
            async expected =>
        {
            await access.GrantAsync(user!.Id, id, role!.Value, expected, ct);
            return ApiVersions.Ok(http, await MembersAsync(db, id, ct), await VersionAsync(db, id, ct));
        });
    }

    private static async Task<List<MemberDto>> MembersAsync(PiloteDb db, int workspaceId, CancellationToken ct)
    {
        var rows = await db.WorkspaceMembers.AsNoTracking().Where(m => m.WorkspaceId == workspaceId)
            .Select(m => new { m.UserId, m.User!.Email, m.Role }).ToListAsync(ct);
        return [.. rows.OrderBy(r => r.Email).Select(r => new MemberDto(r.UserId, r.Email ?? "", r.Role.ToString().ToLowerInvariant()))];
    }
}
