using Pilote.App.Access;
using Pilote.App.Health;
using Pilote.App.Layout;
using Pilote.Data;

namespace Pilote.App;

/// <summary>The web host behind <c>pilote serve</c>: every service and endpoint is added here, explicitly, in order.</summary>
public static class WebApp
{
    public static WebApplication Build(DatabaseTarget target, TimeProvider clock, string urls, bool demo = false)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls(urls);
        builder.WebHost.UsePiloteStaticAssets();
        builder.Services.AddSingleton(target);
        builder.Services.AddSingleton(clock);
        builder.Services.AddDbContext<PiloteDb>(target.Configure);
        builder.Services.AddProblemDetails();
        builder.Services.AddPiloteAccess();
        builder.Services.AddPiloteUi();

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UsePiloteUi(demo);
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapHealth();
        app.MapPiloteUi();
        return app;
    }
}
