using Pilote.Kpis;

namespace Pilote.Targets;

/// <summary>Parses targets as people type them, in French and English.</summary>
public static class TargetParser
{
    /// <summary>Parses a target; throws <see cref="TargetFormatException"/> with a precise reason.</summary>
    /// <remarks>
    /// A bare number ("1000", "5 000 leads") gets the unit Count; its comparator follows
    /// <see cref="TargetContext.Direction"/>. A relative target ("+20%") has no unit: it is in the KPI's own unit.
    /// </remarks>
    public static Target Parse(string text, TargetContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new TargetReader(text, context ?? new TargetContext()).Read();
    }

    /// <summary>Null when the target's unit fits the KPI's unit, else the reason it does not.</summary>
    /// <remarks>
    /// A Count target without a label is a bare number: nothing says what it counts, so it fits any KPI.
    /// With a label ("5 000 leads") it asks for a Count KPI.
    /// </remarks>
    public static string? CheckUnit(Target target, KpiUnit kpiUnit)
    {
        ArgumentNullException.ThrowIfNull(target);
        var fits = target.Unit switch
        {
            null => true,
            KpiUnit.Count => target.Label is null || kpiUnit == KpiUnit.Count,
            KpiUnit.Percent or KpiUnit.Ratio => kpiUnit is KpiUnit.Percent or KpiUnit.Ratio,
            var unit => unit == kpiUnit,
        };
        return fits ? null : $"the target is {TargetName(target.Unit!.Value)} but the KPI is measured in {KpiName(kpiUnit)}";
    }

    /// <summary><see cref="CheckUnit"/>'s reason in French.</summary>
    public static string? CheckUnitFr(Target target, KpiUnit kpiUnit) =>
        CheckUnit(target, kpiUnit) is null ? null : $"la cible est {TargetNameFr(target.Unit!.Value)} mais l'indicateur se mesure en {KpiNameFr(kpiUnit)}";

    private static string TargetNameFr(KpiUnit unit) => unit switch
    {
        KpiUnit.Count => "un nombre",
        KpiUnit.Percent => "un pourcentage",
        KpiUnit.Currency => "un montant",
        KpiUnit.Seconds => "une durée",
        KpiUnit.Rank => "un rang",
        _ => "un ratio",
    };

    private static string KpiNameFr(KpiUnit unit) => unit switch
    {
        KpiUnit.Count => "nombre",
        KpiUnit.Percent => "pourcentage",
        KpiUnit.Currency => "devise",
        KpiUnit.Seconds => "secondes",
        KpiUnit.Rank => "rang",
        _ => "ratio",
    };

    private static string TargetName(KpiUnit unit) => unit switch
    {
        KpiUnit.Count => "a count",
        KpiUnit.Percent => "a percentage",
        KpiUnit.Currency => "an amount of money",
        KpiUnit.Seconds => "a duration",
        KpiUnit.Rank => "a rank",
        _ => "a ratio",
    };

    private static string KpiName(KpiUnit unit) => unit switch
    {
        KpiUnit.Count => "counts",
        KpiUnit.Percent => "percent",
        KpiUnit.Currency => "currency",
        KpiUnit.Seconds => "seconds",
        KpiUnit.Rank => "rank",
        _ => "ratio",
    };
}
