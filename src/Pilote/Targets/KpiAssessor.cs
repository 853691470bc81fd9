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
            return new KpiAssessment(KpiStatus.NotMeasurable, null, null, null, null, "the range target has no upper bound")
            {
                ReasonFr = "la cible en intervalle n'a pas de borne haute",
            };
        }

        var share = ElapsedShare(input);
        // For a range, the lower bound is what has to be reached first.
        decimal? expected = input.Kind == TargetKind.Cumulative ? target.Value * share : null;
        if (input.Actual.Value is not { } actual)
        {
            var notStarted = input.AsOf < input.PeriodStart;
            var why = notStarted
                ? $"the period has not started: it starts on {Format(input.PeriodStart)}"
                : $"nothing measured yet between {Format(input.PeriodStart)} and {Format(input.AsOf)}";
            var whyFr = notStarted
                ? $"la période n'a pas commencé : elle commence le {Format(input.PeriodStart, true)}"
                : $"rien de mesuré entre le {Format(input.PeriodStart, true)} et le {Format(input.AsOf, true)}";
            return new KpiAssessment(KpiStatus.NoData, null, expected, null, null, why) { ReasonFr = whyFr };
        }

        decimal? pace = expected is { } e && e != 0 ? actual / e : null;
        var daysLeft = Math.Max(0, input.Deadline.DayNumber - input.AsOf.DayNumber);
        var forecast = input.Kind == TargetKind.Cumulative
            ? KpiForecaster.Cumulative(actual, input.Weekly, share, daysLeft)
            : KpiForecaster.Rate(input.Recent ?? actual, input.Weekly);
        var attainment = Attainment(target, actual);
        var judge = new KpiJudge(input, actual, expected, pace, forecast, attainment);
        var (status, reason) = input.Kind == TargetKind.Rate ? judge.Rate() : judge.Cumulative();
        // The same rules once more in French: only the words differ, the status is the same.
        var french = judge with { French = true };
        var (_, reasonFr) = input.Kind == TargetKind.Rate ? french.Rate() : french.Cumulative();

        if (input.Actual.IsLowerBound)
        {
            var atLeast = status == KpiStatus.Met && IsHigherBetter(target.Comparator);
            reason += atLeast
                ? " (the value is a lower bound: the true value is at least that)"
                : " (the value is only a lower bound: the true value may be higher, so this is indicative)";
            reasonFr += atLeast
                ? " (la valeur est un minimum : la vraie valeur est au moins celle-là)"
                : " (la valeur n'est qu'un minimum : la vraie valeur peut être plus haute, c'est indicatif)";
        }

        return new KpiAssessment(status, attainment, expected, pace, forecast, reason) { ReasonFr = reasonFr };
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
