using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Pilote.Access;
using Pilote.App.Access;
using Pilote.App.Layout;
using Pilote.Data;

namespace Pilote.App.Account;

/// <summary>Sign-out and the language switch: small form posts (antiforgery-checked) that end in a redirect.</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccount(this IEndpointRouteBuilder app)
    {
        app.MapPost("/deconnexion", async (HttpContext ctx, IAntiforgery antiforgery, SignInManager<PiloteUser> signIns) =>
        {
            // No form field is bound here, so the framework would not check the token: check it, or any page could sign people out.
            if (!await antiforgery.IsRequestValidAsync(ctx))
                return Results.BadRequest();
            await signIns.SignOutAsync();
            return Results.LocalRedirect("/connexion");
        });
        app.MapPost("/langue", async (HttpContext ctx, PiloteDb db, [Microsoft.AspNetCore.Mvc.FromForm] string culture,
            [Microsoft.AspNetCore.Mvc.FromForm] string? retour) =>
        {
            if (!Ui.Cultures.Contains(culture))
                return Results.Problem($"culture: '{culture}' is not one of {string.Join(", ", Ui.Cultures)}", statusCode: 400);
            if (WorkspaceGate.UserId(ctx.User) is not { } id)
                return Results.Unauthorized();
            await db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(s => s.SetProperty(u => u.Culture, culture));
            UserCultureProvider.Forget(id);
            return Results.LocalRedirect(retour is { Length: > 0 } r && r.StartsWith('/') && !r.StartsWith("//", StringComparison.Ordinal) ? r : "/");
        }).RequireAuthorization();
        return app;
    }
}
