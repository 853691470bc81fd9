using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Pilote.App.Account;

/// <summary>Slows password guessing: a few sign-in posts a minute per address, on top of Identity's lockout per account.</summary>
public static class SignInLimits
{
    public const string Policy = "signin";

    public static IServiceCollection AddSignInLimits(this IServiceCollection services) =>
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(Policy, ctx => HttpMethods.IsPost(ctx.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(ctx.Connection.RemoteIpAddress?.ToString() ?? "?",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = 10, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("get"));
        });
}
