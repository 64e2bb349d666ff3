using Quartz;

namespace IrBot.Scheduling;

/// <summary>
/// Quartz for periodic work. Each feature schedules its own jobs with <see cref="AddRecurringJob{TJob}"/>;
/// the period comes from <c>Schedules:{Name}</c> (a TimeSpan such as <c>00:15:00</c>, or a cron
/// expression), so operators can change it.
/// </summary>
public static class SchedulingExtensions
{
    /// <summary>
    /// With PostgreSQL (<c>ConnectionStrings:IrBot</c>), Quartz keeps its schedule in the same database,
    /// clustered, so several instances fire each trigger once; it creates its <c>qrtz_*</c> tables if they
    /// are missing (idempotent, safe when two instances start together). With SQLite (one instance), the
    /// schedule stays in memory.
    /// </summary>
    public static IServiceCollection AddIrBotScheduling(this IServiceCollection services, IConfiguration? configuration = null)
    {
        var postgres = configuration?.GetConnectionString("IrBot");
        services.AddQuartz(q =>
        {
            if (string.IsNullOrWhiteSpace(postgres))
            {
                return;
            }

            // UseClustering gives each node its own generated instance id.
            q.UsePersistentStore(store =>
            {
                store.UsePostgres(postgres);
                store.UseSystemTextJsonSerializer();
                store.UseClustering(c => c.CheckinInterval = TimeSpan.FromSeconds(15));
                store.ProvisionSchema();
            });
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return services;
    }

    /// <summary>
    /// Schedules <typeparamref name="TJob"/> under a stable identity, period from <c>Schedules:{name}</c>. A
    /// <paramref name="recoverable"/> job interrupted by a crash is run again for that firing (clustered store only), with
    /// <see cref="IJobExecutionContext.Recovering"/> set: it must skip what it did (e.g. look for its tagged posts).
    /// </summary>
    public static IServiceCollection AddRecurringJob<TJob>(this IServiceCollection services, IConfiguration configuration, string name, TimeSpan defaultPeriod, bool recoverable = false)
        where TJob : IJob
    {
        var schedule = Schedule.Read(configuration, name, defaultPeriod);
        services.AddQuartz(q => q.ScheduleJob<TJob>(
            trigger =>
            {
                trigger.WithIdentity(name, "irbot");
                if (schedule.Period is { } period)
                {
                    // Quartz fires on the system clock, so the first firing is counted on it too.
                    trigger.StartAt(TimeProvider.System.GetUtcNow() + period).WithSimpleSchedule(period);
                }
                else
                {
                    trigger.WithCronSchedule(schedule.Cron!);
                }
            },
            job => job.WithIdentity(name, "irbot").DisallowConcurrentExecution().RequestRecovery(recoverable)));
        return services;
    }
}
