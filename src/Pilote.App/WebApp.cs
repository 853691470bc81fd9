using Pilote.App.Access;
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
        builder.Services.AddPiloteAccess();

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHealth();
        return app;
    }
}
