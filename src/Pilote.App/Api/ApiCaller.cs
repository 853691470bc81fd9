using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Pilote.App.Access;
using Pilote.Data;

namespace Pilote.App.Api;

/// <summary>Who is calling: their id, the name written in logs and comments, and their language.</summary>
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
        var caller = new ApiCaller(id, user.Email ?? id.ToString(CultureInfo.InvariantCulture), user.Culture,
            http.User.HasClaim(TokenAuthentication.Method, TokenAuthentication.Name));
        http.Items[typeof(ApiCaller)] = caller;
        return caller;
    }

    /// <summary>"Today" for KPI evaluation: the server clock's date (tests fix it).</summary>
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
}
