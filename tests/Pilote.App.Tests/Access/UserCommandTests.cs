using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Pilote.Access;
using Pilote.Testing;

namespace Pilote.App.Tests.Access;

/// <summary>`pilote user add` and `pilote token create`: people, their workspace roles and personal API tokens.</summary>
public sealed class UserCommandTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_user_added_with_a_role_can_sign_in_with_the_printed_password_and_sees_only_that_workspace(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await CliRun.OkAsync(db, "demo");
        await CliRun.OkAsync(db, "workspace", "add", "Client B — Boulangerie");
        var added = await CliRun.OkAsync(db, "user", "add", "Marie@LocalScope.fr", "--workspace", "demo", "--role", "editor");
        var password = added.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last().Split(": ").Last().Trim();
        Assert.Contains("Mot de passe initial", added.Out);
        // The role in words and the workspace by its name, not the option's English word and what was typed.
        Assert.Matches(@"Rôle éditeur dans l'espace « .+ » \(n°\d+\)\.", added.Out);
        Assert.DoesNotContain("Rôle editor", added.Out);

        await using var ctx = db.Open();
        var user = await ctx.Users.SingleAsync(u => u.NormalizedEmail == "MARIE@LOCALSCOPE.FR");
        Assert.Equal(PasswordVerificationResult.Success, new PasswordHasher<PiloteUser>().VerifyHashedPassword(user, user.PasswordHash!, password));
        Assert.False(user.IsAdmin);

        var access = new AccessService(ctx, TimeProvider.System);
        var workspaces = await access.WorkspacesAsync(user.Id);
        var only = Assert.Single(workspaces);
        Assert.Equal("demo", only.Workspace.Slug);
        Assert.Equal(WorkspaceRole.Editor, only.Role);
        var other = await ctx.Workspaces.SingleAsync(w => w.Slug == "client-b-boulangerie");
        Assert.Null(await access.RoleAsync(user.Id, other.Id));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Adding_the_same_person_again_changes_the_role_instead_of_creating_a_second_user(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await CliRun.OkAsync(db, "demo");
        await CliRun.OkAsync(db, "user", "add", "paul@agence.fr", "--workspace", "demo", "--role", "viewer", "--password", "motdepasse-1");
        var again = await CliRun.OkAsync(db, "user", "add", "PAUL@agence.fr", "--workspace", "demo", "--role", "admin");
        Assert.Matches(@"Rôle administrateur dans l'espace « .+ » \(n°\d+\)\.", again.Out);
        Assert.DoesNotContain("Mot de passe initial", again.Out);

        await using var ctx = db.Open();
        var user = await ctx.Users.SingleAsync();
        var member = await ctx.WorkspaceMembers.SingleAsync(m => m.UserId == user.Id);
        Assert.Equal(WorkspaceRole.Admin, member.Role);
        Assert.Equal("fr-FR", user.Culture);

        // The language asked for is applied to a person who exists (it was silently kept), and kept when none is asked for.
        await CliRun.OkAsync(db, "user", "add", "paul@agence.fr", "--culture", "en-GB");
        await CliRun.OkAsync(db, "user", "add", "paul@agence.fr", "--workspace", "demo", "--role", "editor");
        await using var after = db.Open();
        Assert.Equal("en-GB", (await after.Users.SingleAsync()).Culture);
    }

    [Fact]
    public async Task A_token_is_printed_once_on_the_last_line_stored_hashed_and_refused_once_expired_or_revoked()
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");
        await CliRun.OkAsync(db, "user", "add", "api@agence.fr", "--admin");
        var created = await CliRun.OkAsync(db, "token", "create", "--user", "api@agence.fr", "--expires", "2026-12-31");
        var secret = created.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last().Trim();
        Assert.StartsWith(TokenSecrets.Marker, secret);

        await using var ctx = db.Open();
        var stored = await ctx.ApiTokens.SingleAsync();
        Assert.NotEqual(secret, stored.Hash);
        Assert.DoesNotContain(secret, stored.Hash + stored.Prefix + stored.Name);
        Assert.Equal(new DateTimeOffset(2026, 12, 31, 0, 0, 0, TimeSpan.Zero), stored.ExpiresAt);

        var december = new FixedClock(2026, 12, 1);
        Assert.Equal("api@agence.fr", (await new AccessService(ctx, december).AuthenticateTokenAsync(secret))?.Email);
        Assert.Null(await new AccessService(ctx, december).AuthenticateTokenAsync(secret + "x"));
        Assert.Null(await new AccessService(ctx, new FixedClock(2027, 1, 2)).AuthenticateTokenAsync(secret));

        await new AccessService(ctx, december).RevokeTokenAsync(stored.UserId, stored.Id);
        Assert.Null(await new AccessService(ctx, december).AuthenticateTokenAsync(secret));
    }

    [Theory]
    [InlineData(new[] { "user", "add", "pas-une-adresse" }, "email")]
    [InlineData(new[] { "user", "add", "a@b.fr", "--role", "editor" }, "--workspace et --role")]
    [InlineData(new[] { "user", "add", "a@b.fr", "--workspace", "demo", "--role", "owner" }, "--role")]
    [InlineData(new[] { "user", "add", "a@b.fr", "--password", "court" }, "password")]
    [InlineData(new[] { "token", "create", "--user", "personne@nulle.part" }, "aucun utilisateur")]
    [InlineData(new[] { "token", "create", "--user", "a@b.fr", "--expires", "2020-01-01" }, "--expires")]
    public async Task Bad_input_exits_2_with_one_line_naming_the_field_and_stores_nothing(string[] args, string field)
    {
        await using var db = await TestDatabase.CreateAsync("sqlite");
        await CliRun.OkAsync(db, "demo");
        if (args[0] == "token" && args[3] == "a@b.fr")
            await CliRun.OkAsync(db, "user", "add", "a@b.fr");
        await using var before = db.Open();
        var users = await before.Users.CountAsync();

        var result = await CliRun.RunAsync(db, args);

        Assert.Equal(2, result.Exit);
        Assert.Contains(field, Assert.Single(result.ErrLines));
        await using var after = db.Open();
        Assert.Equal(users, await after.Users.CountAsync());
        Assert.Equal(0, await after.ApiTokens.CountAsync());
        Assert.Equal(0, await after.WorkspaceMembers.CountAsync());
    }
}
