using Pilote.Actions;
using Pilote.Kpis;
using Pilote.Objectives;

namespace Pilote.Plans;

/// <summary>Where a plan stands as of a date: what <c>plan show</c>, the dashboard and the exports read.</summary>
public sealed record PlanReport(
    Plan Plan,
    DateOnly AsOf,
    IReadOnlyList<ObjectiveReport> Objectives,
    IReadOnlyList<ActionReport> Actions,
    PlanSummary Summary);

public sealed record ObjectiveReport(Objective Objective, SmartResult Smart);

public sealed record ActionReport(PlanAction Action, IReadOnlyList<KpiEvaluation> Kpis);

/// <summary>The source's "zone synthèse": actions in total and by status, budget planned and spent, KPIs by status.</summary>
public sealed record PlanSummary(
    int Actions,
    IReadOnlyDictionary<ActionStatus, int> ByStatus,
    decimal Budget,
    decimal Spent,
    IReadOnlyDictionary<Targets.KpiStatus, int> KpisByStatus);
