using Microsoft.EntityFrameworkCore;
using Pilote.Actions;
using Pilote.Common;
using Pilote.Data;
using Pilote.Kpis;

namespace Pilote.App.Api;

/// <summary>
/// Reads every field of a request with the domain's own parsers before the service runs, so that a 400 names each bad
/// field at once (the services stop at the first). The rules stay in the domain: this only calls them one by one.
/// </summary>
public static class ApiChecks
{
    public static async Task ActionAsync(PiloteDb db, int planId, ActionFields f, bool creating, CancellationToken ct)
    {
        var workspaceId = await db.Plans.AsNoTracking().Where(p => p.Id == planId).Select(p => p.WorkspaceId).FirstAsync(ct);
        var errors = new List<string>();
        if ((creating || f.Title is not null) && string.IsNullOrWhiteSpace(f.Title))
            errors.Add("title: an action needs a title");
        if (creating && string.IsNullOrWhiteSpace(f.Channel))
            errors.Add("channel: an action needs a channel");
        await TryAsync(errors, async () =>
        {
            if (!string.IsNullOrWhiteSpace(f.Channel))
                await CatalogLookup.ChannelAsync(db, workspaceId, f.Channel, "channel", ct);
        });
        await TryAsync(errors, async () =>
        {
            if (!string.IsNullOrWhiteSpace(f.Kpi))
                await CatalogLookup.KpiAsync(db, workspaceId, f.Kpi, "kpi", ct);
        });
        Try(errors, () => _ = f.Status is null ? default : ActionWords.ParseStatus(f.Status, "status"));
        Try(errors, () => _ = f.Kind is null ? default : ActionWords.ParseKind(f.Kind, "kind"));
        Try(errors, () => _ = f.Periodicity is null ? default : ActionWords.ParsePeriodicity(f.Periodicity, "periodicity"));
        Try(errors, () => Inputs.ParseOptionalDate(f.Start, "start"));
        Try(errors, () => Inputs.ParseOptionalDate(f.Due, "due"));
        Try(errors, () => Inputs.ParseOptionalAmount(f.Budget, "budget"));
        Try(errors, () => _ = f.Spent is null ? 0 : Inputs.ParseAmount(f.Spent, "spent"));
        Try(errors, () => Inputs.ParseOptionalAmount(f.Baseline, "baseline"));
        Throw(errors);
    }

    public static void Plan(string? name, bool creating, string? start, string? end, string? budget)
    {
        var errors = new List<string>();
        if ((creating || name is not null) && string.IsNullOrWhiteSpace(name))
            errors.Add("name: a plan needs a name");
        Try(errors, () => Inputs.ParseOptionalDate(start, "start"));
        Try(errors, () => Inputs.ParseOptionalDate(end, "end"));
        Try(errors, () => Inputs.ParseOptionalAmount(budget, "budget"));
        Throw(errors);
    }

    public static void Objective(string? statement, bool creating, string? deadline, string? baseline)
    {
        var errors = new List<string>();
        if ((creating || statement is not null) && string.IsNullOrWhiteSpace(statement))
            errors.Add("statement: an objective needs a statement");
        Try(errors, () => Inputs.ParseOptionalDate(deadline, "deadline"));
        Try(errors, () => Inputs.ParseOptionalAmount(baseline, "baseline"));
        Throw(errors);
    }

    private static void Try(List<string> errors, Func<object?> read)
    {
        try
        {
            read();
        }
        catch (PiloteInputException ex)
        {
            errors.Add(ex.Message);
        }
    }

    private static async Task TryAsync(List<string> errors, Func<Task> read)
    {
        try
        {
            await read();
        }
        catch (PiloteInputException ex)
        {
            errors.Add(ex.Message);
        }
    }

    private static void Throw(List<string> errors)
    {
        if (errors.Count > 0)
            throw new PiloteInputException(string.Join("\n", errors));
    }
}
