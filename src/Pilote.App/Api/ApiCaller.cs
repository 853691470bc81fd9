using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Pilote.App.Access;
using Pilote.Data;

namespace Pilote.App.Api;

/// <summary>Who is calling: their id, the name written in logs and comments, and their language: the one the request's
/// <c>Accept-Language</c> asks for when Pilote speaks it, else the person's own.</summary>
public sealed record ApiCaller(int Id, string Author, string Culture, bool ByToken)
{
    public bool French => !Culture.StartsWith("en", StringComparison.OrdinalIgnoreCase);

    public static async Task<ApiCaller> OfAsync(HttpContext http, PiloteDb db, CancellationToken ct)
    {
        if (http.Items.TryGetValue(typeof(ApiCaller), out var cached) && cached is ApiCaller known)
            return known;
        var id = WorkspaceGate.UserId(http.User) ?? throw new UnauthorizedAccessException();
        var user = await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => new { u.Email, u.Culture }).FirstOrDefaultAsync(ct)
            ?? throw new UnauthorizedAccessException();
        var caller = new ApiCaller(id, user.Email ?? id.ToString(CultureInfo.InvariantCulture), Asked(http.Request) ?? user.Culture,
            http.User.HasClaim(TokenAuthentication.Method, TokenAuthentication.Name));
        http.Items[typeof(ApiCaller)] = caller;
        return caller;
    }

    /// <summary>
    /// The first language by quality that Pilote speaks (French or English) among those the request accepts, as a culture
    /// (« fr-CA » stays itself, a bare « en » is en-GB as in the CLI); null when it asks for none of them or says nothing.
    /// An integration asking for English got a French person's French audit and review.
    /// </summary>
    private static string? Asked(HttpRequest request)
    {
        foreach (var language in request.GetTypedHeaders().AcceptLanguage.Where(l => l.Quality is not 0).OrderByDescending(l => l.Quality ?? 1))
        {
            var tag = language.Value.Value ?? "";
            if (tag.StartsWith("fr", StringComparison.OrdinalIgnoreCase) || tag.StartsWith("en", StringComparison.OrdinalIgnoreCase))
                return tag.Length == 2 ? (tag.Equals("fr", StringComparison.OrdinalIgnoreCase) ? "fr-FR" : "en-GB") : tag;
        }
        return null;
    }

    /// <summary>"Today" for KPI evaluation: the server clock's date (tests fix it).</summary>
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
}
