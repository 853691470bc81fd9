using Pilote.Alerts;
using Pilote.App.Access;
using Pilote.App.Alerts;
using Pilote.App.Api;
using Pilote.App.Health;
using Pilote.App.Layout;
using Pilote.Data;

namespace Pilote.App;

/// <summary>The web host behind <c>pilote serve</c>: every service and endpoint is added here, explicitly, in order.</summary>
public static class WebApp
{
    /// <param name="configure">Lets tests and benchmarks adjust the host (settings such as rate limits) before it is built.</param>
    public static WebApplication Build(DatabaseTarget target, TimeProvider clock, string urls, bool demo = false,
        Action<WebApplicationBuilder>? configure = null)
    {
        // The application is always `pilote` (not the test host that may load it): its static asset manifests carry that name.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            ApplicationName = typeof(WebApp).Assembly.GetName().Name,
        });
        builder.WebHost.UseUrls(urls);
        // Request-by-request logs drown what matters on a terminal; warnings and errors still show.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        builder.WebHost.UsePiloteStaticAssets();
        configure?.Invoke(builder);
        builder.Services.AddSingleton(target);
        builder.Services.AddSingleton(clock);
        builder.Services.AddDbContext<PiloteDb>(target.Configure);
        builder.Services.AddProblemDetails();
        builder.Services.AddPiloteAccess();
        builder.Services.AddPiloteUi();
        builder.Services.AddPiloteApi(builder.Configuration);
        builder.Services.AddSingleton(AlertOptions.FromEnvironment(Environment.GetEnvironmentVariable));
        builder.Services.AddHostedService(sp => new AlertSchedulerService(sp, target));

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        // Also runs the rate limiter (after authentication, so that API budgets are per person).
        app.UsePiloteUi(demo);
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapHealth();
        app.MapPiloteUi();
        app.MapApiReference();
        var api = app.MapApiV1();
        api.MapMeApi();
        api.MapMembersApi();
        api.MapPlansApi();
        api.MapObjectivesApi();
        api.MapActionsApi();
        api.MapActionHistoryApi();
        api.MapKpisApi();
        api.MapMeasurementsApi();
        api.MapImportsApi();
        api.MapExportsApi();
        api.MapAuditApi();
        api.MapReviewsApi();
        api.MapDashboardApi();
        return app;
    }
}
