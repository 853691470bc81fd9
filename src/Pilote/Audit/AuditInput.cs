using Pilote.Kpis;
using Pilote.Plans;

namespace Pilote.Audit;

/// <summary>
/// Everything the audit reads beyond the plan itself, gathered once so that the rules stay plain functions.
/// </summary>
/// <param name="Plan">The plan with its objectives, actions (channel, KPIs with their definitions, tracking codes, objective links).</param>
/// <param name="AsOf">The day the audit is run for.</param>
/// <param name="Measured">Per action id: the last day measured and how many measurements it has (absent: none).</param>
/// <param name="ChannelKpis">Per channel id: the KPI keys the channel suggests.</param>
/// <param name="LastReview">The last day a weekly review of this plan was decided, if ever.</param>
/// <param name="Catalog">The workspace's KPIs by key, so that the web app's hints name them as its pages do (« Taux
/// d'engagement », not « taux_engagement »); without it, hints give the keys the command line takes.</param>
/// <param name="Spreadsheet">The plan is a spreadsheet's, put in the database only to be audited: it has no tracking codes,
/// measurements or reviews to have, so the rules about its life in Pilote say what to do once it is imported.</param>
public sealed record AuditInput(
    Plan Plan,
    DateOnly AsOf,
    IReadOnlyDictionary<int, MeasuredSpan> Measured,
    IReadOnlyDictionary<int, IReadOnlySet<string>> ChannelKpis,
    DateOnly? LastReview,
    IReadOnlyDictionary<string, KpiDefinition>? Catalog = null,
    bool Spreadsheet = false);

public sealed record MeasuredSpan(DateOnly LastDay, int Count);
