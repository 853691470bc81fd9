using Pilote.Dashboards;
using Pilote.Data;
using Pilote.Measurements;

namespace Pilote.App.Imports;

/// <summary>What a file would do, measured by really importing it inside a transaction that is then rolled back.</summary>
public sealed record ImportPreview(string Path, string Name, ImportResult? Result, string? Error, IReadOnlyList<KpiMove> Moves);

/// <summary>A KPI whose value the import changes: before and after, as the dashboard computes them.</summary>
public sealed record KpiMove(int ActionId, string Action, string Kpi, Kpis.KpiUnit Unit, decimal? Before, decimal? After);

public static class ImportPreviews
{
    /// <summary>
    /// Runs the real importer (detection, matching, totals check) and the dashboard before and after it, then rolls
    /// everything back: the person sees exactly what confirming would store, and nothing is stored yet.
    /// </summary>
    public static async Task<ImportPreview> PreviewAsync(DatabaseTarget target, TimeProvider clock, string who, int planId, string path,
        string name, DateOnly asOf, CancellationToken ct = default, bool french = true)
    {
        await using var db = target.Open();
        var before = await new DashboardService(db).BuildAsync(planId, asOf, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            var result = await new MeasurementImporter(db, clock, who).ImportAsync(path, new ImportOptions(PlanId: planId), ct);
            var after = await new DashboardService(db).BuildAsync(planId, asOf, ct);
            var moves = before.Tiles.Zip(after.Tiles)
                .Where(p => p.First.Actual != p.Second.Actual)
                .Select(p => new KpiMove(p.First.ActionId, p.First.Action, p.First.Name, p.First.Unit, p.First.Actual, p.Second.Actual))
                .ToList();
            return new ImportPreview(path, name, result with { File = name }, null, moves);
        }
        catch (Common.PiloteInputException ex)
        {
            return new ImportPreview(path, name, null, ex.Show(french).Replace(System.IO.Path.GetFileName(path), name, StringComparison.Ordinal), []);
        }
        finally
        {
            await tx.RollbackAsync(CancellationToken.None);
        }
    }
}
