using Microsoft.AspNetCore.Localization;
using MudBlazor.Services;
using Pilote.App.Account;
using Pilote.App.Dashboards;
using Pilote.App.Imports;
using Pilote.App.Reports;

namespace Pilote.App.Layout;

/// <summary>The web app: Blazor with interactive server rendering and MudBlazor, the person's culture, sign-in limits.</summary>
public static class WebUi
{
    /// <summary>The app's manifests by name: a host started in-process (tests, benchmarks) is not called "pilote".</summary>
    private static string Manifest(string kind) => Path.Combine(AppContext.BaseDirectory, $"pilote.staticwebassets.{kind}.json");

    /// <summary>Serves MudBlazor's and the app's files from the build output too (a published app has them under wwwroot).</summary>
    public static IWebHostBuilder UsePiloteStaticAssets(this IWebHostBuilder web)
    {
        if (File.Exists(Manifest("runtime")))
            web.UseSetting(WebHostDefaults.StaticWebAssetsKey, Manifest("runtime"));
        return web.UseStaticWebAssets();
    }

    public static IServiceCollection AddPiloteUi(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddMudServices();
        services.AddSingleton<PlanChanges>();
        services.AddScoped<PlanNav>();
        return services;
    }

    /// <summary>Runs after authentication (the culture and the demo sign-in need the person) and before authorization.</summary>
    public static IApplicationBuilder UsePiloteUi(this IApplicationBuilder app, bool demo)
    {
        if (demo)
            app.UseDemoSignIn();
        app.UseRequestLocalization(o =>
        {
            o.SetDefaultCulture("fr-FR").AddSupportedCultures(Ui.Cultures).AddSupportedUICultures(Ui.Cultures);
            o.RequestCultureProviders = [new UserCultureProvider()];
        });
        app.UseRateLimiter();
        return app;
    }

    public static WebApplication MapPiloteUi(this WebApplication app)
    {
        if (File.Exists(Manifest("endpoints")))
            app.MapStaticAssets(Manifest("endpoints"));
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAccount();
        app.MapPlanDownloads();
        app.MapReportDownloads();
        return app;
    }
}
