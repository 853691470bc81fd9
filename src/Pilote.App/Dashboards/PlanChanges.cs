namespace Pilote.App.Dashboards;

/// <summary>
/// Tells open pages that a plan's numbers moved (an import, a measurement, an edit) in this process. Changes made by
/// another process (the CLI, another app instance) are caught by the pages' poll of <c>DashboardService.StampAsync</c>.
/// </summary>
public sealed class PlanChanges
{
    public event Action<int?>? Changed;

    /// <summary>Null means "any plan" (an import matched across every plan of a workspace).</summary>
    public void Notify(int? planId) => Changed?.Invoke(planId);
}
