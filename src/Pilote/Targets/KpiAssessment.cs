using Pilote.Kpis;

namespace Pilote.Targets;

public enum KpiStatus
{
    Met,
    OnTrack,
    AtRisk,
    OffTrack,
    NoData,
    NotMeasurable,
}

public sealed record Forecast(decimal Value, decimal Low, decimal High);

/// <summary>Everything needed to judge one KPI against its target as of a date.</summary>
/// <param name="Actual">The KPI over [PeriodStart, AsOf]; null when nothing was measured.</param>
/// <param name="Weekly">The KPI for each full week so far, oldest first: for a cumulative target the week's increment,
/// for a rate the week's ratio (null where the week has no value).</param>
/// <param name="Recent">For a rate: the KPI over the last four weeks.</param>
/// <param name="Unit">The KPI's unit, <paramref name="Currency"/> and the plan's <paramref name="Culture"/>: how the reasons
/// write values (« 3,1 % pour plus de 3 % »); without them, the target's unit, else plain numbers.</param>
public sealed record KpiAssessmentInput(
    Target Target,
    TargetKind Kind,
    Direction Direction,
    DateOnly PeriodStart,
    DateOnly Deadline,
    DateOnly AsOf,
    KpiValue Actual,
    IReadOnlyList<decimal?> Weekly,
    decimal? Recent = null,
    KpiUnit? Unit = null,
    string? Currency = null,
    string? Culture = null);

public sealed record KpiAssessment(
    KpiStatus Status,
    decimal? Attainment,
    decimal? Expected,
    decimal? Pace,
    Forecast? Forecast,
    string Reason)
{
    /// <summary>The reason in French (the product's default language); <see cref="Reason"/> is the English.</summary>
    public string? ReasonFr { get; init; }

    public string Why(bool french) => french && ReasonFr is not null ? ReasonFr : Reason;
}

public static class KpiStatusIds
{
    public static string ToId(this KpiStatus status) => status switch
    {
        KpiStatus.Met => "met",
        KpiStatus.OnTrack => "on_track",
        KpiStatus.AtRisk => "at_risk",
        KpiStatus.OffTrack => "off_track",
        KpiStatus.NoData => "no_data",
        _ => "not_measurable",
    };

    public static KpiStatus? FromId(string id) =>
        Enum.GetValues<KpiStatus>().Cast<KpiStatus?>().FirstOrDefault(s => s!.Value.ToId() == id);

    public static string Label(this KpiStatus status, bool french = true) => status switch
    {
        KpiStatus.Met => french ? "atteint" : "met",
        KpiStatus.OnTrack => french ? "en bonne voie" : "on track",
        KpiStatus.AtRisk => french ? "à risque" : "at risk",
        KpiStatus.OffTrack => french ? "hors trajectoire" : "off track",
        KpiStatus.NoData => french ? "sans données" : "no data",
        _ => french ? "non mesurable" : "not measurable",
    };
}
