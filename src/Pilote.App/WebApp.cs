using Pilote.App.Access;
using Pilote.App.Api;
using Pilote.App.Health;
using Pilote.Data;

namespace Pilote.App;

/// <summary>The web host behind <c>pilote serve</c>: every service and endpoint is added here, explicitly, in order.</summary>
public static class WebApp
{
    /// <param name="configure">Lets tests and benchmarks adjust the host (settings such as rate limits) before it is built.</param>
    public static WebApplication Build(DatabaseTarget target, TimeProvider clock, string urls, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls(urls);
        configure?.Invoke(builder);
        builder.Services.AddSingleton(target);
        builder.Services.AddSingleton(clock);
        builder.Services.AddDbContext<PiloteDb>(target.Configure);
        builder.Services.AddProblemDetails();
        builder.Services.AddPiloteAccess();
        builder.Services.AddPiloteApi(builder.Configuration);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.MapHealth();
        app.MapApiReference();
        var api = app.MapApiV1();
        api.MapMeApi();
        api.MapMembersApi();
        api.MapPlansApi();
        api.MapObjectivesApi();
        api.MapActionsApi();
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
