using Pilote.Common;

namespace Pilote.Measurements;

/// <summary>
/// One metric's value for one action over a period (inclusive days; a daily row has Start == End).
/// Append-only and the only table that grows fast: indexed by (action, metric, start).
/// </summary>
public sealed class Measurement
{
    public long Id { get; set; }
    public int ActionId { get; set; }
    public required string Metric { get; set; }
    public DateOnly PeriodStart { get; set; }
    public DateOnly PeriodEnd { get; set; }
    public decimal Value { get; set; }
    /// <summary>Where the number came from: manual, api, ga4, google-ads, meta-ads, mailchimp, brevo, generic, demo.</summary>
    public required string Source { get; set; }
    public int? BatchId { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>One imported file (or API push): all its measurements stand or fall together and can be undone.</summary>
public sealed class ImportBatch : IVersioned
{
    public int Id { get; set; }
    public int WorkspaceId { get; set; }
    public required string Source { get; set; }
    public string? FileName { get; set; }
    public string? Hash { get; set; }
    public DateOnly? PeriodStart { get; set; }
    public DateOnly? PeriodEnd { get; set; }
    public int RowsRead { get; set; }
    public int RowsStored { get; set; }
    public int RowsMatched { get; set; }
    public int RowsUnmatched { get; set; }
    /// <summary>The plan whose actions the rows were matched to; null when matched across every plan.</summary>
    public int? PlanId { get; set; }
    public string? ImportedBy { get; set; }
    public DateTimeOffset ImportedAt { get; set; }
    /// <summary>Set by <c>measures undo</c>: the measurements are gone, the record of the import stays.</summary>
    public DateTimeOffset? UndoneAt { get; set; }
    public int Version { get; set; }
}

/// <summary>
/// A value an import could not tie to an action: kept, never dropped, until someone assigns it
/// (<c>pilote measures assign</c>), which also teaches matching the key as an alias.
/// </summary>
public sealed class UnmatchedMeasurement
{
    public long Id { get; set; }
    public int BatchId { get; set; }
    /// <summary>The first file row the value came from.</summary>
    public int Row { get; set; }
    /// <summary>How many file rows the value sums (those of its key and period): they become matched when it is assigned.</summary>
    public int Rows { get; set; } = 1;
    public string? Key { get; set; }
    public string? ChannelGroup { get; set; }
    public required string Metric { get; set; }
    public DateOnly PeriodStart { get; set; }
    public DateOnly PeriodEnd { get; set; }
    public decimal Value { get; set; }
}
