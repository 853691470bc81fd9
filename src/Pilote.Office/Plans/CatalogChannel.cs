namespace Pilote.Office.Plans;

/// <summary>A channel of the workspace's catalog as the workbooks list it: its key, its name, the KPIs it suggests.</summary>
public sealed record CatalogChannel(string Key, string Name, IReadOnlyList<string> Kpis);
