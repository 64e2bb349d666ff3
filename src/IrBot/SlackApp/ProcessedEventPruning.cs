using IrBot.Data;
using IrBot.Work;
using Microsoft.EntityFrameworkCore;

namespace IrBot.SlackApp;

/// <summary>Forgets accepted event ids well past Slack's last retry (about 5 minutes after the first try).</summary>
public sealed class ProcessedEventPruning(IrBotDbContext db) : IHousekeepingTask
{
    public static readonly TimeSpan KeepEventIds = TimeSpan.FromDays(2);

    public Task<int> PruneAsync(DateTime now, CancellationToken cancellationToken)
    {
        var before = now - KeepEventIds;
        return db.ProcessedEvents.Where(e => e.ReceivedAt < before).ExecuteDeleteAsync(cancellationToken);
    }
}
