namespace Pilote.Kpis;

/// <summary>A node of a parsed KPI formula. Evaluation yields null where the value is undefined.</summary>
internal abstract record KpiNode
{
    public abstract decimal? Evaluate(Func<string, decimal> metric);
}

internal sealed record NumberNode(decimal Value) : KpiNode
{
    public override decimal? Evaluate(Func<string, decimal> metric) => Value;
}

internal sealed record MetricNode(string Key) : KpiNode
{
    public override decimal? Evaluate(Func<string, decimal> metric) => metric(Key);
}

internal sealed record NegateNode(KpiNode Operand) : KpiNode
{
    public override decimal? Evaluate(Func<string, decimal> metric) => -Operand.Evaluate(metric);
}

internal sealed record BinaryNode(char Operator, KpiNode Left, KpiNode Right) : KpiNode
{
    public override decimal? Evaluate(Func<string, decimal> metric)
    {
        var left = Left.Evaluate(metric);
        var right = Right.Evaluate(metric);
        if (left is not { } l || right is not { } r)
        {
            return null;
        }

        try
        {
            return Operator switch
            {
                '+' => l + r,
                '-' => l - r,
                '*' => l * r,
                // A zero denominator means "no value yet" (CPL with no lead), never 0 or infinity.
                _ => r == 0 ? null : l / r,
            };
        }
        catch (OverflowException)
        {
            // Beyond decimal's range the figure is meaningless for a KPI: no value rather than a crash.
            return null;
        }
    }
}
