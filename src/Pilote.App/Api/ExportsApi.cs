using Pilote.Access;
using Pilote.App.Access;
using Pilote.App.Plans;
using Pilote.Common;
using Pilote.Data;

namespace Pilote.App.Api;

/// <summary>GET /api/v1/plans/{id}/export?format=…: the same files as <c>pilote plan export</c>, as a download.</summary>
public static class ExportsApi
{
    public static RouteGroupBuilder MapExportsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/plans/{id:int}/export", ExportAsync)
            .Produces(StatusCodes.Status200OK, contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            .WithSummary("Download the plan as a workbook (kpi-driven, numerique, complet), CSV or JSON");
        return api;
    }

    private static async Task<IResult> ExportAsync(int id, string? format, HttpContext http, WorkspaceGate gate, PiloteDb db, TimeProvider clock,
        CancellationToken ct)
    {
        await gate.RequirePlanAsync(http.User, id, WorkspaceRole.Viewer, ct);
        var caller = await ApiCaller.OfAsync(http, db, ct);
        format = (format ?? "").Trim().ToLowerInvariant();
        if (!PlanExports.FormatIds.Contains(format))
            throw new PiloteInputException($"format: '{format}' is not an export format (use {string.Join(", ", PlanExports.FormatIds)})");
        var report = await ApiReads.ReportAsync(db, id, clock, ct);
        var (extension, type) = format switch
        {
            "csv" => ("csv", "text/csv"),
            "json" => ("json", "application/json"),
            _ => ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        };
        var folder = Directory.CreateTempSubdirectory("pilote-export-");
        try
        {
            var path = Path.Combine(folder.FullName, $"export.{extension}");
            await PlanExports.WriteAsync(db, report, format, path, caller.French, clock.GetUtcNow(), ct);
            var bytes = await File.ReadAllBytesAsync(path, ct);
            http.Response.Headers.ETag = ApiVersions.Tag(report.Plan.Version);
            return Results.File(bytes, type, $"{FileName(report.Plan.Name)}-{format}.{extension}");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static string FileName(string name)
    {
        var safe = new string([.. name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '-')]).Trim('-');
        return safe.Length == 0 ? "plan" : safe;
    }
}
