namespace Pilote.Measurements;

/// <summary>
/// Every stored measurement of one action, metric and period longer than a day (a report's reporting start to end),
/// summed: the few rows a dashboard's window reads through their own index, however many imports lie behind them. The
/// one-day rows have no total of their own: their months are in <see cref="MeasurementMonth"/>, and the days at a
/// window's edges are summed from the measurements themselves (<see cref="PointSums"/>), through the measurements'
/// (action, metric, day) index. A total per day would double what an import writes, for a read the index already serves.
/// Kept in the same transaction as the measurements by <see cref="MeasurementTotals"/>.
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
