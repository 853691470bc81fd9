using Pilote.Actions;
using Pilote.Audit;
using Pilote.Common;
using Pilote.Kpis;
using Pilote.Objectives;
using Pilote.Plans;
using Pilote.Targets;

namespace Pilote.Reports;

/// <summary>
/// Builds the committee report from what Pilote already computes: the plan report (KPIs as of the end date),
/// the audit and the decision log. Plain functions: the numbers are the ones <c>plan show</c> prints.
/// </summary>
public static class CommitteeReportBuilder
{
    public const string Navy = "1F3864";
    public const string Green = "548235";
    public const string Grey = "A5A5A5";
    public const string Amber = "C55A11";

    public static CommitteeReport Build(
        PlanReport report,
        IReadOnlyDictionary<string, MetricSpec> specs,
        IReadOnlyDictionary<string, KpiDefinition> kpis,
        Func<int, IReadOnlyList<MetricPoint>> pointsOf,
        DateOnly from,
        AuditResult audit,
        IReadOnlyList<ReportDecision> decisions,
        bool french,
        DateTimeOffset now)
    {
        var plan = report.Plan;
        var to = report.AsOf;
        var culture = Formats.ForReader(french, plan.Culture).Name;
        var w = new ReportWords(french, culture, plan.Currency);
        var lines = report.Actions
            .SelectMany(a => a.Kpis.Select(k => (a.Action, Kpi: Line(a.Action, k, pointsOf(a.Action.Id), specs, from, to, french))))
            .ToList();

        var sections = new List<ObjectiveSection>();
        foreach (var o in report.Objectives)
        {
            var serving = plan.Actions.Where(a => a.Objectives.Any(l => l.ObjectiveId == o.Objective.Id)).Select(a => a.Id).ToHashSet();
            var kpiLines = lines.Where(l => serving.Contains(l.Action.Id)).Select(l => l.Kpi).ToList();
            var headline = Headline(plan, o.Objective, kpis, serving, pointsOf, specs, from, to, w);
            // An objective nothing measures says whether no action serves it or its actions have no KPI: the fix differs.
            var noKpis = serving.Count == 0
                ? w.T("Aucune action ne sert cet objectif : rien ne le mesure.", "No action serves this objective: nothing measures it.")
                : w.T($"{Formats.Many(serving.Count, "action sert", "actions servent", true)} cet objectif, sans aucun indicateur : rien ne le mesure.",
                    $"{Formats.Many(serving.Count, "action serves", "actions serve", false)} this objective, with no KPI: nothing measures it.");
            sections.Add(new ObjectiveSection(o.Objective.Id, o.Objective.Statement, o.Objective.TargetText, o.Objective.Deadline,
                o.Objective.Owner, [.. o.Smart.Missing.Select(m => SmartCheck.Label(m, french))], headline, kpiLines,
                AttainmentChart(w, headline, kpiLines), noKpis));
        }

        // Actions that serve no objective still spend money: the committee sees them too.
        var orphans = lines.Where(l => l.Action.Objectives.Count == 0).Select(l => l.Kpi).ToList();
        if (orphans.Count > 0)
            sections.Add(new ObjectiveSection(null, w.T("Actions sans objectif", "Actions serving no objective"), null, null, null, [], null,
                orphans, AttainmentChart(w, null, orphans)));

        var byStatus = Enum.GetValues<KpiStatus>()
            .Select(s => (s, report.Summary.KpisByStatus.GetValueOrDefault(s)))
            .Where(x => x.Item2 > 0)
            .ToList();
        var kpiChart = new ReportChart(w.T("Indicateurs par statut", "KPIs by status"),
            [.. byStatus.Select(s => s.s.Label(french))],
            [new ChartSeries(w.T("Indicateurs", "KPIs"), Navy, [.. byStatus.Select(s => (decimal?)s.Item2)], [.. byStatus.Select(s => ReportWords.StatusColour(s.s))])],
            ChartValues.Count,
            Empty: plan.Actions.Count == 0
                ? w.T("Aucun indicateur : le plan n'a encore aucune action.", "No KPI: the plan has no action yet.")
                : w.T("Aucun indicateur : aucune action du plan n'a de KPI, rien ne peut être jugé.", "No KPI: no action in the plan has one, nothing can be judged."));
        // The channels with money, largest first; past eight the rest share one bar so the chart stays legible.
        var channels = plan.Actions.Where(a => a.PlannedBudget is > 0 || a.Spent > 0)
            .GroupBy(a => a.Channel is { } c ? (french ? c.Name : c.NameEn ?? c.Name) : "?")
            .Select(g => (Name: g.Key, Planned: g.Sum(a => a.PlannedBudget ?? 0m), Spent: g.Sum(a => a.Spent)))
            .OrderByDescending(g => Math.Max(g.Planned, g.Spent)).ToList();
        if (channels.Count > 8)
            channels = [.. channels.Take(7), (w.T("Autres canaux", "Other channels"), channels.Skip(7).Sum(g => g.Planned), channels.Skip(7).Sum(g => g.Spent))];
        var budgetChart = new ReportChart(w.T("Budget par canal : prévu et dépensé", "Budget by channel: planned and spent") + w.AsOfToday(to, now),
            [.. channels.Select(g => g.Name)],
            [
                new ChartSeries(w.T("Prévu", "Planned"), Grey, [.. channels.Select(g => (decimal?)g.Planned)]),
                new ChartSeries(w.T("Dépensé", "Spent"), Navy, [.. channels.Select(g => (decimal?)g.Spent)]),
            ],
            ChartValues.Money,
            Empty: w.T("Aucun budget prévu ni dépensé sur les actions du plan.", "No budget planned or spent on the plan's actions."));
        var summary = new ReportSummary(plan.Budget, report.Summary.Budget, report.Summary.Spent, report.Summary.Actions,
            plan.Actions.Count(a => a.Status is ActionStatus.Live or ActionStatus.InProgress),
            byStatus, kpiChart, budgetChart);

        return new CommitteeReport(plan.Id, plan.Name, plan.Description, plan.Start, plan.End, from, to, plan.Currency,
            culture, french, now, summary, sections, decisions, audit);
    }

