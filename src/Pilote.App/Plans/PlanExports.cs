using Microsoft.EntityFrameworkCore;
using Pilote.Common;
using Pilote.Data;
using Pilote.Office.Plans;
using Pilote.Plans;

namespace Pilote.App.Plans;

/// <summary>Loads what an export needs and writes the file: shared by <c>pilote plan export</c> and the web app.</summary>
public static class PlanExports
{
    public static readonly string[] FormatIds = ["kpi-driven", "numerique", "complet", "csv", "json"];

    public static async Task<PlanReport> ReportAsync(PiloteDb db, int planId, DateOnly asOf, CancellationToken ct) =>
        await PlanReportBuilder.BuildAsync(db, planId, asOf, ct);

    /// <summary>Writes to a temporary file beside the target, then moves it: a failed export never leaves half a file.</summary>
    public static async Task WriteAsync(PiloteDb db, PlanReport report, string format, string path, bool french,
        DateTimeOffset now, CancellationToken ct)
    {
        var channels = await db.Channels.AsNoTracking().Where(c => c.WorkspaceId == report.Plan.WorkspaceId)
            .OrderBy(c => c.Position).Select(c => c.Name).ToListAsync(ct);
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder))
            throw new PiloteInputException($"-o: the folder '{folder}' does not exist");
        var temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = File.Create(temp))
            {
                switch (format)
                {
                    case "kpi-driven":
                        KpiDrivenWorkbook.Write(report, channels, stream, french, now);
                        break;
                    default:
                        throw new PiloteInputException($"--format: '{format}' is not an export format (use {string.Join(", ", FormatIds)})");
                }
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
