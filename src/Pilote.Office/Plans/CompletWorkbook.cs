using System.Globalization;
using Pilote.Actions;
using Pilote.Office.Common;
using Pilote.Plans;
using Pilote.Targets;
using S = Pilote.Office.Common.WorkbookStyles;

namespace Pilote.Office.Plans;

/// <summary>
/// The complete workbook: every sheet needed to rebuild the plan (plan, objectives, actions, KPIs and targets,
/// measurements, budget by channel, summary), each an Excel table a person can read and filter. Every row carries its
/// stable id and its version, so an edited copy can come back and say exactly what changed since the export.
/// </summary>
public static class CompletWorkbook
{
    public static readonly string[] SheetNames = ["Plan", "Objectifs", "Actions", "KPIs & cibles", "Mesures", "Budget par canal", "Synthèse"];

    public static void Write(PlanReport report, IReadOnlyList<StoredMeasure> measures, Stream output, DateTimeOffset now)
    {
        var plan = report.Plan;
        var inv = CultureInfo.InvariantCulture;
        using var package = new WorkbookPackage(output, plan.Currency);

        TableSheet.Write(package, "Plan", "TPlan", $"Plan — {plan.Name}",
        [
            new("id", 6, S.Count), new("version", 8, S.Count), new("nom", 30), new("description", 50), new("début", 12, S.Date),
            new("fin", 12, S.Date), new("budget", 12, S.Money0), new("devise", 8), new("culture", 8), new("modèle", 12),
        ],
        [[plan.Id, plan.Version, plan.Name, plan.Description, plan.Start, plan.End, plan.Budget, plan.Currency, plan.Culture, TemplateId(plan.Template)]]);

        TableSheet.Write(package, "Objectifs", "TObjectifs", "Objectifs SMART",
        [
            new("id", 6, S.Count), new("version", 8, S.Count), new("énoncé", 50), new("kpi", 16), new("base", 10, S.Decimal),
            new("cible", 14), new("échéance", 12, S.Date), new("responsable", 16), new("SMART", 8), new("manque", 30),
        ],
        report.Objectives.Select(o => new object?[]
        {
            o.Objective.Id, o.Objective.Version, o.Objective.Statement, o.Objective.KpiKey, o.Objective.Baseline,
            o.Objective.TargetText, o.Objective.Deadline, o.Objective.Owner, o.Smart.Ok, string.Join(", ", o.Smart.Missing),
        }));

        TableSheet.Write(package, "Actions", "TActions", "Actions",
        [
            new("id", 6, S.Count), new("version", 8, S.Count), new("action", 34), new("canal_id", 12), new("canal", 16),
            new("type", 11), new("périodicité", 12), new("objectif", 28), new("objectifs liés", 10), new("responsable", 14),
            new("équipe", 12), new("début", 11.5, S.Date), new("fin", 11.5, S.Date), new("statut", 11), new("budget", 11, S.Money0),
            new("dépensé", 11, S.Money0), new("outils", 14), new("codes de suivi", 18), new("commentaires", 40),
        ],
        report.Actions.Select(r => r.Action).Select(a => new object?[]
        {
            a.Id, a.Version, a.Title, a.Channel?.Key, a.Channel?.Name, a.Kind.Label(), a.Periodicity?.Label(), a.Aim,
            string.Join(", ", a.Objectives.Select(o => o.ObjectiveId).Order()), a.Owner, a.Team, a.Start, a.Due,
            a.Status.Label(), a.PlannedBudget, a.Spent, a.Tools,
            string.Join(", ", a.TrackingCodes.OrderBy(t => t.Id).Select(t => t.Value)),
            string.Join("\n", a.Comments.OrderBy(c => c.At).Select(c => $"{c.At.UtcDateTime.ToString("yyyy-MM-dd", inv)} {c.Author} : {c.Text}")),
        }));

        TableSheet.Write(package, "KPIs & cibles", "TKpis", "KPIs et cibles",
        [
            new("id", 6, S.Count), new("version", 8, S.Count), new("action_id", 9, S.Count), new("action", 30), new("kpi", 16),
            new("nom", 20), new("cible", 12), new("échéance", 12, S.Date), new("réel", 12, S.Decimal), new("atteinte", 10, S.Percent0),
            new("attendu", 12, S.Decimal), new("rythme", 10, S.Percent0), new("prévision", 12, S.Decimal), new("statut", 14), new("raison", 40),
        ],
        report.Actions.SelectMany(r => r.Action.Kpis.OrderBy(k => k.Id).Zip(r.Kpis, (k, e) => new object?[]
        {
            k.Id, k.Version, r.Action.Id, r.Action.Title, e.Kpi, e.Name, e.Target?.Text, k.Deadline ?? e.Deadline,
            Round(e.Actual), Round(e.Attainment), Round(e.Expected), Round(e.Pace), Round(e.Forecast?.Value), e.Status.ToId(), e.Reason,
        })));

        var titles = report.Actions.ToDictionary(a => a.Action.Id, a => a.Action.Title);
        TableSheet.Write(package, "Mesures", "TMesures", "Mesures",
        [
            new("action_id", 9, S.Count), new("action", 34), new("métrique", 16), new("du", 11.5, S.Date), new("au", 11.5, S.Date),
            new("valeur", 14, S.Decimal), new("source", 12),
        ],
        measures.Select(m => new object?[] { m.ActionId, titles.GetValueOrDefault(m.ActionId), m.Metric, m.Start, m.End, m.Value, m.Source }));

        var channels = report.Actions.Select(a => a.Action.Channel!).DistinctBy(c => c.Key).ToList();
        TableSheet.Write(package, "Budget par canal", "TBudget", "Budget par canal (formules sur la feuille Actions)",
        [
            new("canal_id", 12), new("canal", 20), new("actions", 9, S.Count), new("budget", 12, S.Money0), new("dépensé", 12, S.Money0),
        ],
        channels.Select(c =>
        {
            var mine = report.Actions.Where(a => a.Action.Channel!.Key == c.Key).Select(a => a.Action).ToList();
            var key = "\"" + c.Key.Replace("\"", "\"\"") + "\"";
            return new object?[]
            {
                c.Key, c.Name,
                new LiveFormula($"COUNTIF(TActions[canal_id],{key})", mine.Count),
                new LiveFormula($"SUMIFS(TActions[budget],TActions[canal_id],{key})", mine.Sum(a => a.PlannedBudget ?? 0m)),
                new LiveFormula($"SUMIFS(TActions[dépensé],TActions[canal_id],{key})", mine.Sum(a => a.Spent)),
            };
        }));

        var statusRows = Enum.GetValues<ActionStatus>().Select(s => new object?[]
        {
            s.Label(), new LiveFormula($"COUNTIF(TActions[statut],\"{s.Label()}\")", report.Summary.ByStatus[s]),
        });
        TableSheet.Write(package, "Synthèse", "TSynthese", "Synthèse (formules sur la feuille Actions)",
            [new("indicateur", 26, S.SummaryLabel), new("valeur", 14, S.SummaryCount)],
            statusRows.Prepend(["Total des actions", new LiveFormula("ROWS(TActions[id])", report.Summary.Actions)])
                .Append(["Budget prévu", new LiveFormula("SUM(TActions[budget])", report.Summary.Budget)])
                .Append(["Budget dépensé", new LiveFormula("SUM(TActions[dépensé])", report.Summary.Spent)]));

        package.Properties($"Plan complet — {plan.Name}", "Export complet de Pilote (réimportable)", plan.Description, now);
    }

    private static decimal? Round(decimal? value) => value is { } v ? Math.Round(v, 4) : null;

    private static string TemplateId(PlanTemplate t) => t switch
    {
        PlanTemplate.Numerique => "numerique",
        PlanTemplate.Vierge => "vierge",
        _ => "kpi-driven",
    };
}
