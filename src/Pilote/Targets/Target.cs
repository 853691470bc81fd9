using Pilote.Kpis;

namespace Pilote.Targets;

public enum Comparator
{
    AtLeast,
    GreaterThan,
    AtMost,
    LessThan,
    Equal,
    Between,
}

/// <summary>Cumulative: reach a count by the deadline. Rate: hold a ratio over the window.</summary>
public enum TargetKind
{
    Cumulative,
    Rate,
}

/// <summary>
/// A parsed target. Percentages are fractions (<c>&gt;25%</c> has Value 0.25). For <see cref="Comparator.Between"/>,
/// Value is the lower bound and UpperValue the upper one. A relative target (<c>+20%</c>) has its absolute
/// value computed from the baseline, and keeps the change in RelativeChange (0.20).
/// </summary>
public sealed record Target(
    Comparator Comparator,
    decimal Value,
    decimal? UpperValue = null,
    KpiUnit? Unit = null,
    string? Currency = null,
    string? Label = null,
    decimal? RelativeChange = null);

/// <summary>What the parser needs besides the text.</summary>
/// <param name="Baseline">For relative targets such as <c>+20%</c>.</param>
/// <param name="Direction">A bare number (<c>1000</c>) means at least for higher-better KPIs, at most for lower-better ones.</param>
/// <param name="Culture">Decides whether a lone comma is a decimal separator (fr) or a thousands separator (en).</param>
public sealed record TargetContext(
    decimal? Baseline = null,
    Direction Direction = Direction.HigherIsBetter,
    string Culture = "fr-FR");

public sealed class TargetFormatException(string message) : FormatException(message)
{
    /// <summary>The same reason in French; <see cref="Exception.Message"/> is the English.</summary>
    public string? French { get; init; }
}
