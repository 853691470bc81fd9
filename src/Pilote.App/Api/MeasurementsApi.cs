using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pilote.Access;
using Pilote.App.Access;
using Pilote.Common;
using Pilote.Data;
using Pilote.Measurements;

namespace Pilote.App.Api;

/// <summary>A bulk push: values of metrics for actions, per day or per period.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record MeasurementsPush(IReadOnlyList<PushedValue>? Measurements);

/// <summary>
/// POST /api/v1/measurements with an <c>Idempotency-Key</c>: the push and the key are stored in one transaction, so a
/// retry (a timeout, a Zapier replay) gets the first answer back and never counts twice; the same key with another body
/// is refused (422). Keys are kept per user for <see cref="KeyLifetime"/>.
/// </summary>
public static class MeasurementsApi
{
    public static readonly TimeSpan KeyLifetime = TimeSpan.FromHours(24);
    public const string KeyHeader = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    public static RouteGroupBuilder MapMeasurementsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/measurements", PushAsync).WithMetadata(IdempotencyKeyRequired.Instance)
            .Accepts<MeasurementsPush>("application/json")
            .Produces<PushResult>(StatusCodes.Status201Created)
            .WithSummary("Push measurements in bulk (editor; Idempotency-Key required: a retry never counts twice)");
        return api;
    }

    private static async Task<IResult> PushAsync(HttpContext http, WorkspaceGate gate, PiloteDb db, TimeProvider clock,
        IOptions<JsonOptions> json, CancellationToken ct)
    {
        var caller = await ApiCaller.OfAsync(http, db, ct);
        var key = http.Request.Headers[KeyHeader].ToString().Trim();
        if (key.Length is 0 or > 200)
            throw new PiloteInputException($"{KeyHeader}: send a unique key per push (1 to 200 characters, a UUID for instance), the same on every retry");
        if (!(http.Request.ContentType ?? "").StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            throw new BadHttpRequestException("send the measurements as application/json", StatusCodes.Status415UnsupportedMediaType);
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, ct);
        var body = buffer.ToArray();
        var hash = Convert.ToHexStringLower(SHA256.HashData([.. Encoding.UTF8.GetBytes($"POST {http.Request.Path}\n"), .. body]));
        var now = clock.GetUtcNow().UtcDateTime;

        var stored = await FindAsync(db, caller.Id, key, now, ct);
        if (stored is not null)
            return Replay(http, stored, hash);

        MeasurementsPush? push;
        try
        {
            push = JsonSerializer.Deserialize<MeasurementsPush>(body, json.Value.SerializerOptions);
        }
        catch (JsonException ex)
        {
            throw new BadHttpRequestException("malformed JSON", StatusCodes.Status400BadRequest, ex);
        }
        var values = push?.Measurements ?? throw new PiloteInputException("measurements: send {\"measurements\": [{\"action\": 12, \"metric\": \"leads\", \"date\": \"2026-11-20\", \"value\": 14}]}");
        var visible = await AuthorizeAsync(http, gate, db, values, ct);

        var strategy = db.Database.CreateExecutionStrategy();
        try
        {
            return await strategy.ExecuteAsync(async () =>
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                await db.IdempotentRequests.Where(r => r.UserId == caller.Id && r.ExpiresAt <= now).ExecuteDeleteAsync(ct);
                var record = new IdempotentRequest
                {
                    UserId = caller.Id, Key = key, RequestHash = hash, Status = StatusCodes.Status201Created, Response = "",
                    CreatedAt = now, ExpiresAt = now + KeyLifetime,
                };
                db.IdempotentRequests.Add(record);
                // The key goes in first: a concurrent retry with the same key waits on it, then fails on the unique index.
                await db.SaveChangesAsync(ct);
                var result = await new MeasurementPush(db, clock).PushAsync(values, caller.Author, visible, ct);
                record.Response = JsonSerializer.Serialize(result, json.Value.SerializerOptions);
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                http.Response.Headers.Location = $"{ApiSetup.Prefix}/imports/{result.Batch}";
                return Results.Json(result, json.Value.SerializerOptions, statusCode: StatusCodes.Status201Created);
            });
        }
        catch (DbUpdateException)
        {
            // The same key was stored by a concurrent request meanwhile: answer as a retry would be answered.
            db.ChangeTracker.Clear();
            var winner = await FindAsync(db, caller.Id, key, now, ct);
            if (winner is null)
                throw;
            return Replay(http, winner, hash);
        }
    }

    private static Task<IdempotentRequest?> FindAsync(PiloteDb db, int userId, string key, DateTime now, CancellationToken ct) =>
        db.IdempotentRequests.AsNoTracking().FirstOrDefaultAsync(r => r.UserId == userId && r.Key == key && r.ExpiresAt > now, ct);

    private static IResult Replay(HttpContext http, IdempotentRequest stored, string hash)
    {
        if (stored.RequestHash != hash)
            throw new ConflictException(StatusCodes.Status422UnprocessableEntity,
                $"{KeyHeader}: '{stored.Key}' was already used for another request at {stored.CreatedAt:yyyy-MM-dd HH:mm:ss} UTC; use a new key for a new push");
        http.Response.Headers[ReplayedHeader] = "true";
        return Results.Text(stored.Response, "application/json", Encoding.UTF8, stored.Status);
    }

    /// <summary>
    /// Editor in the workspace of every action named (403 otherwise). Returns the workspaces the caller belongs to: an
    /// action anywhere else is then reported by the push exactly like an action that does not exist.
    /// </summary>
    private static async Task<HashSet<int>> AuthorizeAsync(HttpContext http, WorkspaceGate gate, PiloteDb db, IReadOnlyList<PushedValue> values, CancellationToken ct)
    {
        var workspaces = await new MeasurementPush(db, TimeProvider.System).WorkspacesAsync(values.Select(v => v.Action), ct);
        var visible = new HashSet<int>();
        foreach (var w in workspaces.Values.Distinct())
        {
            var role = await gate.RoleAsync(http.User, w, ct);
            if (role is null)
                continue;
            if (role < WorkspaceRole.Editor)
                throw new ForbiddenException("measurements: the editor role is needed to push measurements");
            visible.Add(w);
        }
        return visible;
    }
}
