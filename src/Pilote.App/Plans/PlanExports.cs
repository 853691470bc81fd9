using Microsoft.EntityFrameworkCore;
using Pilote.Common;
using Pilote.Data;
using Pilote.Office.Plans;
using Pilote.Plans;
using Pilote.Reviews;

namespace Pilote.App.Plans;

/// <summary>Loads what an export needs and writes the file: shared by <c>pilote plan export</c> and the web app.</summary>
public static class PlanExports
{
    public static readonly string[] FormatIds = ["kpi-driven", "numerique", "complet", "csv", "json"];

    public static async Task<PlanReport> ReportAsync(PiloteDb db, int planId, DateOnly asOf, CancellationToken ct) =>
        await PlanReportBuilder.BuildAsync(db, planId, asOf, ct);

    /// <summary>The workspace's channels in catalog order, each with the KPIs it suggests.</summary>
    public static async Task<List<CatalogChannel>> CatalogAsync(PiloteDb db, int workspaceId, CancellationToken ct)
    {
        var channels = await db.Channels.AsNoTracking().Include(c => c.Kpis).ThenInclude(k => k.Kpi)
            .Where(c => c.WorkspaceId == workspaceId).OrderBy(c => c.Position).ToListAsync(ct);
        return [.. channels.Select(c => new CatalogChannel(c.Key, c.Name,
            [.. c.Kpis.OrderBy(k => k.Position).Select(k => k.Kpi!.Name)]))];
    }

    public static async Task<List<StoredMeasure>> MeasuresAsync(PiloteDb db, PlanReport report, CancellationToken ct)
    {
        var planId = report.Plan.Id;
        return await db.Measurements.AsNoTracking().Where(m => db.Actions.Any(a => a.Id == m.ActionId && a.PlanId == planId))
            .OrderBy(m => m.ActionId).ThenBy(m => m.Metric).ThenBy(m => m.PeriodStart)
            .Select(m => new StoredMeasure(m.ActionId, m.Metric, m.PeriodStart, m.PeriodEnd, m.Value, m.Source))
            .ToListAsync(ct);
    }

    /// <summary>The plan's review decision log, oldest first, with each action's title.</summary>
    public static async Task<List<DecisionEntry>> DecisionsAsync(PiloteDb db, PlanReport report, CancellationToken ct)
    {
        var log = await new ReviewService(db, TimeProvider.System).LogAsync(report.Plan.Id, ct);
        var titles = report.Actions.ToDictionary(a => a.Action.Id, a => a.Action.Title);
        return [.. log.Select(l => new DecisionEntry(l.Week, l.Line.ActionId, titles.GetValueOrDefault(l.Line.ActionId, $"#{l.Line.ActionId}"),
            l.Line.Recommended, l.Line.Verdict, l.Line.Chosen, l.Line.Reason, l.Line.DecidedBy, Formats.Day(l.Line.DecidedAt, TimeZoneInfo.Local)))];
    }

    /// <summary>Writes the file through <see cref="OutputFiles"/>: a failed export never leaves half a file.</summary>
    public static async Task WriteAsync(PiloteDb db, PlanReport report, string format, string path, bool french,
        DateTimeOffset now, CancellationToken ct)
    {
        var channels = await CatalogAsync(db, report.Plan.WorkspaceId, ct);
        await OutputFiles.WriteAsync(path, async stream =>
        {
            switch (format)
            {
                case "kpi-driven":
                    KpiDrivenWorkbook.Write(report, [.. channels.Select(c => c.Name)], stream, french, now, await DecisionsAsync(db, report, ct));
                    break;
                case "numerique":
                    NumeriqueWorkbook.Write(report, channels, stream, french, now);
                    break;
                case "complet":
                    CompletWorkbook.Write(report, await MeasuresAsync(db, report, ct), await DecisionsAsync(db, report, ct), stream, now);
                    break;
                case "csv":
                    PlanCsv.Write(report, stream);
                    break;
                case "json":
                    await System.Text.Json.JsonSerializer.SerializeAsync(stream, PlanDtos.Detail(report, french), Cli.CliContext.Json, ct);
                    break;
                default:
                    throw new PiloteInputException($"--format : « {format} » n'est pas un format d'export (utilisez {string.Join(", ", FormatIds)})",
                        $"--format: '{format}' is not an export format (use {string.Join(", ", FormatIds)})");
            }
        });
    }
}
