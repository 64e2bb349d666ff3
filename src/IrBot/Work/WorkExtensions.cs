using IrBot.Scheduling;

namespace IrBot.Work;

public static class WorkExtensions
{
    public static IServiceCollection AddDurableWork(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<Housekeeping>();
        services.AddRecurringJob<HousekeepingJob>(configuration, "Housekeeping", TimeSpan.FromHours(6));
        services.AddOptions<WorkOptions>().BindConfiguration(WorkOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<WorkQueue>();
        services.AddHostedService<WorkProcessor>();
        return services;
    }

    public static IServiceCollection AddWorkHandler<THandler>(this IServiceCollection services)
        where THandler : class, IWorkHandler =>
        services.AddScoped<IWorkHandler, THandler>();
}
