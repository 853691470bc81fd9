using Pilote.App.Imports;
using Pilote.App.Layout;
using Pilote.Common;
using Pilote.Data;
using Pilote.Reports;

namespace Pilote.App.Reports;

/// <summary>
/// GET /plans/{id}/rapport/{html|pptx}?from=&amp;to=: the committee report from the web app's buttons, built by the same
/// service and writers as <c>pilote report</c> (the session cookie is enough, as for the workbook downloads).
/// </summary>
public static class ReportDownloads
{
    public static IEndpointRouteBuilder MapReportDownloads(this IEndpointRouteBuilder app)
    {
        app.MapGet("/plans/{planId:int}/rapport/{format}", async (int planId, string format, string? from, string? to, HttpContext ctx,
            PiloteDb db, TimeProvider clock, CancellationToken ct) =>
        {
            if (!ReportExports.FormatIds.Contains(format) || !await PlanDownloads.CanReadAsync(ctx, db, clock, planId, ct))
                return Results.NotFound();
            var french = Ui.Fr;
            DateOnly? start, end;
            try
            {
                start = Inputs.ParseOptionalDate(from, "from");
                end = Inputs.ParseOptionalDate(to, "to");
            }
            catch (PiloteInputException ex)
            {
                return Results.Problem(ex.Say(french), statusCode: StatusCodes.Status400BadRequest);
            }
            var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
            var report = await CommitteeReportService.BuildAsync(db, planId, start, end, today, french, clock, ct);
            using var buffer = new MemoryStream();
            ReportExports.Write(report, format, buffer);
            var name = $"{PlanDownloads.Slug(report.Plan)}-{(french ? "rapport" : "report")}.{format}";
            var type = format == "pptx" ? "application/vnd.openxmlformats-officedocument.presentationml.presentation" : "text/html; charset=utf-8";
            return Results.File(buffer.ToArray(), type, name);
        }).RequireAuthorization();
        return app;
    }
}
