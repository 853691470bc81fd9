using Pilote.Actions;
using Pilote.Plans;
using Pilote.Targets;

namespace Pilote.Kpis;

/// <summary>
/// Turns an action's measurements into its KPIs' actual values, attainment, pace, forecast and status.
/// Plain functions over loaded data: the CLI, the web app and the tests all go through here.
/// </summary>
public static class ActionKpiEvaluator
{
    private const int RecentDays = 28;

    /// <summary>The days a KPI reads: from the action's start (else its plan's) to the KPI's deadline, else the action's due
    /// date, else the plan's end; never ending before it starts. Also what an import warns about (<c>MeasuredPeriod</c>).</summary>
    public static (DateOnly From, DateOnly Deadline) Window(Plan plan, PlanAction action, ActionKpi? actionKpi)
    {
        var from = action.Start ?? plan.Start;
        var deadline = actionKpi?.Deadline ?? action.Due ?? plan.End;
        return (from, deadline < from ? from : deadline);
    }

    public static KpiEvaluation Evaluate(
        Plan plan,
        PlanAction action,
        ActionKpi actionKpi,
        KpiDefinition kpi,
        IReadOnlyList<MetricPoint> points,
        IReadOnlyDictionary<string, MetricSpec> specs,
        DateOnly asOf)
    {
        var (from, deadline) = Window(plan, action, actionKpi);
        var kind = actionKpi.Kind;
        var target = actionKpi.Target;
        var view = target is null
            ? null
            : new TargetView(actionKpi.TargetText ?? "", target.Comparator, target.Value, target.UpperValue, target.Unit, kind, deadline);

        KpiExpression expression;
        try
        {
            expression = KpiExpression.Parse(kpi.Expression);
        }
        catch (KpiExpressionException ex)
        {
            return Result(KpiStatus.NotMeasurable, ex.Message, $"formule illisible : {ex.Message}");
        }

        var end = Min(asOf, deadline);
        var actual = end < from ? KpiValue.None : expression.Evaluate(MetricAggregator.Aggregate(points, specs, from, end));
        if (target is null)
            return Result(KpiStatus.NotMeasurable, "no quantified target", "pas de cible chiffrée", actual);

        var weeks = new List<WeekValue>();
        for (var monday = FirstMonday(from); monday.AddDays(6) <= end; monday = monday.AddDays(7))
            weeks.Add(new WeekValue(monday, expression.Evaluate(MetricAggregator.Aggregate(points, specs, monday, monday.AddDays(6))).Value));
        var weekly = weeks.Select(w => w.Value).ToList();
        decimal? recent = null;
        if (kind == TargetKind.Rate && end >= from)
        {
            var recentFrom = Max(from, end.AddDays(1 - RecentDays));
            recent = expression.Evaluate(MetricAggregator.Aggregate(points, specs, recentFrom, end)).Value;
        }

        var assessment = KpiAssessor.Assess(new KpiAssessmentInput(
            target, kind, kpi.Direction, from, deadline, asOf, actual, weekly, recent, kpi.Unit, plan.Currency, plan.Culture));
        return new KpiEvaluation(kpi.Key, kpi.Name, kpi.Expression, kpi.Unit, kpi.Direction, view,
            actual.Value, actual.IsLowerBound, assessment.Attainment, assessment.Expected, assessment.Pace,
            assessment.Forecast, assessment.Status, assessment.Reason, from, deadline)
        { Weekly = weeks, ReasonFr = assessment.ReasonFr, NameEn = kpi.NameEn };

        KpiEvaluation Result(KpiStatus status, string reason, string reasonFr, KpiValue value = default) =>
            new(kpi.Key, kpi.Name, kpi.Expression, kpi.Unit, kpi.Direction, view, value.Value, value.IsLowerBound,
                null, null, null, null, status, reason, from, deadline)
            { ReasonFr = reasonFr, NameEn = kpi.NameEn };
    }

    private static DateOnly FirstMonday(DateOnly from)
    {
        var offset = ((int)DayOfWeek.Monday - (int)from.DayOfWeek + 7) % 7;
        return from.AddDays(offset);
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}
