using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Pilote.Access;
using Pilote.App.Access;
using Pilote.Common;
using Pilote.Data;

namespace Pilote.App.Layout;

/// <summary>
/// A page about one plan. The gate runs first: a plan that does not exist and a plan in another workspace both end
/// on the same "not found" page; a viewer gets a read-only page and every write asks the gate again for the editor role.
/// Each load or save opens its own short-lived context (a circuit lives for hours; a context should not).
/// </summary>
public abstract class PlanPageBase : ComponentBase
{
    [Inject] protected DatabaseTarget Target { get; set; } = default!;
    [Inject] protected TimeProvider Clock { get; set; } = default!;
    [Inject] protected PlanNav Nav { get; set; } = default!;
    [Inject] protected NavigationManager Navigation { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;

    [Parameter] public int PlanId { get; set; }

    protected ClaimsPrincipal User { get; private set; } = new();
    protected WorkspaceRoleView Role { get; private set; }
    protected bool Ready { get; private set; }
    protected string Currency { get; private set; } = "EUR";

    /// <summary>How the person is named in comments and target history: their display name, else their email.</summary>
    protected string Author => User.FindFirstValue(ClaimTypes.Name) ?? "web";

    protected DateOnly Today => DateOnly.FromDateTime(Clock.GetLocalNow().DateTime);

    protected PiloteDb Open() => Target.Open();

    protected override async Task OnParametersSetAsync()
    {
        User = (await AuthState).User;
        await using (var db = Open())
        {
            try
            {
                var role = await new WorkspaceGate(db, Clock).RequirePlanAsync(User, PlanId, WorkspaceRole.Viewer);
                var plan = await db.Plans.AsNoTracking().Where(p => p.Id == PlanId)
                    .Select(p => new { p.Name, p.Currency, Workspace = p.Workspace!.Name }).FirstAsync();
                Role = new WorkspaceRoleView(role);
                Currency = plan.Currency;
                Nav.Set(PlanId, plan.Name, plan.Workspace, role);
            }
            catch (NotFoundException)
            {
                Ready = false;
                Navigation.NotFound();
                return;
            }
        }
        await LoadAsync();
        Ready = true;
    }

    protected abstract Task LoadAsync();

    /// <summary>Asks the gate again before a write: the role may have changed since the page opened.</summary>
    protected async Task RequireEditorAsync(PiloteDb db) =>
        await new WorkspaceGate(db, Clock).RequirePlanAsync(User, PlanId, WorkspaceRole.Editor);
}
