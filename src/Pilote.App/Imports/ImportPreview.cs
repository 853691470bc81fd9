using Pilote.Dashboards;
using Pilote.Data;
using Pilote.Measurements;

namespace Pilote.App.Imports;

/// <summary>
/// What a file would do, measured by really importing it inside a transaction that is then rolled back. A file that
/// names no period (<see cref="NeedsPeriod"/>) is read again with the period the person gives (<see cref="Start"/>,
/// <see cref="End"/>), which the import then uses too.
/// </summary>
public sealed record ImportPreview(string Path, string Name, ImportResult? Result, string? Error, IReadOnlyList<KpiMove> Moves,
    bool NeedsPeriod = false, DateOnly? Start = null, DateOnly? End = null)
{
    public ImportOptions Options(int planId) => new(PlanId: planId, Start: Start, End: End);
}

/// <summary>A KPI whose value the import changes: before and after, as the dashboard computes them.</summary>
public sealed record KpiMove(int ActionId, string Action, string Kpi, Kpis.KpiUnit Unit, decimal? Before, decimal? After);

public static class ImportPreviews
{
    /// <summary>
    /// Runs the real importer (detection, matching, totals check) and the dashboard before and after it, then rolls
    /// everything back: the person sees exactly what confirming would store, and nothing is stored yet.
    /// </summary>
    public static async Task<ImportPreview> PreviewAsync(DatabaseTarget target, TimeProvider clock, string who, int planId, string path,
        string name, DateOnly asOf, CancellationToken ct = default, bool french = true, DateOnly? start = null, DateOnly? end = null)
    {
        var shown = new ImportPreview(path, name, null, null, [], Start: start, End: end);
        await using var db = target.Open();
        var before = await new DashboardService(db).BuildAsync(planId, asOf, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            var result = await Importers.Measurements(db, clock, who).ImportAsync(path, shown.Options(planId), ct);
            var after = await new DashboardService(db).BuildAsync(planId, asOf, ct);
            var moves = before.Tiles.Zip(after.Tiles)
                .Where(p => p.First.Actual != p.Second.Actual)
                .Select(p => new KpiMove(p.First.ActionId, p.First.Action, p.First.Name, p.First.Unit, p.First.Actual, p.Second.Actual))
                .ToList();
            return shown with { Result = result with { File = name }, Moves = moves };
        }
        catch (Common.PiloteInputException ex)
        {
            return shown with
            {
                Error = ex.Show(french).Replace(System.IO.Path.GetFileName(path), name, StringComparison.Ordinal),
                NeedsPeriod = ex is MissingPeriodException,
            };
        }
        finally
        {
            await tx.RollbackAsync(CancellationToken.None);
        }
    }
}
