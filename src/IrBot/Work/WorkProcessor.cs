using IrBot.Data;
using IrBot.Integrations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IrBot.Work;

/// <summary>
/// Runs due work items. An item is claimed with a lease (a conditional update, so two instances never
/// run one item at once); failures back off exponentially with jitter; on start, items whose lease ran
/// out (a crash) are simply due again. Each item builds only the handler registered for its kind.
/// </summary>
public sealed class WorkProcessor(
    IServiceScopeFactory scopes,
    WorkQueue queue,
    [FromKeyedServices(typeof(IWorkHandler))] HandlerRegistry kinds,
    TimeProvider time,
    IOptions<WorkOptions> options,
    WorkFailureReports reports,
    ILogger<WorkProcessor> logger) : BackgroundService
{
    private readonly string _instance = Truncate($"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}", 64);
    private readonly SemaphoreSlim _slots = new(options.Value.Concurrency);
    private readonly HashSet<long> _running = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromSeconds(options.Value.PollSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunDueItemsAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Work processor loop failed; retrying");
            }

            await queue.WaitAsync(poll, stoppingToken);
        }
    }

    private async Task RunDueItemsAsync(CancellationToken stoppingToken)
    {
        List<long> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IrBotDbContext>();
            var now = time.GetUtcNow().UtcDateTime;
            due = await db.WorkItems.AsNoTracking()
                .Where(w => w.Status == WorkStatus.Pending && w.NextAttemptAt <= now && (w.LockedUntil == null || w.LockedUntil < now))
                .OrderBy(w => w.Id)
                .Select(w => w.Id)
                .Take(50)
                .ToListAsync(stoppingToken);
        }

        foreach (var id in due)
        {
            lock (_running)
            {
                if (!_running.Add(id))
                {
                    continue;
                }
            }

            await _slots.WaitAsync(stoppingToken);
            _ = Task.Run(
                async () =>
                {
                    try
                    {
                        await RunOneAsync(id, stoppingToken);
                    }
                    catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                    {
                    }
                    catch (Exception ex)
                    {
                        logger.LogError(ex, "Work item {WorkItemId} could not be run", id);
                    }
                    finally
                    {
                        lock (_running)
                        {
                            _running.Remove(id);
                        }

                        _slots.Release();
                    }
                },
                CancellationToken.None);
        }
    }

    private async Task RunOneAsync(long id, CancellationToken stoppingToken)
    {
        var lease = TimeSpan.FromSeconds(options.Value.LeaseSeconds);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IrBotDbContext>();
        var now = time.GetUtcNow().UtcDateTime;
        var leaseUntil = now + lease;

        var claimed = await db.WorkItems
            .Where(w => w.Id == id && w.Status == WorkStatus.Pending && (w.LockedUntil == null || w.LockedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.LockedUntil, leaseUntil).SetProperty(w => w.LockedBy, _instance), stoppingToken);
        if (claimed == 0)
        {
            return;
        }

        var item = await db.WorkItems.SingleAsync(w => w.Id == id, stoppingToken);
        if (kinds.Resolve(scope.ServiceProvider, item.Kind) is not IWorkHandler handler)
        {
            logger.LogError("No handler for work item {WorkItemId} of kind {Kind}", item.Id, item.Kind);
            await FinishAsync(db, item, WorkStatus.Failed, $"no handler for {item.Kind}", stoppingToken);
            return;
        }

        using var stopHeartbeat = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var heartbeat = KeepLeaseAsync(id, lease, stopHeartbeat.Token);
        try
        {
            var result = await handler.ExecuteAsync(new WorkContext(item, db, time, lease), stoppingToken);
            await StopAsync(stopHeartbeat, heartbeat);
            if (result.RetryAfter is { } later)
            {
                item.NextAttemptAt = time.GetUtcNow().UtcDateTime + later;
                item.LastError = result.Reason;
                item.LockedUntil = null;
                item.LockedBy = null;
                item.UpdatedAt = time.GetUtcNow().UtcDateTime;
                await db.SaveChangesAsync(stoppingToken);
                logger.LogInformation("Work item {WorkItemId} ({Kind}) will continue in {Delay}: {Reason}", item.Id, item.Kind, later, result.Reason);
                return;
            }

            await FinishAsync(db, item, WorkStatus.Done, null, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: leave the lease to run out so the item is resumed, not lost.
        }
        catch (DbUpdateConcurrencyException)
        {
            // Our lease ran out and another instance has the item now: it carries on from the saved state.
            logger.LogWarning("Work item {WorkItemId} was taken over by another instance; stopping here", id);
        }
        catch (Exception ex)
        {
            await StopAsync(stopHeartbeat, heartbeat);
            await RecordFailureAsync(id, ex, stoppingToken);
        }
        finally
        {
            await StopAsync(stopHeartbeat, heartbeat);
        }
    }

    /// <summary>Renews the lease while the handler runs, so a long step never looks abandoned.</summary>
    private async Task KeepLeaseAsync(long id, TimeSpan lease, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(lease / 3, time, cancellationToken);
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<IrBotDbContext>();
            var until = time.GetUtcNow().UtcDateTime + lease;
            await db.WorkItems
                .Where(w => w.Id == id && w.LockedBy == _instance && w.Status == WorkStatus.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(w => w.LockedUntil, until), cancellationToken);
        }
    }

    private static async Task StopAsync(CancellationTokenSource stop, Task heartbeat)
    {
        if (!stop.IsCancellationRequested)
        {
            await stop.CancelAsync();
        }

        try
        {
            await heartbeat;
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
        {
            // A missed renewal only shortens the lease.
        }
    }

    private async Task RecordFailureAsync(long id, Exception ex, CancellationToken stoppingToken)
    {
        // A fresh context: the handler's may hold half-made changes that must not be saved.
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IrBotDbContext>();
        var item = await db.WorkItems.SingleAsync(w => w.Id == id, stoppingToken);
        if (item.LockedBy != _instance)
        {
            return; // Taken over by another instance meanwhile: its run counts, not ours.
        }

        item.Attempts++;
        item.LastError = ex.Message.Length > 2000 ? ex.Message[..2000] : ex.Message;
        // A revoked token, a missing scope or a refused credential: no retry fixes it, a person must.
        var permanent = ErrorClassifier.Classify(ex) == ErrorKind.Permanent;
        if (permanent || item.Attempts >= options.Value.MaxAttempts)
        {
            if (permanent)
            {
                logger.LogError("Work item {WorkItemId} ({Kind}) stopped: {Error} will not go away by retrying", item.Id, item.Kind, IntegrationErrors.Describe(ex));
            }
            else
            {
                logger.LogError(ex, "Work item {WorkItemId} ({Kind}) failed {Attempts} times; giving up", item.Id, item.Kind, item.Attempts);
            }

            await FinishAsync(db, item, WorkStatus.Failed, item.LastError, stoppingToken);
            await reports.ReportAsync(item, ex, permanent, stoppingToken);
            return;
        }

        var backoff = Backoff(item.Attempts);
        item.NextAttemptAt = time.GetUtcNow().UtcDateTime + backoff;
        item.LockedUntil = null;
        item.LockedBy = null;
        item.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(stoppingToken);
        logger.LogWarning(ex, "Work item {WorkItemId} ({Kind}) failed (attempt {Attempts}); retrying in {Delay}", item.Id, item.Kind, item.Attempts, backoff);
    }

    /// <summary>1, 2, 4 … seconds with ±25 % jitter, capped.</summary>
    internal TimeSpan Backoff(int attempts) => Work.Backoff.Exponential(attempts - 1, options.Value.MaxBackoffSeconds, jitter: 0.25);

    private async Task FinishAsync(IrBotDbContext db, WorkItem item, WorkStatus status, string? error, CancellationToken cancellationToken)
    {
        item.Status = status;
        item.LastError = error ?? item.LastError;
        item.LockedUntil = null;
        item.LockedBy = null;
        item.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[^max..];

    public override void Dispose()
    {
        _slots.Dispose();
        base.Dispose();
    }
}
