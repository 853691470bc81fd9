using Pilote.Actions;
using Pilote.Common;
using Pilote.Objectives;

namespace Pilote.Plans;

/// <summary>A marketing action plan over a period, with a budget in one currency.</summary>
public sealed class Plan : IVersioned
{
    public int Id { get; set; }
    public int WorkspaceId { get; set; }
    public Workspace? Workspace { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public DateOnly Start { get; set; }
    public DateOnly End { get; set; }
    public decimal? Budget { get; set; }
    public string Currency { get; set; } = "EUR";
    public string Culture { get; set; } = "fr-FR";
    public PlanTemplate Template { get; set; } = PlanTemplate.KpiDriven;
    public DateTimeOffset CreatedAt { get; set; }
    public int Version { get; set; }
    public List<Objective> Objectives { get; set; } = [];
    public List<PlanAction> Actions { get; set; } = [];
}

public enum PlanTemplate
{
    KpiDriven,
    Numerique,
    Vierge,
}
