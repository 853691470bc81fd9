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

    /// <summary>Checks the person's role in a workspace.</summary>
    public Task<WorkspaceRole> RequireAsync(ClaimsPrincipal principal, int workspaceId, WorkspaceRole minimum, CancellationToken ct = default) =>
        RequireInAsync(principal, workspaceId, minimum, new Thing("espace", "workspace", workspaceId), ct);

    public async Task<WorkspaceRole> RequirePlanAsync(ClaimsPrincipal principal, int planId, WorkspaceRole minimum, CancellationToken ct = default)
    {
        var plan = new Thing("plan", "plan", planId);
        var workspaceId = await db.Plans.AsNoTracking().Where(p => p.Id == planId).Select(p => (int?)p.WorkspaceId).FirstOrDefaultAsync(ct)
            ?? throw plan.NotFound();
        return await RequireInAsync(principal, workspaceId, minimum, plan, ct);
    }

    public async Task<WorkspaceRole> RequireActionAsync(ClaimsPrincipal principal, int actionId, WorkspaceRole minimum, CancellationToken ct = default)
    {
        var action = new Thing("action", "action", actionId);
        var workspaceId = await db.Actions.AsNoTracking().Where(a => a.Id == actionId).Select(a => (int?)a.Plan!.WorkspaceId).FirstOrDefaultAsync(ct)
            ?? throw action.NotFound();
        return await RequireInAsync(principal, workspaceId, minimum, action, ct);
    }

    public async Task<WorkspaceRole> RequireObjectiveAsync(ClaimsPrincipal principal, int objectiveId, WorkspaceRole minimum, CancellationToken ct = default)
    {
        var objective = new Thing("objectif", "objective", objectiveId);
        var workspaceId = await db.Objectives.AsNoTracking().Where(o => o.Id == objectiveId).Select(o => (int?)o.Plan!.WorkspaceId).FirstOrDefaultAsync(ct)
            ?? throw objective.NotFound();
        return await RequireInAsync(principal, workspaceId, minimum, objective, ct);
    }

    public async Task<WorkspaceRole> RequireBatchAsync(ClaimsPrincipal principal, int batchId, WorkspaceRole minimum, CancellationToken ct = default)
    {
        var batch = new Thing("import", "import", batchId);
        var workspaceId = await db.ImportBatches.AsNoTracking().Where(b => b.Id == batchId).Select(b => (int?)b.WorkspaceId).FirstOrDefaultAsync(ct)
            ?? throw batch.NotFound();
        return await RequireInAsync(principal, workspaceId, minimum, batch, ct);
    }

    private async Task<WorkspaceRole> RequireInAsync(ClaimsPrincipal principal, int workspaceId, WorkspaceRole minimum, Thing what, CancellationToken ct)
    {
        // Not a member: the same answer as for something that does not exist, so that ids cannot be probed.
        var role = await RoleAsync(principal, workspaceId, ct) ?? throw what.NotFound();
        if (role < minimum)
            throw new ForbiddenException($"{what.English}: the {WorkspaceRoles.Word(minimum, false)} role is needed, you are {WorkspaceRoles.Word(role, false)}")
            {
                French = $"{what.French} : il faut le rôle {WorkspaceRoles.Word(minimum, true)}, vous êtes {WorkspaceRoles.Word(role, true)}",
            };
        return role;
    }

    /// <summary>
    /// What the person asked for, named as the domain's own refusals name it (« plan n°12 introuvable », "plan #12 not
    /// found"): the API answers in English, as all its problems; the pages show the French to a French reader.
    /// </summary>
    private sealed record Thing(string FrenchWord, string EnglishWord, int Id)
    {
        public string French => $"{FrenchWord} n°{Id.ToString(CultureInfo.InvariantCulture)}";
        public string English => $"{EnglishWord} #{Id.ToString(CultureInfo.InvariantCulture)}";

        public NotFoundException NotFound() => new($"{English} not found") { French = $"{French} introuvable" };
    }
}
