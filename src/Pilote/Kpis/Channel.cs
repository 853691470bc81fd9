using Pilote.Common;

namespace Pilote.Kpis;

/// <summary>A marketing channel (SEO, SEA, Emailing, Points de vente…), editable per workspace.</summary>
public sealed class Channel : IVersioned
{
    public int Id { get; set; }
    public int WorkspaceId { get; set; }
    /// <summary>Stable id used on the command line and in files: seo, sea, emailing…</summary>
    public required string Key { get; set; }
    public required string Name { get; set; }
    public string? NameEn { get; set; }
    public ChannelFamily Family { get; set; }
    /// <summary>The typical aim of the channel in the source table (Visibilité organique, Acquisition…).</summary>
    public string? Aim { get; set; }
    public int Position { get; set; }
    public int Version { get; set; }
    public List<ChannelKpi> Kpis { get; set; } = [];
}

public enum ChannelFamily
{
    Digital,
    Offline,
    PointOfSale,
    Messaging,
}

/// <summary>The KPIs a channel suggests by default, in order (the source's "KPI principal" column).</summary>
public sealed class ChannelKpi
{
    public int ChannelId { get; set; }
    public int KpiId { get; set; }
    public KpiDefinition? Kpi { get; set; }
    public int Position { get; set; }
}
