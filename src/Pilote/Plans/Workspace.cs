using Pilote.Common;

namespace Pilote.Plans;

/// <summary>A team's or a client's space: an agency has one per client, and nothing crosses between them.</summary>
public sealed class Workspace : IVersioned
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Slug { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public int Version { get; set; }
    public List<Plan> Plans { get; set; } = [];
}
