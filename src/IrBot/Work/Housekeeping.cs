using IrBot.Data;
using Microsoft.EntityFrameworkCore;

namespace IrBot.Work;

/// <summary>
/// Deletes finished background work, then runs every folder's <see cref="IHousekeepingTask"/> (old event
/// ids, …), so the tables stay small. Failed work is kept for people to look at.
/// </summary>
public sealed class Housekeeping(IrBotDbContext db, IEnumerable<IHousekeepingTask> tasks, TimeProvider time, ILogger<Housekeeping> logger)
{
    public static readonly TimeSpan KeepDoneWork = TimeSpan.FromDays(14);

    /// <summary>How many work items went, and how many rows the other tasks removed.</summary>
    public async Task<(int Work, int Other)> CleanAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var workBefore = now - KeepDoneWork;
        var work = await db.WorkItems
            .Where(w => w.Status == WorkStatus.Done && w.UpdatedAt < workBefore)
            .ExecuteDeleteAsync(cancellationToken);
        var other = 0;
        foreach (var task in tasks)
        {
            other += await task.PruneAsync(now, cancellationToken);
        }

        if (work + other > 0)
        {
            logger.LogInformation("Housekeeping removed {Work} finished work items and {Other} other rows", work, other);
        }

        return (work, other);
    }
}
