namespace Pilote.Office.Plans;

/// <summary>A measurement as stored, for the complete workbook's measurement sheet.</summary>
public sealed record StoredMeasure(int ActionId, string Metric, DateOnly Start, DateOnly End, decimal Value, string Source);
