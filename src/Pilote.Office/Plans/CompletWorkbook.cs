using System.Globalization;
using Pilote.Actions;
using Pilote.Office.Common;
using Pilote.Plans;
using Pilote.Reviews;
using Pilote.Targets;
using S = Pilote.Office.Common.WorkbookStyles;

namespace Pilote.Office.Plans;

/// <summary>
/// The complete workbook: every sheet needed to rebuild the plan (plan, objectives, actions, comments, KPIs and
/// targets, measurements, budget by channel, the decision log, summary), each an Excel table a person can read and
/// filter. Every editable row carries its stable id and its version, so an edited copy can come back and say exactly
/// what changed since the export. Measurements, budget, decision log and summary are read-only: import ignores them.
/// </summary>
public static class CompletWorkbook
{
    public const string PlanSheet = "Plan", ObjectivesSheet = "Objectifs", ActionsSheet = "Actions", CommentsSheet = "Commentaires",
        KpisSheet = "KPIs & cibles", MeasuresSheet = "Mesures", BudgetSheet = "Budget par canal", DecisionsSheet = "Journal des décisions",
        SummarySheet = "Synthèse";

    public static readonly string[] SheetNames =
        [PlanSheet, ObjectivesSheet, ActionsSheet, CommentsSheet, KpisSheet, MeasuresSheet, BudgetSheet, DecisionsSheet, SummarySheet];

    /// <summary>
    /// The Plan sheet's columns holding the highest action and objective ids exported: what a later import needs to tell
    /// a row the person deleted from one created in Pilote since (ids only grow).
    /// </summary>
    public const string LastActionHeader = "dernier id action", LastObjectiveHeader = "dernier id objectif";

    /// <summary>The sheets Pilote reads back; the others are computed or logged and only shown.</summary>
    public static readonly string[] ReadOnlySheets = [MeasuresSheet, BudgetSheet, DecisionsSheet, SummarySheet];

    public static void Write(PlanReport report, IReadOnlyList<StoredMeasure> measures, IReadOnlyList<DecisionEntry> decisions,
        Stream output, DateTimeOffset now)
    {
        var plan = report.Plan;
        using var package = new WorkbookPackage(output, plan.Currency);
        foreach (var sheet in Sheets(report, measures, decisions))
            TableSheet.Write(package, sheet);
        package.Properties($"Plan complet — {plan.Name}", "Export complet de Pilote (réimportable)", plan.Description, now);
    }

