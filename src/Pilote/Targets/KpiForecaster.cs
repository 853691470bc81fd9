namespace Pilote.Targets;

/// <summary>Projects a KPI to the deadline from its recent weeks, with a 95 % interval.</summary>
internal static class KpiForecaster
{
    private const decimal Z95 = 1.96m;
    private const int WeeksUsed = 4;

    /// <summary>
    /// actual + m·r where m is the mean of the last weekly increments and r the weeks left. The variance adds the
    /// uncertainty of the mean (r²s²/n) to the noise of r future weeks (r·s²). With no weekly value, the actual is
    /// extrapolated linearly over the elapsed share, with zero width since nothing measures the spread.
    /// </summary>
    public static Forecast? Cumulative(decimal actual, IReadOnlyList<decimal?> weekly, decimal share, int daysLeft)
    {
        var values = LastValues(weekly);
        if (values.Count == 0)
        {
            if (share == 0)
            {
                return null;
            }

            var linear = actual / share;
            return new Forecast(linear, linear, linear);
        }

        var (mean, variance) = MeanAndVariance(values);
        // Multiplying before dividing by 7 keeps whole-week arithmetic exact.
        var value = actual + (mean * daysLeft / 7);
        var weeksLeft = daysLeft / 7m;
        var half = Z95 * Sqrt((weeksLeft * weeksLeft * variance / values.Count) + (weeksLeft * variance));
        var low = value - half;
        if (values.All(v => v >= 0) && low < actual)
        {
            // Increments that were never negative cannot take the total below what is already counted.
            low = actual;
        }

        return new Forecast(value, low, value + half);
    }

    /// <summary>The recent value (else the actual) with ± 1.96·sd/√n from the last weekly ratios.</summary>
    public static Forecast Rate(decimal value, IReadOnlyList<decimal?> weekly)
    {
        var values = LastValues(weekly);
        var (_, variance) = MeanAndVariance(values);
        var half = values.Count < 2 ? 0 : Z95 * Sqrt(variance) / Sqrt(values.Count);
        return new Forecast(value, value - half, value + half);
    }

    private static List<decimal> LastValues(IReadOnlyList<decimal?> weekly) =>
        weekly.Where(v => v.HasValue).Select(v => v!.Value).TakeLast(WeeksUsed).ToList();

    /// <summary>Mean and sample variance (0 with fewer than two values).</summary>
    private static (decimal Mean, decimal Variance) MeanAndVariance(List<decimal> values)
    {
        if (values.Count == 0)
        {
            return (0, 0);
        }

        var mean = values.Average();
        var variance = values.Count < 2 ? 0 : values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
        return (mean, variance);
    }

    /// <summary>Newton's method from the double estimate, to keep decimal precision.</summary>
    internal static decimal Sqrt(decimal x)
    {
        if (x <= 0)
        {
            return 0;
        }

        var guess = (decimal)Math.Sqrt((double)x);
        for (var i = 0; i < 4 && guess != 0; i++)
        {
            guess = (guess + (x / guess)) / 2;
        }

        return guess;
    }
}
