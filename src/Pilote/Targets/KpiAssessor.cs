using static Pilote.Targets.TargetMath;

namespace Pilote.Targets;

/// <summary>Judges a KPI against its target as of a date: attainment, pace, forecast and a status with its reason.</summary>
public static class KpiAssessor
{
    public static KpiAssessment Assess(KpiAssessmentInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var target = input.Target;
        if (target.Comparator == Comparator.Between && target.UpperValue is null)
        {
            return new KpiAssessment(KpiStatus.NotMeasurable, null, null, null, null, "the range target has no upper bound");
        }

        var share = ElapsedShare(input);
        // For a range, the lower bound is what has to be reached first.
        decimal? expected = input.Kind == TargetKind.Cumulative ? target.Value * share : null;
        if (input.Actual.Value is not { } actual)
        {
            var why = input.AsOf < input.PeriodStart
                ? $"the period has not started: it starts on {Format(input.PeriodStart)}"
                : $"nothing measured yet between {Format(input.PeriodStart)} and {Format(input.AsOf)}";
            return new KpiAssessment(KpiStatus.NoData, null, expected, null, null, why);
        }

        decimal? pace = expected is { } e && e != 0 ? actual / e : null;
        var daysLeft = Math.Max(0, input.Deadline.DayNumber - input.AsOf.DayNumber);
        var forecast = input.Kind == TargetKind.Cumulative
            ? KpiForecaster.Cumulative(actual, input.Weekly, share, daysLeft)
            : KpiForecaster.Rate(input.Recent ?? actual, input.Weekly);
        var attainment = Attainment(target, actual);
        var judge = new KpiJudge(input, actual, expected, pace, forecast, attainment);
        var (status, reason) = input.Kind == TargetKind.Rate ? judge.Rate() : judge.Cumulative();

        if (input.Actual.IsLowerBound)
        {
            reason += status == KpiStatus.Met && IsHigherBetter(target.Comparator)
                ? " (the value is a lower bound: the true value is at least that)"
                : " (the value is only a lower bound: the true value may be higher, so this is indicative)";
        }

        return new KpiAssessment(status, attainment, expected, pace, forecast, reason);
    }

    /// <summary>Days elapsed over days in the period, both inclusive, within [0, 1].</summary>
    internal static decimal ElapsedShare(KpiAssessmentInput input)
    {
        var total = input.Deadline.DayNumber - input.PeriodStart.DayNumber + 1;
        if (total <= 0)
        {
            // A deadline before the start leaves no time to share: the whole period counts as elapsed.
            return 1;
        }

        var elapsed = input.AsOf.DayNumber - input.PeriodStart.DayNumber + 1;
        return Math.Clamp((decimal)elapsed / total, 0, 1);
    }
}
