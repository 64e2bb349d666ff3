using System.Threading.Channels;
using IrBot.Data;
using IrBot.Work;
using Microsoft.EntityFrameworkCore;

namespace IrBot.AppHome;

/// <summary>
/// Debounces Home refreshes: after a change it waits a moment for more (an opening changes the incident
/// several times), then queues one <see cref="RefreshHomesWork"/>, unless one is already waiting or nobody has
/// a Home tab. A change signalled just before a crash may be missed; the tab is rebuilt whenever it is opened.
/// </summary>
public sealed class HomeRefresher(IServiceScopeFactory scopes, ILogger<HomeRefresher> logger) : BackgroundService
{
    public static readonly TimeSpan Debounce = TimeSpan.FromSeconds(2);

    private readonly Channel<bool> _changes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Changed() => _changes.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _changes.Reader.ReadAsync(stoppingToken);
                // Wall clock, like the work queue's polling: a test's paused clock must not stop refreshes.
                await Task.Delay(Debounce, TimeProvider.System, stoppingToken);
                _changes.Reader.TryRead(out _);
                await QueueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Could not queue a Home tab refresh");
            }
        }
    }

    private async Task QueueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IrBotDbContext>();
        if (!await db.AppHomeViewers.AnyAsync(cancellationToken)
            || await db.WorkItems.AnyAsync(w => w.Kind == RefreshHomesWork.Kind && w.Status == WorkStatus.Pending && w.LockedBy == null, cancellationToken))
        {
            return;
        }

        scope.ServiceProvider.GetRequiredService<WorkQueue>().Add(db, RefreshHomesWork.Kind, new RefreshHomesRequest());
        await db.SaveChangesAsync(cancellationToken);
    }
}
