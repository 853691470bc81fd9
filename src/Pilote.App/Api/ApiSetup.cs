using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Json;
using Pilote.App.Access;

namespace Pilote.App.Api;

/// <summary>The REST API's services (problem+json, JSON options, OpenAPI, rate limits) and its /api/v1 route group.</summary>
public static class ApiSetup
{
    public const string Prefix = "/api/v1";

    public static IServiceCollection AddPiloteApi(this IServiceCollection services, IConfiguration config)
    {
        services.AddExceptionHandler<ApiProblems>();
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.Converters.Add(new LenientText());
            o.SerializerOptions.TypeInfoResolver = (o.SerializerOptions.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver())
                .WithAddedModifier(PlainDecimals.Modify);
        });
        // Malformed JSON is thrown (not logged and dropped) so that ApiProblems can name the field in the 400.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddMemoryCache();
        services.AddPiloteRateLimits(config);
        services.AddPiloteOpenApi();
        return services;
    }

    /// <summary>/api/v1: every endpoint under it needs a session or a token, and counts against the caller's rate limit. Its
    /// answers vary with the caller and the language asked for (<see cref="ApiCaller"/>): no cache may share them.</summary>
    public static RouteGroupBuilder MapApiV1(this IEndpointRouteBuilder app) =>
        app.MapGroup(Prefix).RequireAuthorization().RequireRateLimiting(RateLimits.Api).WithTags("api")
            .AddEndpointFilter(async (context, next) =>
            {
                context.HttpContext.Response.Headers.Vary = "Accept-Language, Authorization, Cookie";
                return await next(context);
            });
}
