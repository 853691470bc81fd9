using Pilote.Common;
using Pilote.Kpis;
using Pilote.Plans;
using Pilote.Strategy;

namespace Pilote.Actions;

/// <summary>
/// One line of the action table: what is done, on which channel, for which objectives, measured by which KPIs,
/// by whom, when, with what budget. Named PlanAction in code so it never collides with System.Action.
/// </summary>
public sealed class PlanAction : IVersioned
{
    public int Id { get; set; }
    public int PlanId { get; set; }
    public Plan? Plan { get; set; }
    public required string Title { get; set; }
    public int ChannelId { get; set; }
    public Channel? Channel { get; set; }
    public ActionKind Kind { get; set; } = ActionKind.OneOff;
    public Periodicity? Periodicity { get; set; }
    public string? Owner { get; set; }
    public string? Team { get; set; }
    public DateOnly? Start { get; set; }
    public DateOnly? Due { get; set; }
    public ActionStatus Status { get; set; } = ActionStatus.Planned;
    public decimal? PlannedBudget { get; set; }
    public decimal Spent { get; set; }
    public string? Tools { get; set; }
    public int? ProductId { get; set; }
    public Product? Product { get; set; }
    /// <summary>What the action is supposed to achieve, in the words of the plan (the table's "Objectif" column).</summary>
    public string? Aim { get; set; }
    public int Position { get; set; }
    public int Version { get; set; }
    public List<ActionObjective> Objectives { get; set; } = [];
    public List<ActionKpi> Kpis { get; set; } = [];
    public List<TrackingCode> TrackingCodes { get; set; } = [];
    public List<ActionComment> Comments { get; set; } = [];
}

/// <summary>Links an action to the objectives it serves (many to many).</summary>
public sealed class ActionObjective
{
    public int ActionId { get; set; }
    public PlanAction? Action { get; set; }
    public int ObjectiveId { get; set; }
    public Objectives.Objective? Objective { get; set; }
}
