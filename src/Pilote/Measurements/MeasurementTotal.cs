namespace Pilote.Measurements;

/// <summary>
/// Every stored measurement of one action, metric and period (a day for daily rows), summed: the table KPI evaluation
/// reads, so a plan's dashboard reads one row per action, metric and day however many imports, sources and re-imports
/// lie behind it. Kept in the same transaction as the measurements by <see cref="MeasurementTotals"/>.
/// </summary>
public sealed class MeasurementTotal
{
    public int ActionId { get; set; }
    public required string Metric { get; set; }
    public DateOnly PeriodStart { get; set; }
    public DateOnly PeriodEnd { get; set; }

    /// <summary>The sum in millionths, an integer: exact on SQLite too, where decimals are text and SUM is floating point.</summary>
    public long Micros { get; set; }

    /// <summary>How many measurements the sum holds; a row at zero is removed.</summary>
    public int Points { get; set; }

    public decimal Sum => Micros / 1_000_000m;

    /// <summary>
    /// The value a KPI reads: the sum for additive metrics; for the others (averages, stocks, distinct counts) the mean of
    /// the measurements of the same period, which are the same number reported twice (two sources, or a report and its
    /// re-export).
    /// </summary>
    public decimal Value(bool additive) => additive || Points <= 1 ? Sum : Sum / Points;

    public static long ToMicros(decimal value) => (long)Math.Round(value * 1_000_000m, MidpointRounding.AwayFromZero);
}

/// <summary>
/// The one-day totals of an action's metric summed per calendar month: a dashboard's quarter reads three rows per
/// action and metric instead of ninety. Periods longer than a day stay in <see cref="MeasurementTotal"/> only.
/// </summary>
public sealed class MeasurementMonth
{
    public int ActionId { get; set; }
    /// <summary>The month's first day.</summary>
    public DateOnly Month { get; set; }
    public required string Metric { get; set; }
    public long Micros { get; set; }
    public int Points { get; set; }

    public static DateOnly Of(DateOnly day) => new(day.Year, day.Month, 1);
}
