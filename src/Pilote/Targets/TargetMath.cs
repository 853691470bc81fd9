using System.Globalization;

namespace Pilote.Targets;

/// <summary>How a value compares to a target: satisfied or not, and by how much.</summary>
internal static class TargetMath
{
    public static bool IsHigherBetter(Comparator comparator) => comparator is Comparator.AtLeast or Comparator.GreaterThan;

    public static bool IsLowerBetter(Comparator comparator) => comparator is Comparator.AtMost or Comparator.LessThan;

    public static decimal Upper(Target target) => target.UpperValue ?? target.Value;

    public static bool Satisfied(Target target, decimal actual) => target.Comparator switch
    {
        Comparator.AtLeast => actual >= target.Value,
        Comparator.GreaterThan => actual > target.Value,
        Comparator.AtMost => actual <= target.Value,
        Comparator.LessThan => actual < target.Value,
        Comparator.Equal => actual == target.Value,
        _ => actual >= target.Value && actual <= Upper(target),
    };

    /// <summary>
    /// 1 means exactly on target; above 1 is better than asked for the one-sided comparators.
    /// Null where the ratio is undefined: a target of 0 to exceed, or an actual of 0 or less under a ceiling
    /// (the best possible value, but no finite ratio).
    /// </summary>
    public static decimal? Attainment(Target target, decimal actual)
    {
        switch (target.Comparator)
        {
            case Comparator.AtLeast or Comparator.GreaterThan:
                return target.Value > 0 ? actual / target.Value : null;
            case Comparator.AtMost or Comparator.LessThan:
                return actual > 0 ? target.Value / actual : null;
            case Comparator.Equal:
                if (target.Value == 0)
                {
                    return actual == 0 ? 1 : 0;
                }

                return Math.Max(0, 1 - (Math.Abs(actual - target.Value) / Math.Abs(target.Value)));
            default:
                if (actual < target.Value)
                {
                    return target.Value > 0 && actual >= 0 ? actual / target.Value : null;
                }

                return actual > Upper(target) ? Upper(target) / actual : 1;
        }
    }

    /// <summary>The target in words, its values written by <paramref name="format"/> (the KPI's unit and the reader's culture).</summary>
    public static string Describe(Target target, bool french, Func<decimal, string> format)
    {
        var (value, upper) = (format(target.Value), format(Upper(target)));
        string T(string fr, string en) => french ? fr : en;
        return target.Comparator switch
        {
            Comparator.AtLeast => T($"au moins {value}", $"at least {value}"),
            Comparator.GreaterThan => T($"plus de {value}", $"more than {value}"),
            Comparator.AtMost => T($"au plus {value}", $"at most {value}"),
            Comparator.LessThan => T($"moins de {value}", $"less than {value}"),
            Comparator.Equal => T($"exactement {value}", $"exactly {value}"),
            _ => T($"entre {value} et {upper}", $"between {value} and {upper}"),
        };
    }

    /// <summary>For reasons only: values themselves are never rounded.</summary>
    public static string Format(decimal value) => Math.Round(value, 4).ToString("0.####", CultureInfo.InvariantCulture);

    public static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A French reason writes 0,25 and 31/03/2026; an English one keeps the invariant forms.</summary>
    public static string Format(decimal value, bool french) =>
        french ? Math.Round(value, 4).ToString("0.####", CultureInfo.GetCultureInfo("fr-FR")) : Format(value);

    public static string Format(DateOnly date, bool french) =>
        french ? date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) : Format(date);
}
