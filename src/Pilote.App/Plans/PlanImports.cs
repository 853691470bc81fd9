using Pilote.Audit;
using Pilote.Common;
using Pilote.Data;
using Pilote.Office.Plans;
using Pilote.Office.Reading;
using Pilote.Plans;

namespace Pilote.App.Plans;

/// <summary>Reads a workbook and hands its rows to the plan services: shared by <c>pilote plan import</c> and the web app.</summary>
public static class PlanImports
{
    /// <summary>True when the file is a complete export of a Pilote plan (an update), false for any other spreadsheet.</summary>
    public static bool IsCompleteExport(string path)
    {
        // As ForeignPlanReader decides: text by its extension, anything else is read as a workbook (a complete export
        // saved as "plan (1).out" or without an extension is still the plan's own workbook, not a foreign sheet).
        if (Path.GetExtension(path).ToLowerInvariant() is ".csv" or ".txt" or ".tsv")
            return false;
        using var book = new WorkbookReader(path);
        return CompletReader.Recognises(book);
    }

    /// <summary>A spreadsheet Pilote did not write: read, then stored as a new plan in one transaction.</summary>
    public static Task<(ForeignPlan Sheet, IntakeResult Result)> CreateAsync(PiloteDb db, TimeProvider clock, string path,
        int workspaceId, string? name, string? channel, string author, bool dryRun, CancellationToken ct, bool french = true, bool listAll = true,
        AuditSurface surface = AuditSurface.CommandLine) =>
        CreateAsync(db, clock, path, _ => Task.FromResult(workspaceId), name, channel, author, dryRun, ct, french, listAll, surface);

    /// <summary>
    /// The same, with the workspace found once the file has been read: a file refused for what it is (a tool's export, no
    /// header) leaves nothing behind, not even the default workspace a first command creates. The rows stream after it
    /// is found, so the workspace is made in the plan's transaction: a bad cell further down (a negative budget) and a
    /// dry run leave it out too.
    /// </summary>
    public static async Task<(ForeignPlan Sheet, IntakeResult Result)> CreateAsync(PiloteDb db, TimeProvider clock, string path,
        Func<CancellationToken, Task<int>> workspace, string? name, string? channel, string author, bool dryRun, CancellationToken ct,
        bool french = true, bool listAll = true, AuditSurface surface = AuditSurface.CommandLine)
    {
        var sheet = ForeignPlanReader.Read(path, french);
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var workspaceId = await workspace(ct);
        var result = await new PlanIntakeService(db, clock).CreateAsync(workspaceId, sheet, name, channel, author, dryRun, ct, french, listAll, surface);
        if (tx is not null && dryRun)
            await tx.RollbackAsync(ct);
        else if (tx is not null)
            await tx.CommitAsync(ct);
        return (sheet, result);
    }

    /// <summary>
    /// An edited complete export: the diff against its plan, saved when <paramref name="apply"/> is set. With an
    /// expected plan (the web app's plan page), the export of any other plan is refused before its plan is read.
    /// </summary>
    public static async Task<PlanDiff> UpdateAsync(PiloteDb db, TimeProvider clock, string path, bool apply, string author, CancellationToken ct,
        int? expectedPlanId = null)
    {
        var name = Path.GetFileName(path);
        using (var book = new WorkbookReader(path))
            if (!CompletReader.Recognises(book))
                throw new PiloteInputException($"{name} : pas un export complet d'un plan Pilote (pas de feuille Plan avec id et version en ligne 3)",
                    $"{name}: not a complete export of a Pilote plan (no Plan sheet with id and version on row 3)");
        try
        {
            // The sheets stream from the file as the service compares them: a bad cell is refused as its row goes by.
            var rows = CompletReader.Read(path);
            if (expectedPlanId is { } expected && rows.PlanId != expected)
                throw new PiloteInputException(
                    $"{name} : c'est l'export complet du plan n°{rows.PlanId}, pas de celui-ci (n°{expected}) ; rien n'a été modifié",
                    $"{name}: this is the complete export of plan #{rows.PlanId}, not of this one (#{expected}); nothing was changed");
            return await new PlanUpdateService(db, clock).ImportAsync(rows, apply, author, ct);
        }
        catch (PiloteInputException ex) when (!ex.Message.StartsWith(name, StringComparison.Ordinal))
        {
            throw new PiloteInputException($"{name} : {ex.Say(true)}", $"{name}: {ex.Message}");
        }
    }
}
