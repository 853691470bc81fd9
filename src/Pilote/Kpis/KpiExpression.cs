namespace Pilote.Kpis;

/// <summary>A KPI formula over metrics, such as <c>spend / leads</c> or <c>(revenue - spend) / spend</c>.</summary>
/// <remarks>
/// The formula is evaluated once on metrics aggregated over the whole window, so a rate is a ratio of sums
/// (total clicks / total impressions), never an average of daily ratios.
/// </remarks>
public sealed class KpiExpression
{
    private readonly KpiNode _root;

    private KpiExpression(string text, KpiNode root, IReadOnlyList<string> metrics)
    {
        Text = text;
        _root = root;
        Metrics = metrics;
    }

    public string Text { get; }

    /// <summary>The metric keys the formula reads, in order of first appearance.</summary>
    public IReadOnlyList<string> Metrics { get; } = [];

    /// <summary>Parses a formula; throws <see cref="KpiExpressionException"/> naming the position of the fault.</summary>
    public static KpiExpression Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new KpiExpressionParser(text);
        var root = parser.ParseFormula();
        return new KpiExpression(text.Trim(), root, parser.Metrics.AsReadOnly());
    }

    /// <summary>The formula parsed, or null when it does not parse (whoever shows it says why, from <see cref="Parse"/>).</summary>
    public static KpiExpression? TryParse(string text)
    {
        try
        {
            return Parse(text);
        }
        catch (KpiExpressionException)
        {
            return null;
        }
    }

    /// <summary>Evaluates on aggregated metrics: no value when a metric is missing or a denominator is zero.</summary>
    /// <remarks>
    /// When any metric read is a lower bound (a distinct count whose period total is unknown), the result is flagged
    /// as a lower bound too: it is then only indicative, since a lower-bound denominator can push the ratio either way.
    /// </remarks>
    public KpiValue Evaluate(IReadOnlyDictionary<string, MetricValue> metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var values = new Dictionary<string, MetricValue>();
        foreach (var key in Metrics)
        {
            if (!TryFind(metrics, key, out var value))
            {
                return KpiValue.None;
            }

            values[key] = value;
        }

        var isLowerBound = values.Values.Any(v => v.IsLowerBound);
        var result = _root.Evaluate(key => values[key].Value);
        return result is null ? KpiValue.None : new KpiValue(result, isLowerBound);
    }

    public override string ToString() => Text;

    private static bool TryFind(IReadOnlyDictionary<string, MetricValue> metrics, string key, out MetricValue value)
    {
        if (metrics.TryGetValue(key, out value))
        {
            return true;
        }

        // Callers may build their dictionary with the keys as stored; formulas keep them in lower case.
        foreach (var (k, v) in metrics)
        {
            if (string.Equals(k, key, StringComparison.OrdinalIgnoreCase))
            {
                value = v;
                return true;
            }
        }

        return false;
    }
}

public sealed class KpiExpressionException(string message) : FormatException(message)
{
    /// <summary>The fault in French, for the CLI's default language and the French UI; the message is the English.</summary>
    public string? French { get; init; }
}
