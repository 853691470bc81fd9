using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Pilote.App.Access;

/// <summary>
/// The rate-limiting policies: <see cref="Api"/> per user or token (anonymous callers per address), <see cref="SignIn"/>
/// per address for the sign-in form's posts. Limits come from configuration (<c>Pilote:RateLimits:…</c>, or environment
/// variables <c>Pilote__RateLimits__ApiPerMinute</c>) so that a benchmark or a big integration can raise them.
/// </summary>
public static class RateLimits
{
    public const string Api = "api";
    public const string SignIn = "signin";

    public static IServiceCollection AddPiloteRateLimits(this IServiceCollection services, IConfiguration config)
    {
        var apiPerMinute = config.GetValue("Pilote:RateLimits:ApiPerMinute", 1200);
        var signInPerMinute = config.GetValue("Pilote:RateLimits:SignInPerMinute", 10);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (ctx, ct) =>
            {
                if (ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry))
                    ctx.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                var problems = ctx.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = ctx.HttpContext,
                    ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Title = "Too many requests", Detail = "slow down and retry after the delay in Retry-After" },
                });
            };
            // A token bucket lets an integration burst (a bulk push, a dashboard refresh) while capping the sustained rate.
            o.AddPolicy(Api, http => RateLimitPartition.GetTokenBucketLimiter(
                Partition(http),
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = Math.Max(1, apiPerMinute / 4),
                    TokensPerPeriod = Math.Max(1, apiPerMinute / 60),
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
            // Only posts count: showing the form is free, trying passwords is not.
            o.AddPolicy(SignIn, http => HttpMethods.IsPost(http.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter("ip:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = signInPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("get"));
        });
        return services;
    }

    /// <summary>Per person (a token and the session of one user share one budget), else per address.</summary>
    private static string Partition(HttpContext http) =>
        WorkspaceGate.UserId(http.User) is { } id
            ? "user:" + id.ToString(CultureInfo.InvariantCulture)
            : "ip:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
}
