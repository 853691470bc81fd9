namespace Pilote.App.Layout;

/// <summary>The plan the person is looking at, per circuit: pages set it, the menu shows that plan's links.</summary>
public sealed class PlanNav
{
    public int? PlanId { get; private set; }
    public string? PlanName { get; private set; }
    public string? Workspace { get; private set; }
    public WorkspaceRoleView Role { get; private set; }

    public event Action? Changed;

    public void Set(int planId, string planName, string workspace, Pilote.Access.WorkspaceRole role)
    {
        if (PlanId == planId && Role.Role == role)
            return;
        (PlanId, PlanName, Workspace, Role) = (planId, planName, workspace, new WorkspaceRoleView(role));
        Changed?.Invoke();
    }
}

public readonly record struct WorkspaceRoleView(Pilote.Access.WorkspaceRole Role)
{
    public bool CanEdit => Role >= Pilote.Access.WorkspaceRole.Editor;

    public string Label => Pilote.Access.WorkspaceRoles.Word(Role, Ui.Fr);
}
