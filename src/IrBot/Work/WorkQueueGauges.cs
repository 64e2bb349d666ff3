using IrBot.Data;
using IrBot.Telemetry;

namespace IrBot.Work;

/// <summary>How far behind the queue is, read when metrics are collected (two queries on the status index).</summary>
internal static class WorkQueueGauges
{
    public static IServiceCollection AddWorkQueueGauges(this IServiceCollection services) =>
        services
            .AddObservedGauge("irbot.work.queue.depth", "{item}", "Queued jobs that are due (waiting or running), not counting those scheduled for later.",
                sp => Due(sp).Count())
            .AddObservedGauge("irbot.work.queue.oldest_age", "s", "How long the longest-waiting due job has been due; 0 when none is.",
                sp =>
                {
                    var oldest = Due(sp).Min(w => (DateTime?)w.NextAttemptAt);
                    var now = sp.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
                    return oldest is { } due ? Math.Max(0, (now - due).TotalSeconds) : 0;
                });

    private static IQueryable<WorkItem> Due(IServiceProvider services)
    {
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        return services.GetRequiredService<IrBotDbContext>().WorkItems.Where(w => w.Status == WorkStatus.Pending && w.NextAttemptAt <= now);
    }
}
