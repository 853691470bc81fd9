using System.Globalization;
using Pilote.Actions;
using Pilote.Common;
using Pilote.Kpis;
using Pilote.Plans;
using Pilote.Targets;

namespace Pilote.Reviews;

/// <summary>Builds the weekly review of a loaded plan from its measurements: plain functions, no database.</summary>
public static class ReviewBuilder
{
    public static DateOnly Monday(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    public static string WeekId(DateOnly monday)
    {
        var d = monday.ToDateTime(TimeOnly.MinValue);
        return $"{ISOWeek.GetYear(d)}-W{ISOWeek.GetWeekOfYear(d):00}";
    }

    public static ReviewResult Build(
        Plan plan,
        IReadOnlyDictionary<string, MetricSpec> specs,
        Func<int, IReadOnlyList<MetricPoint>> pointsOf,
        DateOnly weekStart,
        bool french,
        DateTimeOffset now,
        ReallocationOptions? options = null)
    {
        var weekEnd = weekStart.AddDays(6);
        var culture = Formats.ForReader(french, plan.Culture);
        var w = new Words(french, culture, plan.Currency);
        // Only what was measured up to the end of the week counts: a review of week 40 ignores week 41's rows.
        IReadOnlyList<MetricPoint> Upto(int id) => [.. pointsOf(id).Where(p => p.End <= weekEnd)];
        var report = PlanReportBuilder.Build(plan, specs, Upto, weekEnd);

        var kpiLines = new List<KpiLine>();
        var recommendations = new List<RecommendationLine>();
        var spendLines = new List<(SpendLine Line, PlanAction Action, SpendKpi Kpi)>();
        var notes = new List<string>();
        var skipped = new List<string>();
        // A week before the plan starts has nothing to judge: "adjust, import its measurements" on every action would be a
        // verdict on an action that was not meant to run yet.
        var notStarted = weekEnd < plan.Start;
        // Nor does a week after its end: "stop and reallocate" or "speed up" on a plan that is over cannot be acted on.
        var ended = plan.End < weekStart;

        // The action's "spent" field is today's total: a week that ended more than a week ago never had that number.
        var spentFieldHolds = weekEnd.AddDays(7) >= DateOnly.FromDateTime(now.UtcDateTime);

        foreach (var actionReport in report.Actions)
        {
            var action = actionReport.Action;
            var points = Upto(action.Id);
            var first = Monday(action.Start ?? plan.Start);
            var weeks = new List<DateOnly>();
            for (var m = first; m <= weekStart; m = m.AddDays(7))
                weeks.Add(m);

            foreach (var (k, eval) in action.Kpis.OrderBy(k => k.Id).Zip(actionReport.Kpis))
            {
                var expression = KpiExpression.TryParse(k.Kpi!.Expression);
                decimal? Value(DateOnly from, DateOnly to) => expression?.Evaluate(MetricAggregator.Aggregate(points, specs, from, to)).Value;
                var week = Value(weekStart, weekEnd);
                var previous = weeks.Where(m => m < weekStart).TakeLast(3).Select(m => Value(m, m.AddDays(6))).OfType<decimal>().ToList();
                kpiLines.Add(new KpiLine(action.Id, action.Title, k.Kpi.Key, french ? k.Kpi.Name : k.Kpi.NameEn ?? k.Kpi.Name, UnitId(k.Kpi.Unit), week, eval.Actual, eval.Target?.Show(french, k.Kpi.Unit, plan.Currency, culture),
                    eval.Pace, eval.Forecast?.Value, eval.Forecast?.Low, eval.Forecast?.High, eval.Status.ToId(),
                    Trend(week, previous, k.Kpi.Direction)));
            }

            if (notStarted || ended)
                continue;
            if (action.Status is ActionStatus.Planned or ActionStatus.Ready or ActionStatus.Done or ActionStatus.Stopped || action.Start > weekEnd)
            {
                skipped.Add(action.Title);
                continue;
            }

            var primary = Primary(action);
            if (primary is null)
            {
                recommendations.Add(new RecommendationLine(action.Id, action.Title, Decision.Adjust.Id(),
                    w.T("aucun KPI chiffré : impossible de juger cette action — donnez-lui un KPI et une cible",
                        "no quantified KPI: this action cannot be judged — give it a KPI and a target"),
                    new Dictionary<string, decimal?>()));
                continue;
            }

            var (rec, spend) = Recommend(plan, action, primary, actionReport, points, specs, weeks, weekEnd, pointsOf, Upto, w, spentFieldHolds);
            recommendations.Add(rec);
            if (spend is not null)
                spendLines.Add((spend with { Stop = rec.Decision == "stop" }, action, new SpendKpi(french ? primary.Kpi!.Name : primary.Kpi!.NameEn ?? primary.Kpi.Name,
                    primary.Kpi.Direction == Direction.LowerIsBetter)));
        }

        if (skipped.Count > 0)
            notes.Add(w.T($"{Formats.Many(skipped.Count, "action pas encore lancée, terminée ou arrêtée", "actions pas encore lancées, terminées ou arrêtées", true)} : pas d'arbitrage ({string.Join(", ", skipped)})",
                $"{Formats.Many(skipped.Count, "action", "actions", false)} not started, done or stopped: nothing to arbitrate ({string.Join(", ", skipped)})"));

        var weeksLeft = Math.Max(0, (plan.End.DayNumber - weekEnd.DayNumber) / 7);
        var moves = new List<MoveLine>();
        // A plan that ended before the week reviewed (NutriBoost, opened months later) is over, not "ending this week".
        if (notStarted)
            notes.Add(w.T($"le plan commence le {Formats.Date(plan.Start, culture)} : rien à arbitrer ni à réallouer avant son lancement",
                $"the plan starts on {Formats.Date(plan.Start, culture)}: nothing to arbitrate or reallocate before it does"));
        else if (ended)
            notes.Add(w.T($"le plan est terminé depuis le {Formats.Date(plan.End, culture)} : plus rien à arbitrer, aucun budget à réallouer",
                $"the plan ended on {Formats.Date(plan.End, culture)}: nothing left to arbitrate, no budget left to reallocate"));
        else if (weeksLeft == 0)
            notes.Add(w.T("le plan se termine cette semaine : aucun budget à réallouer", "the plan ends this week: no budget left to reallocate"));
        else if (spendLines.Count < 2)
            notes.Add(w.T("réallocation impossible : il faut au moins deux actions avec une dépense et un coût par résultat mesurés",
                "no reallocation: it needs at least two actions with measured spend and cost per result"));
        else
        {
            // What was left by the end of the week reviewed, spent as each action's recommendation counts it.
            var remaining = plan.Budget is { } budget ? budget - plan.Actions.Sum(a => Spent(a, Upto(a.Id), spentFieldHolds)) : (decimal?)null;
            foreach (var m in Reallocator.Reallocate([.. spendLines.Select(s => s.Line)], options))
            {
                var from = spendLines.First(s => s.Line.Id == m.FromId);
                var to = spendLines.First(s => s.Line.Id == m.ToId);
                var amount = m.Weekly * weeksLeft;
                moves.Add(new MoveLine(m.FromId, m.From, m.ToId, m.To, m.Weekly, amount, w.MoveReason(m, from.Kpi, to.Kpi, from.Line, to.Line, weeksLeft)));
            }
            if (remaining is { } r && r < spendLines.Sum(s => s.Line.Current) * weeksLeft)
                notes.Add(w.T($"au rythme actuel les actions dépasseraient le budget restant du plan ({w.Money(r)}) : les déplacements ne font que transférer, sans rien ajouter",
                    $"at the current rate the actions would exceed the plan's remaining budget ({w.Money(r)}): moves only transfer, they add nothing"));
        }

        return new ReviewResult(plan.Id, plan.Name, WeekId(weekStart), weekStart, weekEnd, plan.Currency, now,
            kpiLines, recommendations, moves, notes)
        {
            OutsidePlan = notStarted || ended,
        };
    }

    /// <summary>
    /// What an action had spent by the end of the week reviewed: the spend measured up to then, or the action's own
    /// "spent" field when that week is recent enough for today's total to be its total; for an older week only the
    /// measured spend is known.
    /// </summary>
    private static decimal Spent(PlanAction action, IReadOnlyList<MetricPoint> upToWeekEnd, bool spentFieldHolds)
    {
        var measured = upToWeekEnd.Where(p => string.Equals(p.Metric, "spend", StringComparison.OrdinalIgnoreCase)).Sum(p => p.Value);
        return spentFieldHolds ? Math.Max(action.Spent, measured) : measured;
    }

    /// <summary>The KPI a decision rests on: a cost or return KPI with a target first, else the first KPI with a target.</summary>
    private static ActionKpi? Primary(PlanAction action)
    {
        var targeted = action.Kpis.Where(k => k.Target is not null && k.Kpi is not null).OrderBy(k => k.Id).ToList();
        return targeted.FirstOrDefault(k => CostOrReturn(k.Kpi!) is not null) ?? targeted.FirstOrDefault();
    }

    /// <summary>For spend / X (lower is better) the result metric X; for revenue / spend, "revenue".</summary>
    private static (string Result, bool IsCost)? CostOrReturn(KpiDefinition kpi)
    {
        var e = kpi.Expression.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();
        if (e.StartsWith("spend/", StringComparison.Ordinal) && KpiExpression.TryParse(kpi.Expression)?.Metrics is [_, var result])
            return (result, true);
        return e == "revenue/spend" ? ("revenue", false) : null;
    }

    private static (RecommendationLine, SpendLine?) Recommend(Plan plan, PlanAction action, ActionKpi primary, ActionReport actionReport,
        IReadOnlyList<MetricPoint> points, IReadOnlyDictionary<string, MetricSpec> specs, List<DateOnly> weeks, DateOnly weekEnd,
        Func<int, IReadOnlyList<MetricPoint>> pointsOf, Func<int, IReadOnlyList<MetricPoint>> upto, Words w, bool spentFieldHolds)
    {
        var kpi = primary.Kpi!;
        var target = primary.Target!;
        var eval = actionReport.Kpis[action.Kpis.OrderBy(k => k.Id).ToList().IndexOf(primary)];
        var expression = KpiExpression.TryParse(kpi.Expression)!;
        var lower = kpi.Direction == Direction.LowerIsBetter;
        var first = weeks.Count > 0 ? weeks[0] : Monday(plan.Start);

        var weekly = new List<decimal>();
        var pooled = new List<decimal>();
        var weeklySpend = new List<decimal>();
        var spendPoints = new List<(decimal, decimal)>();
        var costOrReturn = CostOrReturn(kpi);
        foreach (var m in weeks)
        {
            var metrics = MetricAggregator.Aggregate(points, specs, m, m.AddDays(6));
            var spend = metrics.TryGetValue("spend", out var s) ? s.Value : 0;
            if (costOrReturn is { } cr)
                spendPoints.Add((spend, metrics.TryGetValue(cr.Result, out var r) ? r.Value : 0));
            if (expression.Evaluate(metrics).Value is not { } value)
                continue;
            weekly.Add(value);
            weeklySpend.Add(spend);
            pooled.Add(expression.Evaluate(MetricAggregator.Aggregate(points, specs, first, m.AddDays(6))).Value ?? value);
        }

        // The channel's typical value: the same KPI on the plan's other actions of the channel, else the target.
        var peers = plan.Actions.Where(a => a.Id != action.Id && a.ChannelId == action.ChannelId && a.Kpis.Any(k => k.KpiId == primary.KpiId)).ToList();
        decimal? prior = null;
        if (peers.Count > 0)
            prior = expression.Evaluate(MetricAggregator.Aggregate(peers.SelectMany(p => upto(p.Id)), specs, plan.Start, weekEnd)).Value;

        var spent = Spent(action, points, spentFieldHolds);
        // With no spend measured by an older week's end, no share is claimed.
        var spentKnown = spentFieldHolds || spent > 0;
        var offTrackKpis = actionReport.Kpis.Where(k => k.Kpi != kpi.Key && k.Status == KpiStatus.OffTrack).ToList();
        var offTrack = offTrackKpis.Select(k => k.Kpi).ToList();
        var dry = 0;
        for (var i = spendPoints.Count - 1; i >= 0 && spendPoints[i].Item1 > 0 && spendPoints[i].Item2 == 0; i--)
            dry++;
        var input = new RecommendationInput(action.Status, kpi.Key, primary.Kind, lower, target.Value, weekly, pooled, weeklySpend,
            prior, action.PlannedBudget, spent, weekEnd < (action.Due ?? plan.End), eval.Forecast, eval.Actual, offTrack, dry);
        var verdict = Recommender.Recommend(input);
        if (!spentKnown)
            verdict = verdict with { BudgetShareSpent = null };

        var numbers = new Dictionary<string, decimal?>
        {
            ["value"] = eval.Actual,
            ["target"] = target.Value,
            ["weeks"] = weekly.Count,
            ["spent"] = spentKnown ? spent : null,
            ["plannedBudget"] = action.PlannedBudget,
            ["budgetSpentShare"] = verdict.BudgetShareSpent is { } b ? Math.Round(b, 4) : null,
        };
        if (verdict.Estimate is { } e)
        {
            numbers["estimate"] = Math.Round(e.Center, 6);
            numbers["optimistic"] = Math.Round(e.Optimistic, 6);
            numbers["pessimistic"] = Math.Round(e.Pessimistic, 6);
            numbers["weeksMissing"] = verdict.WeeksMissing;
        }
        if (primary.Kind == TargetKind.Cumulative && eval.Forecast is { } f)
        {
            numbers["forecast"] = f.Value;
            numbers["forecastLow"] = f.Low;
            numbers["forecastHigh"] = f.High;
        }
        var reason = w.Reason(verdict, kpi, primary, target, eval, offTrackKpis, spent);
        var line = new RecommendationLine(action.Id, action.Title, verdict.Decision.Id(), reason, numbers);

        SpendLine? spendLine = null;
        if (costOrReturn is { } c && action.Status is ActionStatus.Live or ActionStatus.InProgress && target.Value > 0)
        {
            var recent = spendPoints.TakeLast(2).Select(p => p.Item1).ToList();
            var current = recent.Count == 0 ? 0 : recent.Average();
            // The channel's typical cost per result is what thin data is shrunk toward (a ROAS of 4 costs 0,25 per euro back).
            decimal? priorCost = prior is > 0 ? (c.IsCost ? prior : 1 / prior) : null;
            if (current > 0 && spendPoints.Count(p => p.Item1 > 0) >= Reallocator.MinWeeks)
                spendLine = new SpendLine(action.Id, action.Title, spendPoints, c.IsCost ? target.Value : 1 / target.Value, current, false, priorCost);
        }
        return (line, spendLine);
    }

    private static string? Trend(decimal? week, List<decimal> previous, Direction direction)
    {
        if (week is not { } now || previous.Count == 0)
            return null;
        var before = previous.Average();
        if (before == 0)
            return now == 0 ? "stable" : direction == Direction.HigherIsBetter == (now > 0) ? "improving" : "worsening";
        var change = (now - before) / Math.Abs(before);
        if (Math.Abs(change) < 0.05m)
            return "stable";
        return (change > 0) == (direction == Direction.HigherIsBetter) ? "improving" : "worsening";
    }

    private static string UnitId(KpiUnit unit) => unit.ToString().ToLowerInvariant();
}
