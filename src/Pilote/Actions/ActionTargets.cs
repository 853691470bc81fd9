using System.Runtime.CompilerServices;
using Pilote.Common;
using Pilote.Kpis;
using Pilote.Targets;

namespace Pilote.Actions;

/// <summary>Parses a typed target against its KPI and records it, keeping the earlier target in the history.</summary>
public static class ActionTargets
{
    public static Target Parse(string text, KpiDefinition kpi, decimal? baseline, string culture, string field = "--target")
    {
        Target target;
        try
        {
            target = TargetParser.Parse(text, new TargetContext(baseline, kpi.Direction, culture));
        }
        catch (TargetFormatException ex)
        {
            throw new PiloteInputException($"{field} : {ex.French ?? ex.Message}", $"{field}: {ex.Message}");
        }
        if (TargetParser.CheckUnit(target, kpi.Unit) is { } mismatch)
            throw new PiloteInputException($"{field} : « {text} » ne convient pas au KPI {kpi.Key} : {TargetParser.CheckUnitFr(target, kpi.Unit)}",
                $"{field}: '{text}' does not fit KPI {kpi.Key}: {mismatch}");
        return target;
    }

    /// <summary>Sets the target (text already checked by <see cref="Parse"/>) and appends it to the history.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Apply(ActionKpi actionKpi, string text, Target target, DateTimeOffset at, string? author, string? reason = null)
    {
        actionKpi.TargetText = text.Trim();
        actionKpi.Comparator = target.Comparator;
        actionKpi.TargetValue = target.Value;
        actionKpi.TargetUpper = target.UpperValue;
        actionKpi.TargetUnit = target.Unit;
        actionKpi.TargetLabel = target.Label;
        actionKpi.RelativeChange = target.RelativeChange;
        actionKpi.History.Add(new TargetChange
        {
            Text = actionKpi.TargetText,
            Comparator = target.Comparator,
            Value = target.Value,
            Upper = target.UpperValue,
            ChangedAt = at,
            ChangedBy = author,
            Reason = reason,
        });
    }
}
