using Pilote.Actions;
using Pilote.Common;
using Pilote.Plans;
using Pilote.Targets;

namespace Pilote.Objectives;

/// <summary>A SMART objective: a statement, the KPI that measures it, a quantified target, a deadline and an owner.</summary>
public sealed class Objective : IVersioned
{
    public int Id { get; set; }
    public int PlanId { get; set; }
    public Plan? Plan { get; set; }
    public required string Statement { get; set; }
    /// <summary>The catalog KPI that measures the objective (leads, cpl, taux_ouverture…).</summary>
    public string? KpiKey { get; set; }
    public decimal? Baseline { get; set; }
    /// <summary>The target as the person typed it; the parsed form sits beside it.</summary>
    public string? TargetText { get; set; }
    public Comparator? Comparator { get; set; }
    public decimal? TargetValue { get; set; }
    public decimal? TargetUpper { get; set; }
    public DateOnly? Deadline { get; set; }
    public string? Owner { get; set; }
    public int Version { get; set; }
    public List<ActionObjective> Actions { get; set; } = [];
}
