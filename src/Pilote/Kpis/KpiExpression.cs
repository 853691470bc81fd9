namespace Pilote.Kpis;

/// <summary>A KPI formula over metrics, such as <c>spend / leads</c> or <c>(revenue - spend) / spend</c>.</summary>
public sealed class KpiExpression
{
    private KpiExpression(string text) => Text = text;

    public string Text { get; }

    /// <summary>The metric keys the formula reads, in order of first appearance.</summary>
    public IReadOnlyList<string> Metrics { get; } = [];

    /// <summary>Parses a formula; throws <see cref="KpiExpressionException"/> naming the position of the fault.</summary>
    public static KpiExpression Parse(string text) => throw new NotImplementedException();

    /// <summary>Evaluates on aggregated metrics: no value when a metric is missing or a denominator is zero.</summary>
    public KpiValue Evaluate(IReadOnlyDictionary<string, MetricValue> metrics) => throw new NotImplementedException();
}

public sealed class KpiExpressionException(string message) : FormatException(message);
