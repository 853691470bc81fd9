using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Pilote.Access;
using Pilote.App.Access;
using Pilote.Common;
using Pilote.Data;

namespace Pilote.App.Api;

public sealed record MyWorkspace(int Id, string Name, string Slug, string Role);

public sealed record MeDto(int Id, string Email, string? DisplayName, string Culture, bool IsAdmin, string AuthenticatedBy, IReadOnlyList<MyWorkspace> Workspaces,
    int Version);

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record MeChanges(string? Culture);

/// <summary>A token as listed; <c>version</c> is what a revoke names in <c>If-Match</c> (<c>W/"v1"</c>).</summary>
public sealed record TokenDto(int Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt,
    DateTimeOffset? LastUsedAt, bool Active, int Version)
{
    public static TokenDto Of(ApiToken t, DateTimeOffset now) =>
        new(t.Id, t.Name, t.Prefix, t.CreatedAt, t.ExpiresAt, t.RevokedAt, t.LastUsedAt, t.IsActive(now), t.Version);
}

/// <summary>The secret appears in this answer only: it is stored as a hash and can never be shown again.</summary>
public sealed record IssuedTokenDto(TokenDto Token, string Secret);

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record TokenCreate(string? Name, string? Expires = null);

/// <summary>/api/v1/me: who is calling, in which workspaces, in which language; and their personal API tokens.</summary>
public static class MeApi
{
    public static readonly string[] Cultures = ["fr-FR", "en-GB"];

    public static RouteGroupBuilder MapMeApi(this RouteGroupBuilder api)
    {
        api.MapGet("/me", GetAsync).WithSummary("Who is calling: culture, workspaces and role in each");
        api.MapPatch("/me", PatchAsync).WithMetadata(IfMatchRequired.Instance).WithSummary("Change one's language and formats (fr-FR or en-GB; If-Match)");
        api.MapGet("/me/tokens", ListTokensAsync).WithSummary("One's API tokens (never their secrets)");
        api.MapPost("/me/tokens", CreateTokenAsync).WithSummary("Create an API token; the secret is in this answer only (signed-in session only)");
        api.MapDelete("/me/tokens/{id:int}", RevokeTokenAsync).WithMetadata(IfMatchRequired.Instance)
            .WithSummary("Revoke one of one's tokens (If-Match: the version listed)");
        return api;
    }

    private static async Task<Ok<MeDto>> GetAsync(HttpContext http, WorkspaceGate gate, PiloteDb db, CancellationToken ct)
    {
        var me = await MeAsync(http, gate, db, ct);
        return ApiVersions.Ok(http, me, me.Version);
    }

    private static async Task<IResult> PatchAsync(MeChanges body, HttpContext http, WorkspaceGate gate, PiloteDb db, CancellationToken ct)
    {
        var caller = await ApiCaller.OfAsync(http, db, ct);
        string? culture = null;
        if (body.Culture is { } c)
            culture = Cultures.FirstOrDefault(x => string.Equals(x, c.Trim(), StringComparison.OrdinalIgnoreCase))
                ?? throw new PiloteInputException($"culture: '{c}' is not one of {string.Join(", ", Cultures)}");
        return await ApiVersions.GuardedAsync(http, () => MeAsync(http, gate, db, ct), m => m.Version, async expected =>
        {
            var user = await db.Users.FirstAsync(u => u.Id == caller.Id, ct);
            Versions.Expect(db, user, expected, "your profile");
            if (culture is not null && culture != user.Culture)
            {
                user.Culture = culture;
                await db.SaveChangesAsync(ct);
                http.Items.Remove(typeof(ApiCaller));
            }
            db.ChangeTracker.Clear();
            var me = await MeAsync(http, gate, db, ct);
            return ApiVersions.Ok(http, me, me.Version);
        });
    }

    private static async Task<MeDto> MeAsync(HttpContext http, WorkspaceGate gate, PiloteDb db, CancellationToken ct)
    {
        var caller = await ApiCaller.OfAsync(http, db, ct);
        var user = await db.Users.AsNoTracking().FirstAsync(u => u.Id == caller.Id, ct);
        var workspaces = await gate.WorkspacesAsync(http.User, ct);
        return new MeDto(user.Id, user.Email ?? "", user.DisplayName, user.Culture, user.IsAdmin, caller.ByToken ? "token" : "session",
            [.. workspaces.Select(w => new MyWorkspace(w.Workspace.Id, w.Workspace.Name, w.Workspace.Slug, w.Role.ToString().ToLowerInvariant()))], user.Version);
    }

    private static async Task<Ok<List<TokenDto>>> ListTokensAsync(HttpContext http, PiloteDb db, TimeProvider clock, CancellationToken ct)
    {
        var caller = await ApiCaller.OfAsync(http, db, ct);
        var now = clock.GetUtcNow();
        var tokens = await db.ApiTokens.AsNoTracking().Where(t => t.UserId == caller.Id).OrderBy(t => t.Id).ToListAsync(ct);
        return TypedResults.Ok(tokens.Select(t => TokenDto.Of(t, now)).ToList());
    }

    /// <summary>Only a signed-in person mints tokens: a leaked token must not be able to make itself new ones.</summary>
    private static async Task<Created<IssuedTokenDto>> CreateTokenAsync(TokenCreate body, HttpContext http, PiloteDb db, TimeProvider clock, CancellationToken ct)
    {
        var caller = await ApiCaller.OfAsync(http, db, ct);
        if (caller.ByToken)
            throw new ForbiddenException("tokens: sign in to the web app to create a token; a token cannot create another one");
        DateTimeOffset? expires = Inputs.ParseOptionalDate(body.Expires, "expires") is { } d
            ? new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)
            : null;
        IssuedToken issued;
        try
        {
            issued = await new AccessService(db, clock).CreateTokenAsync(caller.Id, body.Name ?? "api", expires, ct);
        }
        catch (PiloteInputException ex) when (ex.Message.StartsWith("--", StringComparison.Ordinal))
        {
            throw new PiloteInputException(ex.Message[2..]);
        }
        return TypedResults.Created($"{ApiSetup.Prefix}/me/tokens/{issued.Token.Id}",
            new IssuedTokenDto(TokenDto.Of(issued.Token, clock.GetUtcNow()), issued.Secret));
    }

    private static async Task<IResult> RevokeTokenAsync(int id, HttpContext http, PiloteDb db, TimeProvider clock, CancellationToken ct)
    {
        var caller = await ApiCaller.OfAsync(http, db, ct);
        var now = clock.GetUtcNow();
        async Task<TokenDto> Current() => TokenDto.Of(await db.ApiTokens.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id && t.UserId == caller.Id, ct)
            ?? throw new NotFoundException($"token: no token {id}"), now);
        // Someone else's token is a 404 whatever the headers say: its existence is not revealed by a 428.
        await Current();
        return await ApiVersions.GuardedAsync(http, Current, t => t.Version,
            async expected =>
            {
                await new AccessService(db, clock).RevokeTokenAsync(caller.Id, id, expected, ct);
                return TypedResults.NoContent();
            });
    }
}
