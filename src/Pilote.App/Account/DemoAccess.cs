using Microsoft.AspNetCore.Identity;
using Pilote.Access;
using Pilote.Data;
using Pilote.Demo;

namespace Pilote.App.Account;

/// <summary>
/// <c>pilote serve --demo</c>: a demo user, editor of the demo workspace, and a middleware that signs every visitor in
/// as that user, so a newcomer lands on the LocalScope dashboard without an account. Sign-out leads to the sign-in form,
/// which stays reachable to try another account.
/// </summary>
public static class DemoAccess
{
    public const string Email = "demo@pilote.local";

    public static async Task EnsureUserAsync(PiloteDb db, TimeProvider clock, CancellationToken ct)
    {
        var access = new AccessService(db, clock);
        var created = await access.AddUserAsync(Email, null, admin: false, DemoWorkspace.Slug, WorkspaceRole.Editor, ct: ct);
        if (created.User.DisplayName is null)
        {
            created.User.DisplayName = "Salma Benali";
            await db.SaveChangesAsync(ct);
        }
    }

    public static IApplicationBuilder UseDemoSignIn(this IApplicationBuilder app) => app.Use(async (ctx, next) =>
    {
        var path = ctx.Request.Path;
        var isPage = HttpMethods.IsGet(ctx.Request.Method) && !Path.HasExtension(path.Value)
            && !path.StartsWithSegments("/api") && !path.StartsWithSegments("/_blazor") && !path.StartsWithSegments("/_framework")
            && !path.StartsWithSegments("/_content") && !path.StartsWithSegments("/connexion") && !path.StartsWithSegments("/health")
            && !path.StartsWithSegments("/openapi");
        if (isPage && ctx.User.Identity?.IsAuthenticated != true)
        {
            var users = ctx.RequestServices.GetRequiredService<UserManager<PiloteUser>>();
            if (await users.FindByEmailAsync(Email) is { } user)
            {
                await ctx.RequestServices.GetRequiredService<SignInManager<PiloteUser>>().SignInAsync(user, isPersistent: false);
                // The cookie applies from the next request: come back to the same address with it.
                ctx.Response.Redirect(ctx.Request.PathBase + path + ctx.Request.QueryString);
                return;
            }
        }
        await next();
    });
}
