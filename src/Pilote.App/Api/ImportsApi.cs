using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Pilote.Access;
using Pilote.App.Access;
using Pilote.App.Imports;
using Pilote.Common;
using Pilote.Data;
using Pilote.Measurements;

namespace Pilote.App.Api;

/// <summary>An import as listed: where it came from, what it stored, whether it was undone.</summary>
public sealed record ImportDto(
    int Id, int Workspace, int? Plan, string Source, string? FileName, DateOnly? Start, DateOnly? End, int RowsRead, int RowsStored,
    int RowsMatched, int RowsUnmatched, string? ImportedBy, DateTimeOffset ImportedAt, DateTimeOffset? UndoneAt, int Version)
{
    public static ImportDto Of(ImportBatch b) => new(b.Id, b.WorkspaceId, b.PlanId, b.Source, b.FileName, b.PeriodStart, b.PeriodEnd, b.RowsRead,
        b.RowsStored, b.RowsMatched, b.RowsUnmatched, b.ImportedBy, b.ImportedAt, b.UndoneAt, b.Version);
}

/// <summary>
/// /api/v1/imports: upload an export file (GA4, Google Ads, Meta Ads, Mailchimp, Brevo, generic CSV/XLSX) into a plan,
/// through the same importer as <c>pilote measures import</c>; list past imports; undo one.
/// </summary>
public static class ImportsApi
{
    public static RouteGroupBuilder MapImportsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/imports", UploadAsync)
            .Accepts<IFormFile>("multipart/form-data")
            .Produces<ImportResult>(StatusCodes.Status201Created)
            .DisableAntiforgery()
            .WithSummary("Import a measurement export file (multipart: file, plan, optional source, action, and start and end for a file with no dates; editor)");
        api.MapGet("/imports", ListAsync).WithSummary("Past imports and pushes of the caller's workspaces");
        api.MapDelete("/imports/{id:int}", UndoAsync).WithMetadata(IfMatchRequired.Instance)
            .WithSummary("Undo an import: its measurements are removed, its record stays (editor, If-Match: the version listed)");
        return api;
    }

    private static async Task<IResult> UploadAsync(HttpContext http, WorkspaceGate gate, PiloteDb db, TimeProvider clock, CancellationToken ct)
    {
        var caller = await ApiCaller.OfAsync(http, db, ct);
        if (!http.Request.HasFormContentType)
            throw new BadHttpRequestException("send the file as multipart/form-data (field 'file')", StatusCodes.Status415UnsupportedMediaType);
        var form = await http.Request.ReadFormAsync(ct);
        if (!int.TryParse(form["plan"], NumberStyles.None, CultureInfo.InvariantCulture, out var planId))
            throw new PiloteInputException("plan: say which plan's actions the file's rows are matched to (its id)");
        await gate.RequirePlanAsync(http.User, planId, WorkspaceRole.Editor, ct);
        var file = form.Files.GetFile("file") ?? throw new PiloteInputException("file: attach the export file in the 'file' field");
        int? actionId = null;
        if (!string.IsNullOrWhiteSpace(form["action"]))
            actionId = int.TryParse(form["action"], NumberStyles.None, CultureInfo.InvariantCulture, out var a)
                ? a
                : throw new PiloteInputException($"action: '{form["action"]}' is not an action id");
        var source = string.IsNullOrWhiteSpace(form["source"]) ? null : form["source"].ToString();
        // The period an export covers when its rows have no date and it names none (Google Ads' "All time" report).
        var start = Inputs.ParseOptionalDate(form["start"], "start");
        var end = Inputs.ParseOptionalDate(form["end"], "end");
        if (start > end)
            throw new PiloteInputException($"end: {end:yyyy-MM-dd} is before start, {start:yyyy-MM-dd}");

        // The readers take a path (the file name tells the source apart); the upload lives in a private folder meanwhile.
        var folder = Directory.CreateTempSubdirectory("pilote-upload-");
        try
        {
            var name = Path.GetFileName(file.FileName);
            if (string.IsNullOrWhiteSpace(name))
                name = "upload.csv";
            var path = Path.Combine(folder.FullName, name);
            await using (var stream = File.Create(path))
                await file.CopyToAsync(stream, ct);
            ImportResult result;
            try
            {
                result = await Importers.Measurements(db, clock, caller.Author).ImportAsync(path, new ImportOptions(source, planId, actionId, Start: start, End: end), ct);
            }
            catch (MissingPeriodException)
            {
                throw new PiloteInputException($"start: {name} has no date on its rows and names no period: send the period it covers in the fields 'start' and 'end' (YYYY-MM-DD)");
            }
            catch (PiloteInputException ex) when (ex is not NotFoundException)
            {
                throw new PiloteInputException(ex.Message.StartsWith("--", StringComparison.Ordinal) ? ex.Message[2..] : $"file: {ex.Message}");
            }
            var fresh = result.Batch is not null && result.AlreadyImportedAs is null && !result.Empty;
            if (fresh)
                http.Response.Headers.Location = $"{ApiSetup.Prefix}/imports/{result.Batch}";
            return Results.Json(result, statusCode: fresh ? StatusCodes.Status201Created : StatusCodes.Status200OK);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<Ok<List<ImportDto>>> ListAsync(HttpContext http, WorkspaceGate gate, PiloteDb db, CancellationToken ct)
    {
        var ids = (await gate.WorkspacesAsync(http.User, ct)).Select(w => w.Workspace.Id).ToList();
        var batches = await db.ImportBatches.AsNoTracking().Where(b => ids.Contains(b.WorkspaceId)).OrderBy(b => b.Id).ToListAsync(ct);
        return TypedResults.Ok(batches.Select(ImportDto.Of).ToList());
    }

    private static async Task<IResult> UndoAsync(int id, HttpContext http, WorkspaceGate gate, PiloteDb db, TimeProvider clock, CancellationToken ct)
    {
        await gate.RequireBatchAsync(http.User, id, WorkspaceRole.Editor, ct);
        return await ApiVersions.GuardedAsync(http, async () => ImportDto.Of(await db.ImportBatches.AsNoTracking().FirstAsync(b => b.Id == id, ct)), b => b.Version,
            async expected =>
            {
                try
                {
                    var undone = ImportDto.Of(await new ImportBatchService(db, clock).UndoAsync(id, expected, ct));
                    return ApiVersions.Ok(http, undone, undone.Version);
                }
                catch (PiloteInputException ex) when (ex is not NotFoundException and not StaleWriteException)
                {
                    throw new ConflictException(StatusCodes.Status409Conflict, ex.Message);
                }
            });
    }
}
