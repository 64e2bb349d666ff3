using IrBot.SlackApp;
using IrBot.Work;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace IrBot.AppHome;

public static class AppHomeExtensions
{
    /// <summary>The Home tab: published when opened, refreshed (debounced) when incidents, roles or tasks change.</summary>
    public static IServiceCollection AddAppHome(this IServiceCollection services)
    {
        services.AddScoped<HomeBuilder>();
        services.AddScoped<HomePublisher>();
        services.AddSingleton<HomeRefresher>();
        services.AddHostedService(sp => sp.GetRequiredService<HomeRefresher>());
        services.AddSingleton<IInterceptor, HomeChangeWatcher>();
        services.AddSlackEventHandler<AppHomeOpenedHandler>();
        services.AddBlockAction<RetryWorkButton>();
        services.AddWorkHandler<RefreshHomesWork>();
        return services;
    }
}
