using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Pilote.Common;

namespace Pilote.App.Api;

/// <summary>
/// ETags and If-Match: every resource's ETag is its version (<c>W/"v7"</c>); a write names the version it edits and a
/// stale one gets 412 with the current resource, so a client never overwrites a change it has not seen.
/// </summary>
public static class ApiVersions
{
    public static string Tag(int version) => $"W/\"v{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>The version the client's <c>If-Match</c> names; 428 when absent, 400 when unreadable.</summary>
    public static int IfMatch(HttpContext http)
    {
        var header = http.Request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0)
            throw new PreconditionRequiredException("If-Match: send the ETag of the version you edit (read it with GET first)");
        var text = header.StartsWith("W/", StringComparison.Ordinal) ? header[2..] : header;
        text = text.Trim('"');
        if (text.StartsWith('v'))
            text = text[1..];
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            throw new PiloteInputException($"If-Match: '{header}' is not an ETag of this API (W/\"v7\")");
        return version;
    }

    /// <summary>200 with the resource and its ETag.</summary>
    public static Ok<T> Ok<T>(HttpContext http, T body, int version)
    {
        http.Response.Headers.ETag = Tag(version);
        return TypedResults.Ok(body);
    }

    /// <summary>
    /// A write guarded by If-Match: the current resource is read, compared with the client's version, and the write runs
    /// only when they agree. A stale copy (checked here, or caught by the save itself) answers 412 with the current resource.
    /// </summary>
    public static async Task<IResult> GuardedAsync<T>(HttpContext http, Func<Task<T>> current, Func<T, int> version, Func<int, Task<IResult>> write)
    {
        var expected = IfMatch(http);
        var now = await current();
        if (version(now) != expected)
            return Stale(http, $"the resource was changed since version {expected} (now version {version(now)}); reload it and retry", now, version(now));
        try
        {
            return await write(expected);
        }
        catch (StaleWriteException ex)
        {
            var latest = await current();
            return Stale(http, ex.Message, latest, version(latest));
        }
    }

    private static IResult Stale<T>(HttpContext http, string detail, T current, int version)
    {
        http.Response.Headers.ETag = Tag(version);
        var problem = ApiProblems.Stale(detail, version, current);
        return TypedResults.Problem(problem);
    }
}
