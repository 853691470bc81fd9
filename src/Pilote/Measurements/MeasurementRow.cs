namespace Pilote.Measurements;

/// <summary>
/// One sum of an import as it is written: a struct in one array, not a tracked entity, so a file's few hundred thousand
/// sums cost tens of bytes each on their way to the database.
/// </summary>
public readonly record struct MeasurementRow(int ActionId, string Metric, DateOnly Start, DateOnly End, decimal Value)
{
    /// <summary>In the order of the measurements' index (action, metric, day): each insert lands next to the previous one.</summary>
    public static int IndexOrder(MeasurementRow a, MeasurementRow b) =>
        a.ActionId != b.ActionId ? a.ActionId.CompareTo(b.ActionId)
        : string.CompareOrdinal(a.Metric, b.Metric) is var m and not 0 ? m
        : a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.End.CompareTo(b.End);
}
