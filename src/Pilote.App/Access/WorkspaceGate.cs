using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Pilote.Access;
using Pilote.Common;
using Pilote.Data;
using Pilote.Plans;

namespace Pilote.App.Access;

/// <summary>
/// The one place pages and endpoints ask "may this person do this here?". Something in a workspace the person is not a
/// member of answers exactly like something that does not exist (NotFoundException → 404), so ids cannot be probed;
/// a member whose role is too low gets ForbiddenException (→ 403).
/// </summary>
public sealed class WorkspaceGate(PiloteDb db, TimeProvider clock)
{
    public static int? UserId(ClaimsPrincipal principal) =>
        int.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    public async Task<WorkspaceRole?> RoleAsync(ClaimsPrincipal principal, int workspaceId, CancellationToken ct = default) =>
        UserId(principal) is { } id ? await new AccessService(db, clock).RoleAsync(id, workspaceId, ct) : null;

    public async Task<IReadOnlyList<(Workspace Workspace, WorkspaceRole Role)>> WorkspacesAsync(ClaimsPrincipal principal, CancellationToken ct = default) =>
        UserId(principal) is { } id ? await new AccessService(db, clock).WorkspacesAsync(id, ct) : [];

    /// <summary>Checks the person's role in a workspace; <paramref name="what"/> names the thing for the 404 message.</summary>
    public async Task<WorkspaceRole> RequireAsync(ClaimsPrincipal principal, int workspaceId, WorkspaceRole minimum, string what,
        CancellationToken ct = default)
    {
        var role = await RoleAsync(principal, workspaceId, ct) ?? throw new NotFoundException($"{what} not found");
        if (role < minimum)
            throw new ForbiddenException($"{what}: the {minimum.ToString().ToLowerInvariant()} role is needed, you are {role.ToString().ToLowerInvariant()}");
        return role;
    }

    public async Task<WorkspaceRole> RequirePlanAsync(ClaimsPrincipal principal, int planId, WorkspaceRole minimum, CancellationToken ct = default)
    {
        var workspaceId = await db.Plans.AsNoTracking().Where(p => p.Id == planId).Select(p => (int?)p.WorkspaceId).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException($"plan {planId} not found");
        return await RequireAsync(principal, workspaceId, minimum, $"plan {planId}", ct);
    }

    public async Task<WorkspaceRole> RequireActionAsync(ClaimsPrincipal principal, int actionId, WorkspaceRole minimum, CancellationToken ct = default)
    {
        var workspaceId = await db.Actions.AsNoTracking().Where(a => a.Id == actionId).Select(a => (int?)a.Plan!.WorkspaceId).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException($"action {actionId} not found");
        return await RequireAsync(principal, workspaceId, minimum, $"action {actionId}", ct);
    }

    public async Task<WorkspaceRole> RequireObjectiveAsync(ClaimsPrincipal principal, int objectiveId, WorkspaceRole minimum, CancellationToken ct = default)
    {
        var workspaceId = await db.Objectives.AsNoTracking().Where(o => o.Id == objectiveId).Select(o => (int?)o.Plan!.WorkspaceId).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException($"objective {objectiveId} not found");
        return await RequireAsync(principal, workspaceId, minimum, $"objective {objectiveId}", ct);
    }

    public async Task<WorkspaceRole> RequireBatchAsync(ClaimsPrincipal principal, int batchId, WorkspaceRole minimum, CancellationToken ct = default)
    {
        var workspaceId = await db.ImportBatches.AsNoTracking().Where(b => b.Id == batchId).Select(b => (int?)b.WorkspaceId).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException($"import {batchId} not found");
        return await RequireAsync(principal, workspaceId, minimum, $"import {batchId}", ct);
    }
}
