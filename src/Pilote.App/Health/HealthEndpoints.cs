using Pilote.Data;

namespace Pilote.App.Health;

public static class HealthEndpoints
{
    /// <summary>GET /health: 200 when the database answers, 503 otherwise (for load balancers and scripts).</summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", async (PiloteDb db, CancellationToken ct) =>
        {
            bool up;
            try
            {
                up = await db.Database.CanConnectAsync(ct);
            }
            catch (Exception)
            {
                up = false;
            }
            return up
                ? Results.Ok(new { status = "ok", database = db.Database.ProviderName?.Split('.').Last() })
                : Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "database unavailable");
        }).AllowAnonymous();
        return app;
    }
}
