using Pilote.Kpis;

namespace Pilote.Targets;

/// <summary>Parses targets as people type them, in French and English.</summary>
public static class TargetParser
{
    /// <summary>Parses a target; throws <see cref="TargetFormatException"/> with a precise reason.</summary>
    public static Target Parse(string text, TargetContext? context = null) => throw new NotImplementedException();

    /// <summary>Null when the target's unit fits the KPI's unit, else the reason it does not.</summary>
    public static string? CheckUnit(Target target, KpiUnit kpiUnit) => throw new NotImplementedException();
}
