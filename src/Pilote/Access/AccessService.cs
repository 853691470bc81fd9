using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Pilote.Common;
using Pilote.Data;
using Pilote.Plans;

namespace Pilote.Access;

/// <summary>A user created from the command line, with the password to hand over when one was generated.</summary>
/// <param name="Workspace">The workspace the person was given a role in, when one was asked for.</param>
public sealed record NewUser(PiloteUser User, string? GeneratedPassword, Workspace? Workspace = null);

/// <summary>A token just created: the secret exists only here, it is never stored.</summary>
public sealed record IssuedToken(ApiToken Token, string Secret);

/// <summary>Users, workspace memberships and API tokens: one service for the CLI and the web app.</summary>
public sealed class AccessService(PiloteDb db, TimeProvider clock)
{
    private static readonly PasswordHasher<PiloteUser> Hasher = new();

    public static string Normalize(string email) => email.Trim().ToUpperInvariant();

    public Task<PiloteUser?> FindUserAsync(string email, CancellationToken ct = default)
    {
        var normalized = Normalize(email);
        return db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == normalized, ct);
    }

    public async Task<PiloteUser> GetUserAsync(string email, CancellationToken ct = default) =>
        await FindUserAsync(email, ct) ?? throw new NotFoundException($"user: no user with email '{email.Trim()}'") { French = $"user : aucun utilisateur n'a l'adresse e-mail « {email.Trim()} »" };

    /// <summary>
    /// Creates a user, or updates an existing one's admin flag, and grants a workspace role when one is given.
    /// Without a password a random one is generated and returned once. A culture given for an existing user becomes
    /// theirs; none leaves theirs as it is (a new user gets French).
    /// </summary>
    public async Task<NewUser> AddUserAsync(string email, string? password, bool admin, string? workspace, WorkspaceRole? role,
        string? culture = null, CancellationToken ct = default)
    {
        email = email.Trim();
        if (!IsEmail(email))
            throw new PiloteInputException($"email : « {email} » n'est pas une adresse e-mail", $"email: '{email}' is not an email address");
        if (password is not null && password.Length < 8)
            throw new PiloteInputException("password : au moins 8 caractères", "password: at least 8 characters");
        if ((workspace is null) != (role is null))
            throw new PiloteInputException("--workspace et --role vont ensemble : donnez les deux ou aucun", "--workspace and --role go together");

        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var user = await FindUserAsync(email, ct);
        string? generated = null;
        if (user is null)
        {
            user = new PiloteUser
            {
                Email = email,
                UserName = email,
                NormalizedEmail = Normalize(email),
                NormalizedUserName = Normalize(email),
                EmailConfirmed = true,
                LockoutEnabled = true,
                SecurityStamp = Guid.NewGuid().ToString("N"),
                ConcurrencyStamp = Guid.NewGuid().ToString(),
                Culture = culture ?? "fr-FR",
                CreatedAt = clock.GetUtcNow(),
            };
            if (password is null)
                password = generated = GeneratePassword();
            user.PasswordHash = Hasher.HashPassword(user, password);
            db.Users.Add(user);
        }
        else if (password is not null)
        {
            user.PasswordHash = Hasher.HashPassword(user, password);
            user.SecurityStamp = Guid.NewGuid().ToString("N");
        }
        user.IsAdmin |= admin;
        // `user add` on a person who exists said nothing and kept their language: the culture asked for is applied.
        if (culture is not null)
            user.Culture = culture;
        await db.SaveChangesAsync(ct);
        // Alerts subscribed for this email before the account existed now belong to the person.
        await Alerts.AlertPreferences.LinkAsync(db, user, ct);
        Workspace? granted = null;
        if (workspace is not null && role is not null)
        {
            granted = await WorkspaceService.ResolveAsync(db, clock, workspace, ct);
            await GrantAsync(user.Id, granted.Id, role.Value, ct: ct);
        }
        if (tx is not null)
            await tx.CommitAsync(ct);
        return new NewUser(user, generated, granted);
    }

    /// <summary>Sets the user's role in a workspace (adding the membership if needed).</summary>
    /// <remarks>The workspace's version moves too: it is the ETag of its member list.</remarks>
    public async Task<WorkspaceMember> GrantAsync(int userId, int workspaceId, WorkspaceRole role, int? expectedVersion = null, CancellationToken ct = default)
    {
        var workspace = await db.Workspaces.FirstOrDefaultAsync(w => w.Id == workspaceId, ct)
            ?? throw new NotFoundException($"workspace #{workspaceId} not found") { French = $"espace n°{workspaceId} introuvable" };
        Versions.Expect(db, workspace, expectedVersion, $"the members of workspace #{workspaceId}", $"la liste des membres de l'espace n°{workspaceId}");
        db.Entry(workspace).State = EntityState.Modified;
        var member = await db.WorkspaceMembers.FirstOrDefaultAsync(m => m.UserId == userId && m.WorkspaceId == workspaceId, ct);
        if (member is null)
        {
            member = new WorkspaceMember { UserId = userId, WorkspaceId = workspaceId, CreatedAt = clock.GetUtcNow() };
            db.WorkspaceMembers.Add(member);
        }
        member.Role = role;
        await db.SaveChangesAsync(ct);
        return member;
    }

    /// <summary>The user's role in a workspace; a system administrator is admin everywhere; null means no access.</summary>
    public async Task<WorkspaceRole?> RoleAsync(int userId, int workspaceId, CancellationToken ct = default)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.IsAdmin }).FirstOrDefaultAsync(ct);
        if (user is null)
            return null;
        if (user.IsAdmin)
            return WorkspaceRole.Admin;
        var member = await db.WorkspaceMembers.AsNoTracking()
            .Where(m => m.UserId == userId && m.WorkspaceId == workspaceId).Select(m => (WorkspaceRole?)m.Role).FirstOrDefaultAsync(ct);
        return member;
    }

    /// <summary>The workspaces a user can open, with the role in each; empty for a user with no membership.</summary>
    public async Task<IReadOnlyList<(Workspace Workspace, WorkspaceRole Role)>> WorkspacesAsync(int userId, CancellationToken ct = default)
    {
        var isAdmin = await db.Users.AsNoTracking().AnyAsync(u => u.Id == userId && u.IsAdmin, ct);
        if (isAdmin)
        {
            var all = await db.Workspaces.AsNoTracking().OrderBy(w => w.Name).ToListAsync(ct);
            return all.Select(w => (w, WorkspaceRole.Admin)).ToList();
        }
        var members = await db.WorkspaceMembers.AsNoTracking().Include(m => m.Workspace)
            .Where(m => m.UserId == userId).ToListAsync(ct);
        return members.OrderBy(m => m.Workspace!.Name).Select(m => (m.Workspace!, m.Role)).ToList();
    }

    public async Task<IssuedToken> CreateTokenAsync(int userId, string name, DateTimeOffset? expires, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var expiresAt = expires ?? now.AddDays(90);
        if (expiresAt <= now)
            throw new PiloteInputException($"--expires : {expiresAt:dd/MM/yyyy} n'est pas dans le futur", $"--expires: {expiresAt:yyyy-MM-dd} is not in the future");
        var secret = TokenSecrets.NewSecret();
        var token = new ApiToken
        {
            UserId = userId,
            Name = string.IsNullOrWhiteSpace(name) ? "token" : name.Trim(),
            Prefix = TokenSecrets.PrefixOf(secret),
            Hash = TokenSecrets.Hash(secret),
            CreatedAt = now,
            ExpiresAt = expiresAt,
        };
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(ct);
        return new IssuedToken(token, secret);
    }

    /// <summary>The user a token belongs to, when the token exists, is not revoked and has not expired.</summary>
    public async Task<PiloteUser?> AuthenticateTokenAsync(string secret, CancellationToken ct = default)
    {
        if (!secret.StartsWith(TokenSecrets.Marker, StringComparison.Ordinal))
            return null;
        var hash = TokenSecrets.Hash(secret);
        var token = await db.ApiTokens.Include(t => t.User).FirstOrDefaultAsync(t => t.Hash == hash, ct);
        var now = clock.GetUtcNow();
        if (token is null || !token.IsActive(now))
            return null;
        // Recorded at most once a minute: a busy integration should not turn every read into a write.
        if (token.LastUsedAt is null || now - token.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            // Not a change of the token people edit: its version (the revoke's ETag) stays.
            await db.ApiTokens.Where(t => t.Id == token.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), ct);
        }
        return token.User;
    }

    public async Task<ApiToken> RevokeTokenAsync(int userId, int tokenId, int? expectedVersion = null, CancellationToken ct = default)
    {
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == tokenId && t.UserId == userId, ct)
            ?? throw new NotFoundException($"token: no token {tokenId}") { French = $"token : aucun jeton n°{tokenId}" };
        Versions.Expect(db, token, expectedVersion, $"token {tokenId}", $"le jeton {tokenId}");
        token.RevokedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return token;
    }

    private static bool IsEmail(string email)
    {
        var at = email.IndexOf('@');
        return at > 0 && at == email.LastIndexOf('@') && email.IndexOf('.', at) > at + 1 && !email.EndsWith('.') && !email.Any(char.IsWhiteSpace);
    }

    private static string GeneratePassword() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', 'x').Replace('/', 'y') + "!7";
}
