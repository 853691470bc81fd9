using Microsoft.EntityFrameworkCore;
using Pilote.Actions;
using Pilote.App.Layout;
using Pilote.Common;
using Pilote.Data;

namespace Pilote.App.Actions;

/// <summary>The grid's columns, in the order of the source's action table (activité, canal, objectif, KPI, cible, responsable…).</summary>
public enum GridColumn
{
    Title,
    Channel,
    Aim,
    Kpi,
    Target,
    Owner,
    Start,
    Due,
    Status,
    Budget,
    Spent,
    Comment,
}

/// <summary>One action as the grid shows and edits it: every cell as the text a person reads and types.</summary>
public sealed class GridRow
{
    public int Id { get; init; }
    public int Version { get; set; }
    public Dictionary<GridColumn, string> Cells { get; init; } = [];
    public string ChannelName { get; set; } = "";
    public string KpiName { get; set; } = "";
    public List<string> Objectives { get; set; } = [];
    public ActionStatus Status { get; set; }
    public DateOnly? Start { get; set; }
    public DateOnly? Due { get; set; }
    public int Measurements { get; set; }

    /// <summary>Cells typed but refused (a bad date, an unknown status): shown as typed, marked invalid, until fixed or undone.</summary>
    public Dictionary<GridColumn, string> Pending { get; } = [];

    /// <summary>Bumped to make the browser redraw the row from the model (after "take theirs" or Escape on a refused cell).</summary>
    public int Render { get; set; }

    public string? Error { get; set; }

    public string this[GridColumn c] => Cells.TryGetValue(c, out var v) ? v : "";

    public static GridRow From(PlanAction a, int measurements = 0)
    {
        var kpi = a.Kpis.OrderBy(k => k.Id).FirstOrDefault();
        var last = a.Comments.OrderByDescending(c => c.At).ThenByDescending(c => c.Id).FirstOrDefault();
        return new GridRow
        {
            Id = a.Id,
            Version = a.Version,
            ChannelName = a.Channel is { } ch ? Ui.Name(ch.Name, ch.NameEn) : "",
            KpiName = kpi?.Kpi is { } definition ? Ui.Name(definition.Name, definition.NameEn) : "",
            Objectives = a.Objectives.Select(o => o.Objective?.Statement ?? "").Where(s => s.Length > 0).ToList(),
            Status = a.Status,
            Start = a.Start,
            Due = a.Due,
            Measurements = measurements,
            Cells = new()
            {
                [GridColumn.Title] = a.Title,
                [GridColumn.Channel] = a.Channel?.Key ?? "",
                [GridColumn.Aim] = a.Aim ?? "",
                [GridColumn.Kpi] = kpi?.Kpi?.Key ?? "",
                [GridColumn.Target] = kpi?.TargetText ?? "",
                [GridColumn.Owner] = a.Owner ?? "",
                [GridColumn.Start] = Ui.DateInput(a.Start),
                [GridColumn.Due] = Ui.DateInput(a.Due),
                [GridColumn.Status] = a.Status.Id(),
                [GridColumn.Budget] = a.PlannedBudget is { } b ? b.ToString("#,0.##", Ui.Culture) : "",
                [GridColumn.Spent] = a.Spent.ToString("#,0.##", Ui.Culture),
                [GridColumn.Comment] = last?.Text ?? "",
            },
        };
    }

    /// <summary>The fields to send to <see cref="ActionService"/> to set some cells; a comment cell adds a comment.</summary>
    public static ActionFields Fields(IReadOnlyDictionary<GridColumn, string> cells)
    {
        var f = new ActionFields();
        foreach (var (c, v) in cells)
            f = c switch
            {
                GridColumn.Title => f with { Title = v },
                GridColumn.Channel => f with { Channel = v },
                GridColumn.Aim => f with { Aim = v },
                GridColumn.Kpi => f with { Kpi = v },
                GridColumn.Target => f with { Target = v },
                GridColumn.Owner => f with { Owner = v },
                GridColumn.Start => f with { Start = v },
                GridColumn.Due => f with { Due = v },
                GridColumn.Status => f with { Status = v },
                GridColumn.Budget => f with { Budget = v },
                GridColumn.Spent => f with { Spent = string.IsNullOrWhiteSpace(v) ? "0" : v },
                _ => f with { Comment = v },
            };
        return f;
    }

    /// <summary>Loads one action, or every action of a plan, with what the grid shows.</summary>
    public static async Task<List<GridRow>> LoadAsync(PiloteDb db, int planId, int? actionId = null, CancellationToken ct = default)
    {
        var query = db.Actions.AsNoTracking()
            .Include(a => a.Channel)
            .Include(a => a.Kpis).ThenInclude(k => k.Kpi)
            .Include(a => a.Objectives).ThenInclude(o => o.Objective)
            .Include(a => a.Comments)
            .AsSplitQuery()
            .Where(a => a.PlanId == planId);
        if (actionId is { } id)
            query = query.Where(a => a.Id == id);
        var actions = await query.OrderBy(a => a.Position).ThenBy(a => a.Id).ToListAsync(ct);
        var ids = actions.Select(a => a.Id).ToList();
        var counts = await db.Measurements.AsNoTracking().Where(m => ids.Contains(m.ActionId))
            .GroupBy(m => m.ActionId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        return actions.Select(a => From(a, counts.GetValueOrDefault(a.Id))).ToList();
    }

    /// <summary>
    /// Deletes an action that was never measured. A measured action is kept (its numbers are the plan's history):
    /// the person is told to set it to "Abandonné" instead.
    /// </summary>
    public static async Task DeleteAsync(PiloteDb db, int actionId, CancellationToken ct = default)
    {
        if (await db.Measurements.AnyAsync(m => m.ActionId == actionId, ct))
            throw new PiloteInputException(Ui.T(
                "Cette action a des mesures : elle ne peut pas être supprimée. Passez-la en « Abandonné ».",
                "This action has measurements: it cannot be deleted. Set it to “Stopped” instead."));
        await db.Actions.Where(a => a.Id == actionId).ExecuteDeleteAsync(ct);
    }
}