    private static ReportKpi Line(PlanAction action, KpiEvaluation k, IReadOnlyList<MetricPoint> points,
        IReadOnlyDictionary<string, MetricSpec> specs, DateOnly from, DateOnly to, bool french) =>
        new(action.Id, action.Title, k.Kpi, k.Label(french), k.Unit, k.Target?.Text, k.Actual, k.ActualIsLowerBound,
            PeriodValue(k.Expression, points, specs, from > k.From ? from : k.From, to < k.Deadline ? to : k.Deadline),
            k.Attainment, k.Pace, k.Forecast?.Value, k.Status, k.Actual is null ? k.Why(french) : null);

    /// <summary>The KPI over the reported period alone: a ratio of the period's sums, like every KPI.</summary>
    private static decimal? PeriodValue(string expression, IReadOnlyList<MetricPoint> points, IReadOnlyDictionary<string, MetricSpec> specs, DateOnly from, DateOnly to)
    {
        if (to < from)
            return null;
        return KpiExpression.TryParse(expression)?.Evaluate(MetricAggregator.Aggregate(points, specs, from, to)).Value;
    }

    /// <summary>
    /// The objective's own KPI, evaluated like an action's over the measurements of every action serving it, from the
    /// plan's start to the objective's deadline: « 400 leads » is judged on the leads of all its actions together.
    /// </summary>
    private static ReportKpi? Headline(Plan plan, Objective o, IReadOnlyDictionary<string, KpiDefinition> kpis, IReadOnlySet<int> serving,
        Func<int, IReadOnlyList<MetricPoint>> pointsOf, IReadOnlyDictionary<string, MetricSpec> specs, DateOnly from, DateOnly to, ReportWords w)
    {
        if (o.KpiKey is null || !kpis.TryGetValue(o.KpiKey, out var def))
            return null;
        var whole = new PlanAction { Title = o.Statement, Start = plan.Start, Due = o.Deadline ?? plan.End };
        var target = new ActionKpi
        {
            Kpi = def, KpiId = def.Id, TargetText = o.TargetText, Comparator = o.Comparator, TargetValue = o.TargetValue,
            TargetUpper = o.TargetUpper, Baseline = o.Baseline, Kind = def.DefaultKind, Deadline = o.Deadline,
        };
        List<MetricPoint> points = [.. serving.SelectMany(pointsOf)];
        var eval = ActionKpiEvaluator.Evaluate(plan, whole, target, def, points, specs, to);
        string? why = null;
        if (eval.Actual is null)
        {
            // « Conversions : — » alone tells the committee nothing: say that no serving action measures what the KPI needs.
            var needed = KpiExpression.TryParse(def.Expression)?.Metrics ?? [];
            var unmeasured = needed.Where(m => !points.Any(p => string.Equals(p.Metric, m, StringComparison.OrdinalIgnoreCase))).ToList();
            why = serving.Count == 0
                ? w.T("aucune action ne sert cet objectif", "no action serves this objective")
                : unmeasured.Count > 0 && to >= eval.From
                    ? w.T($"aucune des actions qui servent cet objectif n'a mesuré {string.Join(", ", unmeasured)} au {w.Date(to)}",
                        $"none of the actions serving this objective has measured {string.Join(", ", unmeasured)} as of {w.Date(to)}")
                    : eval.Why(w.French);
        }
        return new ReportKpi(null, null, eval.Kpi, eval.Label(w.French), eval.Unit, eval.Target?.Text, eval.Actual, eval.ActualIsLowerBound,
            PeriodValue(def.Expression, points, specs, from > eval.From ? from : eval.From, to < eval.Deadline ? to : eval.Deadline),
            eval.Attainment, eval.Pace, eval.Forecast?.Value, eval.Status, why);
    }

    private static ReportChart? AttainmentChart(ReportWords w, ReportKpi? headline, IReadOnlyList<ReportKpi> lines)
    {
        var bars = new List<(string Label, decimal Value, KpiStatus Status)>();
        if (headline?.Attainment is { } h)
            bars.Add((w.T("Objectif", "Objective") + " — " + headline.Name, h, headline.Status));
        bars.AddRange(lines.Where(l => l.Attainment is not null).Select(l => ($"{l.Name} — {Short(l.Action)}", l.Attainment!.Value, l.Status)));
        if (bars.Count == 0)
            return null;
        return new ReportChart(w.T("Atteinte des cibles", "Target attainment"), [.. bars.Select(b => b.Label)],
            [new ChartSeries(w.T("Atteinte", "Attainment"), Green, [.. bars.Select(b => (decimal?)Math.Round(b.Value, 4))], [.. bars.Select(b => ReportWords.StatusColour(b.Status))])],
            ChartValues.Percent, 1m);
    }

    /// <summary>Chart labels stay readable: long action titles are cut at a word.</summary>
    public static string Short(string? text, int max = 32)
    {
        if (text is null || text.Length <= max)
            return text ?? "";
        var cut = text.LastIndexOf(' ', max - 1);
        return text[..(cut > max / 2 ? cut : max - 1)] + "…";
    }
}
