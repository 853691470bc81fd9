using Pilote.Access;
using Pilote.App.Access;
using Pilote.App.Layout;
using Pilote.App.Plans;
using Pilote.Common;
using Pilote.Data;

namespace Pilote.App.Imports;

/// <summary>
/// GET /plans/{id}/export/{format}: the web app's one-click download of each workbook format (the session cookie is
/// enough; the API's own export lives under /api/v1). Written to a temporary file by <see cref="PlanExports"/>, then streamed.
/// </summary>
public static class PlanDownloads
{
    public static IEndpointRouteBuilder MapPlanDownloads(this IEndpointRouteBuilder app)
    {
        app.MapGet("/plans/{planId:int}/export/{format}", async (int planId, string format, HttpContext ctx, PiloteDb db,
            TimeProvider clock, CancellationToken ct) =>
        {
            if (!PlanExports.FormatIds.Contains(format) || !await CanReadAsync(ctx, db, clock, planId, ct))
                return Results.NotFound();
            var report = await PlanExports.ReportAsync(db, planId, DateOnly.FromDateTime(clock.GetLocalNow().DateTime), ct);
            var extension = format switch { "csv" => "csv", "json" => "json", _ => "xlsx" };
            var folder = Path.Combine(Path.GetTempPath(), "pilote-downloads");
            Directory.CreateDirectory(folder);
            var path = Path.Combine(folder, $"{Guid.NewGuid():N}.{extension}");
            var french = Ui.Fr;
            await PlanExports.WriteAsync(db, report, format, path, french, clock.GetUtcNow(), ct);
            var bytes = await File.ReadAllBytesAsync(path, ct);
            File.Delete(path);
            var name = $"{Slug(report.Plan.Name)}-{format}.{extension}";
            var type = extension switch
            {
                "csv" => "text/csv",
                "json" => "application/json",
                _ => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            };
            return Results.File(bytes, type, name);
        }).RequireAuthorization();
        return app;
    }

    /// <summary>
    /// Whether the signed-in person may read the plan: a plan of another workspace answers as one that does not exist,
    /// as every page does.
    /// </summary>
    internal static async Task<bool> CanReadAsync(HttpContext ctx, PiloteDb db, TimeProvider clock, int planId, CancellationToken ct)
    {
        try
        {
            await new WorkspaceGate(db, clock).RequirePlanAsync(ctx.User, planId, WorkspaceRole.Viewer, ct);
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }

    /// <summary>A download's file name from the plan's: folded to ASCII words, « plan » when nothing is left.</summary>
    internal static string Slug(string name)
    {
        var folded = Pilote.Actions.ActionWords.Fold(name);
        return folded.Length == 0 ? "plan" : folded;
    }
}
