using System.Globalization;
using Pilote.Kpis;
using Pilote.Targets;

namespace Pilote.Office.Plans;

/// <summary>
/// The « Réel » and « % d'atteinte » cells of a KPI row. Attainment is a live formula over the row's Réel cell, Pilote's
/// own arithmetic (TargetMath.Attainment) written in Excel: higher-better actual / target, lower-better target / actual,
/// an exact value or a range judged by its distance, and no value where Pilote has none (a target of 0 to exceed, an
/// actual of 0 under a ceiling). Cumulative and rate targets share it: the actual is the total to date or the ratio. The
/// target's numbers are constants: the Cible cell is what a person typed (« <40 € », « top 10 »), which Excel cannot read.
/// </summary>
public static class AttainmentCell
{
    // A duration is a fraction of a day in a spreadsheet, so that a duration format shows « 2 min 13 s ».
    private const decimal SecondsPerDay = 86_400m;

    /// <summary>
    /// The Réel cell's value: the KPI's actual in the unit the cell's format reads (days for a duration), precise enough
    /// that the formula gives Pilote's attainment (a rate cut to 4 decimals, 2,93 % for 2,934 %, moved it by 0,1 point).
    /// </summary>
    public static decimal? Actual(KpiEvaluation? kpi) => kpi?.Actual is not { } v ? null
        : kpi.Unit == KpiUnit.Seconds ? Math.Round(v, 10) / SecondsPerDay : Math.Round(v, 10);

    /// <summary>The formula for the row whose Réel cell is <paramref name="actual"/> (F5), or null where no target gives one.</summary>
    public static string? Formula(KpiEvaluation? kpi, string actual)
    {
        if (kpi?.Target is not { } t)
            return null;
        // The actual in the target's unit: a duration cell back to seconds.
        var a = kpi.Unit == KpiUnit.Seconds ? $"({actual}*{N(SecondsPerDay)})" : actual;
        var body = t.Comparator switch
        {
            Comparator.AtLeast or Comparator.GreaterThan when t.Value > 0 => $"{a}/{N(t.Value)}",
            Comparator.AtLeast or Comparator.GreaterThan => null,
            Comparator.AtMost or Comparator.LessThan => $"IF({a}>0,{N(t.Value)}/{a},\"\")",
            Comparator.Equal when t.Value == 0 => $"IF({a}=0,1,0)",
            Comparator.Equal => $"MAX(0,1-ABS({a}-{N(t.Value)})/{N(Math.Abs(t.Value))})",
            _ when t.Upper is null => null,
            _ => Range(a, t.Value, t.Upper.Value),
        };
        // An empty Réel has no attainment, as in Pilote: "" is no number for COUNT or the colour rules.
        return body is null ? null : $"IF(ISNUMBER({actual}),{body},\"\")";
    }

    // Below the range: how far towards its floor (none under a floor of 0 or less); above it: ceiling / actual; inside: 1.
    private static string Range(string a, decimal low, decimal high) =>
        $"IF({a}<{N(low)},{(low > 0 ? $"IF({a}>=0,{a}/{N(low)},\"\")" : "\"\"")},IF({a}>{N(high)},{N(high)}/{a},1))";

    private static string N(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
