using Microsoft.EntityFrameworkCore;
using Pilote.Audit;
using Pilote.Data;
using Pilote.Office.Plans;
using Pilote.Plans;

namespace Pilote.App.Audit;

/// <summary>
/// The audit of a spreadsheet's plan; <paramref name="Rows"/> gives, finding by finding, the file's row it is about, and
/// <paramref name="Intake"/> the plan as it would be created (its name, its first actions, its notes).
/// </summary>
public sealed record FileAuditResult(ForeignPlan Sheet, IntakeResult Intake, AuditResult Audit, IReadOnlyList<int?> Rows)
{
    public int ActionCount => Intake.Count;
}

/// <summary>How the spreadsheet becomes a plan for its audit: as <c>plan import</c> would, with these choices.</summary>
/// <param name="WorkspaceId">The workspace, already resolved and checked (the web app); null resolves <c>--workspace</c>.</param>
public sealed record FileAuditOptions(int? WorkspaceId = null, string? Name = null, string? Channel = null,
    AuditSurface Surface = AuditSurface.CommandLine);

/// <summary>
/// Audits the plan an Excel or CSV file holds without storing anything: the file is read as <c>plan import</c> reads it
/// (same reader, same channel and target matching), put into the database inside a transaction, audited there, and
/// rolled back. Shared by <c>pilote audit FILE</c> and the web app.
/// </summary>
public static class FileAudit
{
    public static bool IsSpreadsheet(string reference) =>
        Path.GetExtension(reference).ToLowerInvariant() is ".xlsx" or ".csv" && File.Exists(reference);

    public static async Task<FileAuditResult> AuditAsync(PiloteDb db, TimeProvider clock, string path, string? workspace, DateOnly asOf,
        bool french, string author, CancellationToken ct, FileAuditOptions? options = null)
    {
        options ??= new FileAuditOptions();
        var sheet = ForeignPlanReader.Read(path, french);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            var workspaceId = options.WorkspaceId ?? (await WorkspaceService.ResolveAsync(db, clock, workspace, ct)).Id;
            var intake = await new PlanIntakeService(db, clock).CreateAsync(workspaceId, sheet, options.Name, options.Channel, author, dryRun: true, ct, french,
                surface: options.Surface);
            var audit = await AuditService.AuditAsync(db, intake.Plan.Id, asOf, french, options.Surface, ct, spreadsheet: true);
            var rowOfAction = intake.Actions.ToDictionary(a => a.Id, a => a.Row);
            var kpiAction = await db.ActionKpis.AsNoTracking().Where(k => k.Action!.PlanId == intake.Plan.Id)
                .ToDictionaryAsync(k => k.Id, k => k.ActionId, ct);
            // The ids of a plan that is never stored mean nothing to the reader: name the file's rows instead.
            var findings = audit.Findings.Select(f =>
            {
                int? row = f.SubjectType switch
                {
                    "action" => rowOfAction.GetValueOrDefault(f.SubjectId),
                    "kpi" => kpiAction.TryGetValue(f.SubjectId, out var a) ? rowOfAction.GetValueOrDefault(a) : null,
                    _ => null,
                };
                var subject = f.SubjectType == "plan"
                    ? $"{(french ? "fichier" : "file")} « {sheet.File} »"
                    : System.Text.RegularExpressions.Regex.Replace(f.Subject, @"#\d+ ", row is { } r ? $"{(french ? "ligne" : "row")} {r} " : "");
                return (Finding: f with { Subject = subject, SubjectId = row ?? 0 }, Row: row);
            }).ToList();
            var result = new AuditResult(audit.Score, [.. findings.Select(f => f.Finding)]);
            return new FileAuditResult(sheet, intake, result, [.. findings.Select(f => f.Row)]);
        }
        finally
        {
            await tx.RollbackAsync(ct);
        }
    }
}
