using Pilote.Common;
using Pilote.Targets;

namespace Pilote.Kpis;

/// <summary>One KPI of one action, judged against its target as of a date.</summary>
public sealed record KpiEvaluation(
    string Kpi,
    string Name,
    string Expression,
    KpiUnit Unit,
    Direction Direction,
    TargetView? Target,
    decimal? Actual,
    bool ActualIsLowerBound,
    decimal? Attainment,
    decimal? Expected,
    decimal? Pace,
    Forecast? Forecast,
    KpiStatus Status,
    string Reason,
    DateOnly From,
    DateOnly Deadline)
{
    /// <summary>The KPI for each full week since <see cref="From"/>, oldest first (the assessor's input, kept for sparklines):
    /// a cumulative target's weekly increment, a rate's weekly ratio; null where the week has no value.</summary>
    public IReadOnlyList<WeekValue> Weekly { get; init; } = [];

    /// <summary>The reason in French (the product's default language); <see cref="Reason"/> is the English.</summary>
    public string? ReasonFr { get; init; }

    /// <summary>The KPI's English name, when the catalog has one; <see cref="Name"/> is the French.</summary>
    public string? NameEn { get; init; }

    /// <summary>The KPI's name in the reader's language.</summary>
    public string Label(bool french) => french ? Name : NameEn ?? Name;

    /// <summary>Why the KPI has this status, in the reader's language.</summary>
    public string Why(bool french) => french && ReasonFr is not null ? ReasonFr : Reason;
}

/// <summary>One week of a KPI: the Monday it starts and its value (null when nothing was measured).</summary>
public sealed record WeekValue(DateOnly Monday, decimal? Value);

/// <summary>A target as shown: what was typed and what it means.</summary>
public sealed record TargetView(
    string Text,
    Comparator Comparator,
    decimal Value,
    decimal? Upper,
    KpiUnit? Unit,
    TargetKind Kind,
    DateOnly Deadline)
{
    /// <summary>
    /// The target as the reader writes numbers. In French, what the team typed (every table shows it so); in English the
    /// same target in English formats: a typed « >0,35% » or « 20 000 » read « > 0.35% » and « 20,000 » beside English
    /// values, not as French numbers in an English sentence.
    /// </summary>
    public string Show(bool french, KpiUnit kpiUnit, string currency, System.Globalization.CultureInfo c)
    {
        if (french)
            return Text;
        var unit = Unit ?? kpiUnit;
        string V(decimal v) => unit == KpiUnit.Currency
            ? Formats.Money(Math.Round(v, v >= 10 ? 0 : 2), currency, c)
            : Formats.Kpi(v, unit, currency, c);
        return Comparator switch
        {
            // A count to reach (« 5 000 leads ») is a number, not "at least" one.
            Comparator.AtLeast when Kind == TargetKind.Cumulative => V(Value),
            Comparator.AtLeast => $"≥ {V(Value)}",
            Comparator.GreaterThan => $"> {V(Value)}",
            Comparator.AtMost when unit == KpiUnit.Rank => $"top {V(Value)}",
            Comparator.AtMost => $"≤ {V(Value)}",
            Comparator.LessThan => $"< {V(Value)}",
            Comparator.Equal => V(Value),
            _ => $"{V(Value)} to {V(Upper ?? Value)}",
        };
    }
}
