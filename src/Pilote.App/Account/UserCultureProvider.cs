using System.Collections.Concurrent;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using Pilote.App.Access;
using Pilote.Data;

namespace Pilote.App.Account;

/// <summary>
/// The request culture is the signed-in person's <c>PiloteUser.Culture</c> (French until they switch). Kept in memory
/// after the first read: a page load should not cost a query; the language switch forgets the cached value.
/// </summary>
public sealed class UserCultureProvider : RequestCultureProvider
{
    private static readonly ConcurrentDictionary<int, string> Known = new();

    public static void Forget(int userId) => Known.TryRemove(userId, out _);

    public override async Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        if (WorkspaceGate.UserId(httpContext.User) is not { } id)
            return null;
        if (!Known.TryGetValue(id, out var culture))
        {
            var db = httpContext.RequestServices.GetRequiredService<PiloteDb>();
            culture = await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => u.Culture).FirstOrDefaultAsync(httpContext.RequestAborted) ?? "fr-FR";
            Known[id] = culture;
        }
        return new ProviderCultureResult(culture);
    }
}
