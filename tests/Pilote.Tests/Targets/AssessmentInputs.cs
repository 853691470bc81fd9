using Pilote.Kpis;
using Pilote.Targets;

namespace Pilote.Tests.Targets;

/// <summary>A first quarter of 90 days; 2026-02-14 is day 45, half of it.</summary>
internal static class AssessmentInputs
{
    public static readonly DateOnly Start = new(2026, 1, 1);
    public static readonly DateOnly Deadline = new(2026, 3, 31);
    public static readonly DateOnly Midway = new(2026, 2, 14);

    public static KpiAssessmentInput Cumulative(
        Target target, decimal? actual, DateOnly? asOf = null, decimal?[]? weekly = null, bool lowerBound = false) =>
        new(target, TargetKind.Cumulative, Direction.HigherIsBetter, Start, Deadline, asOf ?? Midway,
            new KpiValue(actual, lowerBound), weekly ?? []);

    public static KpiAssessmentInput Rate(
        Target target, decimal? actual, DateOnly? asOf = null, decimal?[]? weekly = null, decimal? recent = null) =>
        new(target, TargetKind.Rate, Direction.HigherIsBetter, Start, Deadline, asOf ?? Midway,
            new KpiValue(actual), weekly ?? [], recent);
}
