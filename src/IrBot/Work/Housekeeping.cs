using IrBot.Data;
using IrBot.SlackApp;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace IrBot.Work;

/// <summary>
/// Deletes finished background work and old event ids, so the tables stay small. Failed work is kept for
/// people to look at; event ids are kept well past Slack's last retry (about 5 minutes after the first try).
/// </summary>
public sealed class Housekeeping(IrBotDbContext db, TimeProvider time, ILogger<Housekeeping> logger)
{
    public static readonly TimeSpan KeepDoneWork = TimeSpan.FromDays(14);
    public static readonly TimeSpan KeepEventIds = TimeSpan.FromDays(2);

    public async Task<(int Work, int Events)> CleanAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var workBefore = now - KeepDoneWork;
        var eventsBefore = now - KeepEventIds;
        var work = await db.WorkItems
            .Where(w => w.Status == WorkStatus.Done && w.UpdatedAt < workBefore)
            .ExecuteDeleteAsync(cancellationToken);
        var events = await db.ProcessedEvents
            .Where(e => e.ReceivedAt < eventsBefore)
            .ExecuteDeleteAsync(cancellationToken);
        if (work + events > 0)
        {
            logger.LogInformation("Housekeeping removed {Work} finished work items and {Events} old event ids", work, events);
        }

        return (work, events);
    }
}

public sealed class HousekeepingJob(Housekeeping housekeeping) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await housekeeping.CleanAsync(cancellationToken);
}
