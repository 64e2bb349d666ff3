using IrBot.Data;
using IrBot.Slack.WebApi;
using Microsoft.EntityFrameworkCore;

namespace IrBot.AppHome;

/// <summary>Builds and publishes Home tabs, remembering who has one (so a change refreshes theirs).</summary>
public sealed class HomePublisher(IrBotDbContext db, HomeBuilder builder, ISlackViewsApi views, TimeProvider time)
{
    /// <summary>A refresh republishes the tabs opened within this time; older ones update when next opened.</summary>
    public static readonly TimeSpan ViewerMemory = TimeSpan.FromDays(30);

    public async Task OpenedAsync(string userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var viewer = await db.AppHomeViewers.FirstOrDefaultAsync(v => v.UserId == userId, cancellationToken);
        if (viewer is null)
        {
            db.AppHomeViewers.Add(new AppHomeViewer { UserId = userId, LastOpenedAt = now });
        }
        else
        {
            viewer.LastOpenedAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
        await PublishAsync(userId, cancellationToken);
    }

    public async Task PublishAsync(string userId, CancellationToken cancellationToken) =>
        await views.PublishAsync(new PublishView { UserId = userId, View = await builder.BuildAsync(userId, cancellationToken) }, cancellationToken);

    public async Task<IReadOnlyList<string>> RecentViewersAsync(CancellationToken cancellationToken)
    {
        var since = time.GetUtcNow().UtcDateTime - ViewerMemory;
        return await db.AppHomeViewers.AsNoTracking().Where(v => v.LastOpenedAt >= since).OrderBy(v => v.UserId).Select(v => v.UserId).ToListAsync(cancellationToken);
    }
}