    /// <summary>The sheets in order with their typed values: what <see cref="Write"/> styles and streams.</summary>
    public static IEnumerable<DataSheet> Sheets(PlanReport report, IReadOnlyList<StoredMeasure> measures, IReadOnlyList<DecisionEntry> decisions)
    {
        var plan = report.Plan;
        yield return new DataSheet(PlanSheet, "TPlan", $"Plan — {plan.Name}",
        [
            new("id", 6, S.Count), new("version", 8, S.Count), new("nom", 30), new("description", 50), new("début", 12, S.Date),
            new("fin", 12, S.Date), new("budget", 12, S.Money0), new("devise", 8), new("culture", 8), new("modèle", 12),
            new(LastActionHeader, 10, S.Count), new(LastObjectiveHeader, 10, S.Count),
        ],
        [[
            plan.Id, plan.Version, plan.Name, plan.Description, plan.Start, plan.End, plan.Budget, plan.Currency, plan.Culture, TemplateId(plan.Template),
            report.Actions.Select(a => a.Action.Id).DefaultIfEmpty().Max(), report.Objectives.Select(o => o.Objective.Id).DefaultIfEmpty().Max(),
        ]]);

        yield return new DataSheet(ObjectivesSheet, "TObjectifs", "Objectifs SMART",
        [
            new("id", 6, S.Count), new("version", 8, S.Count), new("énoncé", 50), new("kpi", 16), new("base", 10, S.Decimal),
            new("cible", 14), new("échéance", 12, S.Date), new("responsable", 16), new("SMART", 8), new("manque", 30),
        ],
        report.Objectives.Select(o => new object?[]
        {
            o.Objective.Id, o.Objective.Version, o.Objective.Statement, o.Objective.KpiKey, o.Objective.Baseline,
            o.Objective.TargetText, o.Objective.Deadline, o.Objective.Owner, o.Smart.Ok, string.Join(", ", o.Smart.Missing),
        }));

        yield return new DataSheet(ActionsSheet, "TActions", "Actions",
        [
            new("id", 6, S.Count), new("version", 8, S.Count), new("action", 34), new("canal_id", 12), new("canal", 16),
            new("type", 11), new("périodicité", 12), new("objectif", 28), new("objectifs liés", 10), new("responsable", 14),
            new("équipe", 12), new("début", 11.5, S.Date), new("fin", 11.5, S.Date), new("statut", 11), new("budget", 11, S.Money0),
            new("dépensé", 11, S.Money0), new("outils", 14), new("codes de suivi", 22), new(RowPrint.Header, 0),
        ],
        report.Actions.Select(r => r.Action).Select(a => Printed(
        [
            a.Id, a.Version, a.Title, a.Channel?.Key, a.Channel?.Name, a.Kind.Label(), a.Periodicity?.Label(), a.Aim,
            ObjectiveIds(a), a.Owner, a.Team, a.Start, a.Due, a.Status.Label(), a.PlannedBudget, a.Spent, a.Tools, Codes(a),
        ], ActionPrinted)));

        yield return new DataSheet(CommentsSheet, "TCommentaires", "Commentaires & ajustements (une ligne par commentaire)",
        [
            new("id", 6, S.Count), new("action_id", 9, S.Count), new("action", 30), new("date", 12, S.Date), new("auteur", 14),
            new("type", 12), new("texte", 60), new(RowPrint.Header, 0),
        ],
        report.Actions.SelectMany(r => r.Action.Comments.OrderBy(c => c.At).ThenBy(c => c.Id).Select(c => Printed(
        [
            c.Id, r.Action.Id, r.Action.Title, DateOnly.FromDateTime(c.At.UtcDateTime), c.Author, KindWord(c.Kind), c.Text,
        ], CommentPrinted))));

        yield return new DataSheet(KpisSheet, "TKpis", "KPIs et cibles",
        [
            new("id", 6, S.Count), new("version", 8, S.Count), new("action_id", 9, S.Count), new("action", 30), new("kpi", 16),
            new("nom", 20), new("cible", 12), new("échéance", 12, S.Date), new("réel", 12, S.Decimal), new("atteinte", 10, S.Percent0),
            new("attendu", 12, S.Decimal), new("rythme", 10, S.Percent0), new("prévision", 12, S.Decimal), new("statut", 14), new("raison", 40),
            new(RowPrint.Header, 0),
        ],
        report.Actions.SelectMany(r => r.Action.Kpis.OrderBy(k => k.Id).Zip(r.Kpis, (k, e) => Printed(
        [
            k.Id, k.Version, r.Action.Id, r.Action.Title, e.Kpi, e.Name, e.Target?.Text, k.Deadline ?? e.Deadline,
            Round(e.Actual), Round(e.Attainment), Round(e.Expected), Round(e.Pace), Round(e.Forecast?.Value), e.Status.ToId(), e.Reason,
        ], KpiPrinted))));

        var titles = report.Actions.ToDictionary(a => a.Action.Id, a => a.Action.Title);
        yield return new DataSheet(MeasuresSheet, "TMesures", "Mesures (lecture seule : importez les mesures avec « measures import »)",
        [
            new("action_id", 9, S.Count), new("action", 34), new("métrique", 16), new("du", 11.5, S.Date), new("au", 11.5, S.Date),
            new("valeur", 14, S.Decimal), new("source", 12),
        ],
        measures.Select(m => new object?[] { m.ActionId, titles.GetValueOrDefault(m.ActionId), m.Metric, m.Start, m.End, m.Value, m.Source }));

        var byChannel = report.Actions.Select(a => a.Action).GroupBy(a => a.Channel!.Key).ToList();
        yield return new DataSheet(BudgetSheet, "TBudget", "Budget par canal (formules sur la feuille Actions)",
        [
            new("canal_id", 12), new("canal", 20), new("actions", 9, S.Count), new("budget", 12, S.Money0), new("dépensé", 12, S.Money0),
        ],
        byChannel.Select(g =>
        {
            var key = "\"" + g.Key.Replace("\"", "\"\"") + "\"";
            return new object?[]
            {
                g.Key, g.First().Channel!.Name,
                new LiveFormula($"COUNTIF(TActions[canal_id],{key})", g.Count()),
                new LiveFormula($"SUMIFS(TActions[budget],TActions[canal_id],{key})", g.Sum(a => a.PlannedBudget ?? 0m)),
                new LiveFormula($"SUMIFS(TActions[dépensé],TActions[canal_id],{key})", g.Sum(a => a.Spent)),
            };
        }));

        yield return new DataSheet(DecisionsSheet, "TDecisions", "Journal des décisions (revues hebdomadaires, lecture seule)",
        [
            new("semaine", 10, S.Centered), new("action_id", 9, S.Count), new("action", 30), new("recommandé", 12, S.Centered),
            new("arbitrage", 18), new("raison", 50), new("par", 14), new("le", 12, S.Date),
        ],
        decisions.Select(d => new object?[]
        {
            d.Week, d.ActionId, d.Action, VerdictWords.Decision(d.Recommended, true), VerdictWords.Say(d.Verdict, d.Chosen, true), d.Reason, d.DecidedBy,
            d.DecidedOn,
        }));

        var statusRows = Enum.GetValues<ActionStatus>().Select(s => new object?[]
        {
            s.Label(), new LiveFormula($"COUNTIF(TActions[statut],\"{s.Label()}\")", report.Summary.ByStatus[s]),
        });
        yield return new DataSheet(SummarySheet, "TSynthese", "Synthèse (formules sur la feuille Actions)",
            [new("indicateur", 26, S.SummaryLabel), new("valeur", 14, S.SummaryCount)],
            statusRows.Prepend(["Total des actions", new LiveFormula("ROWS(TActions[id])", report.Summary.Actions)])
                .Append(["Budget prévu", new LiveFormula("SUM(TActions[budget])", report.Summary.Budget)])
                .Append(["Budget dépensé", new LiveFormula("SUM(TActions[dépensé])", report.Summary.Spent)]));
    }

