using Microsoft.OpenApi;

namespace Pilote.App.Api;

/// <summary>
/// The OpenAPI document at /openapi/v1.json: the two ways to authenticate (bearer token, session cookie), and the
/// headers the API's contract rests on (ETag and If-Match on versioned resources, Idempotency-Key on the bulk push).
/// </summary>
public static class OpenApiSetup
{
    public const string Document = "v1";

    public static IServiceCollection AddPiloteOpenApi(this IServiceCollection services) => services.AddOpenApi(Document, o =>
    {
        // Only the API: the web app's pages and health check are not part of the contract.
        o.ShouldInclude = d => d.RelativePath?.StartsWith("api/v1", StringComparison.Ordinal) == true;
        o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info = new OpenApiInfo
            {
                Title = "Pilote API",
                Version = "v1",
                Description = "Plans, objectives, actions, KPIs and targets, measurements, imports, exports, audit and weekly review. "
                    + "Authenticate with a personal token (Authorization: Bearer pil_…, created under /api/v1/me/tokens or with "
                    + "`pilote token create`) or the web app's session cookie. Every versioned resource carries an ETag (W/\"v7\"); "
                    + "writes to it need If-Match with that ETag: without it 428, with a stale one 412 and the current resource in the "
                    + "problem body. Errors are application/problem+json; a 400 has an `errors` map naming each bad field. "
                    + "Something that does not exist and something in another workspace both answer 404.",
            };
            doc.Components ??= new OpenApiComponents();
            doc.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            doc.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "pil_…",
                Description = "A personal API token, shown once at creation, stored hashed, expiring and revocable.",
            };
            doc.Components.SecuritySchemes["session"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Cookie, Name = "pilote.session",
                Description = "The web app's sign-in session.",
            };
            doc.Security ??= [];
            doc.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", doc)] = [] });
            doc.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("session", doc)] = [] });
            return Task.CompletedTask;
        });
        o.AddOperationTransformer((op, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            op.Parameters ??= [];
            op.Responses ??= [];
            if (metadata.OfType<IfMatchRequired>().Any())
            {
                op.Parameters.Add(new OpenApiParameter
                {
                    Name = "If-Match", In = ParameterLocation.Header, Required = true,
                    Description = "The ETag of the version being changed, as read with GET (W/\"v7\").",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                });
                op.Responses["412"] = new OpenApiResponse { Description = "Stale version: the problem body holds currentVersion, currentETag and current (the resource now)." };
                op.Responses["428"] = new OpenApiResponse { Description = "If-Match missing." };
            }
            if (metadata.OfType<IdempotencyKeyRequired>().Any())
            {
                op.Parameters.Add(new OpenApiParameter
                {
                    Name = MeasurementsApi.KeyHeader, In = ParameterLocation.Header, Required = true,
                    Description = "A unique key per push (a UUID), the same on every retry: a retry returns the first answer "
                        + "(with Idempotent-Replayed: true) and never counts twice; the same key with another body answers 422. Kept 24 hours.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                });
                op.Responses["422"] = new OpenApiResponse { Description = "The Idempotency-Key was already used for another request." };
            }
            if (context.Description.HttpMethod is "GET" && metadata.OfType<IfMatchRequired>().Any() is false)
                op.Responses.TryAdd("404", new OpenApiResponse { Description = "Not found, or in a workspace the caller is not a member of." });
            op.Responses.TryAdd("400", new OpenApiResponse { Description = "Invalid input (problem+json with an errors map naming each field)." });
            op.Responses.TryAdd("401", new OpenApiResponse { Description = "No valid token or session." });
            op.Responses.TryAdd("403", new OpenApiResponse { Description = "The caller's role in the workspace does not allow this." });
            op.Responses.TryAdd("429", new OpenApiResponse { Description = "Rate limit reached; retry after Retry-After seconds." });
            return Task.CompletedTask;
        });
    });
}
