using Pilote.Alerts;
using Pilote.App.Alerts;
using Pilote.App.Health;
using Pilote.Data;

namespace Pilote.App;

/// <summary>The web host behind <c>pilote serve</c>: every service and endpoint is added here, explicitly, in order.</summary>
public static class WebApp
{
    public static WebApplication Build(DatabaseTarget target, TimeProvider clock, string urls)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls(urls);
        builder.Services.AddSingleton(target);
        builder.Services.AddSingleton(clock);
        builder.Services.AddDbContext<PiloteDb>(target.Configure);
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton(AlertOptions.FromEnvironment(Environment.GetEnvironmentVariable));
        builder.Services.AddHostedService(sp => new AlertSchedulerService(sp, target));

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapHealth();
        return app;
    }
}