    // The columns of each sheet that import reads back (all but id and version), in the order CompletReader hashes them.
    private static readonly int[] ActionPrinted = [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17];
    private static readonly int[] CommentPrinted = [1, 2, 3, 4, 5, 6];
    private static readonly int[] KpiPrinted = [2, 3, 4, 6, 7];

    /// <summary>The row with its fingerprint (<see cref="RowPrint"/>) appended.</summary>
    private static object?[] Printed(object?[] row, int[] columns)
    {
        var values = new object?[columns.Length];
        for (var i = 0; i < columns.Length; i++)
            values[i] = row[columns[i]];
        return [.. row, RowPrint.Of(values)];
    }

    /// <summary>The objectives an action serves, as "3, 7".</summary>
    public static string ObjectiveIds(PlanAction a) => a.Objectives.Count switch
    {
        // One row per action of a large plan: the usual cases without sorting or enumerators.
        0 => "",
        1 => a.Objectives[0].ObjectiveId.ToString(CultureInfo.InvariantCulture),
        _ => string.Join(", ", a.Objectives.Select(o => o.ObjectiveId).Order()),
    };

    /// <summary>Tracking codes one per line as kind:value ("utm:ete-2026", "promo:HIVER10"), so import knows each kind.</summary>
    public static string Codes(PlanAction a) => a.TrackingCodes.Count switch
    {
        0 => "",
        1 => CodeKind(a.TrackingCodes[0].Kind) + ":" + a.TrackingCodes[0].Value,
        _ => string.Join("\n", a.TrackingCodes.OrderBy(t => t.Id).Select(t => $"{CodeKind(t.Kind)}:{t.Value}")),
    };

    public static string CodeKind(TrackingKind kind) => kind switch
    {
        TrackingKind.UtmCampaign => "utm",
        TrackingKind.CampaignName => "campagne",
        TrackingKind.Alias => "alias",
        TrackingKind.PromoCode => "promo",
        _ => "url",
    };

    public static string KindWord(CommentKind kind) => kind == CommentKind.Adjustment ? "ajustement" : "commentaire";

    private static decimal? Round(decimal? value) => value is { } v ? Math.Round(v, 4) : null;

    private static string TemplateId(PlanTemplate t) => t switch
    {
        PlanTemplate.Numerique => "numerique",
        PlanTemplate.Vierge => "vierge",
        _ => "kpi-driven",
    };
}
