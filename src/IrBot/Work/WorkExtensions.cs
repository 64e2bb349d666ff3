using IrBot.Scheduling;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace IrBot.Work;

public static class WorkExtensions
{
    public static IServiceCollection AddDurableWork(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<Housekeeping>();
        services.AddRecurringJob<HousekeepingJob>(configuration, "Housekeeping", TimeSpan.FromHours(6));
        services.AddOptions<WorkOptions>().BindConfiguration(WorkOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<WorkQueue>();
        services.AddSingleton<WorkFailureReports>();
        services.AddSingleton<WorkInstances>();
        services.AddSingleton<WakeProcessorOnSave>();
        services.AddSingleton<IInterceptor>(sp => sp.GetRequiredService<WakeProcessorOnSave>());
        services.AddHostedService<WorkProcessor>();
        services.HandlersOf(typeof(IWorkHandler), "job kind");
        services.AddWorkQueueGauges();
        return services;
    }

    /// <summary>Registers the handler of <typeparamref name="THandler"/>'s <see cref="IWorkHandler.Kind"/> (and its former kinds).</summary>
    public static IServiceCollection AddWorkHandler<THandler>(this IServiceCollection services)
        where THandler : class, IWorkHandler
    {
        services.AddKeyedHandler(typeof(IWorkHandler), "job kind", new HandlerEntry(THandler.Kind, typeof(THandler)) { IsLong = THandler.IsLong });
        var registry = services.HandlersOf(typeof(IWorkHandler), "job kind");
        foreach (var former in THandler.FormerKinds)
        {
            registry.AddAlias(former, THandler.Kind);
        }

        return services;
    }
}
