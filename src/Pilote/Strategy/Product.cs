using Pilote.Common;

namespace Pilote.Strategy;

/// <summary>An offer the plan sells: a report, a subscription, a platform licence.</summary>
public sealed class Product : IVersioned
{
    public int Id { get; set; }
    public int WorkspaceId { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public decimal? PriceMin { get; set; }
    public decimal? PriceMax { get; set; }
    /// <summary>What the price is for: "par rapport", "par mois", "par an", "par étude".</summary>
    public string? PriceUnit { get; set; }
    public int Version { get; set; }
}

/// <summary>A buyer persona or segment, and what they use the offer for.</summary>
public sealed class Persona : IVersioned
{
    public int Id { get; set; }
    public int WorkspaceId { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public string? Usage { get; set; }
    public int Version { get; set; }
}
