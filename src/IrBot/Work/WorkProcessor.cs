using IrBot.Data;
using IrBot.Integrations;
using IrBot.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IrBot.Work;

/// <summary>
/// Runs due work items. An item is claimed with a lease (a conditional update, so two instances never
/// run one item at once) that is renewed while the handler runs; failures back off exponentially with
/// jitter. On a graceful stop the leases are released (the items are due again at once); on start, this
/// instance takes back what its previous life held (see <see cref="WorkInstances"/>), and other instances'
/// leases run out after <see cref="WorkOptions.LeaseSeconds"/>. Each item builds only the handler
/// registered for its kind.
/// </summary>
public sealed class WorkProcessor(
    IServiceScopeFactory scopes,
    WorkQueue queue,
    WorkInstances instances,
    [FromKeyedServices(typeof(IWorkHandler))] HandlerRegistry kinds,
    TimeProvider time,
    IOptions<WorkOptions> options,
    WorkFailureReports reports,
    IrBotMetrics metrics,
    ILogger<WorkProcessor> logger) : BackgroundService
{
    private readonly SemaphoreSlim _slots = new(options.Value.Concurrency);

    // The long-work lane (IWorkHandler.IsLong): at most half the slots, at least one.
    private readonly SemaphoreSlim _longSlots = new(Math.Max(1, options.Value.Concurrency / 2));
    private readonly IReadOnlyList<string> _longKinds = kinds.KeysWhere(e => e.IsLong);
    private readonly Dictionary<long, Task> _running = [];
    private Task _heartbeat = Task.CompletedTask;
    private bool _started;

    private string Owner => instances.Owner;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromSeconds(options.Value.PollSeconds);
        if (!await StartInstanceAsync(poll, stoppingToken))
        {
            return;
        }

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

    /// <summary>Registers this instance and takes back its previous life's work; waits for the database if it is not there yet.</summary>
    private async Task<bool> StartInstanceAsync(TimeSpan poll, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var taken = await instances.StartAsync(stoppingToken);
                _started = true;
                _heartbeat = instances.RunHeartbeatAsync(stoppingToken);
                logger.LogInformation("Work instance {InstanceId} started (lease {LeaseSeconds} s); took back {Taken} item(s) its previous run held", instances.Id, options.Value.LeaseSeconds, taken);
                return true;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return false;
            }
            catch (Exception ex) when (ex is DbUpdateException or System.Data.Common.DbException or TimeoutException)
            {
                // Not migrated or not reachable yet: readiness says so; keep trying quietly.
                logger.LogWarning("Work instance cannot register yet: {Error}", ex.Message);
            }

            try
            {
                await Task.Delay(poll, TimeProvider.System, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>A graceful stop: wait for the running items to hand their leases back, then say this life stopped.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        Task[] running;
        lock (_running)
        {
            running = [.. _running.Values];
        }

        try
        {
            await Task.WhenAll(running).WaitAsync(cancellationToken);
            await _heartbeat.ContinueWith(_ => { }, TaskScheduler.Default);
            if (_started)
            {
                await instances.StopAsync(cancellationToken);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or DbUpdateException or System.Data.Common.DbException or TimeoutException or ObjectDisposedException)
        {
            // Out of shutdown time, database gone, or the host already torn down: the leases run out instead.
            logger.LogWarning("Work leases not all released on stop: {Error}", ex.Message);
        }
    }

    private async Task RunDueItemsAsync(CancellationToken stoppingToken)
    {
        List<(long Id, bool IsLong)> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IrBotDbContext>();
            var now = time.GetUtcNow().UtcDateTime;
            var query = db.WorkItems.AsNoTracking()
                .Where(w => w.Status == WorkStatus.Pending && w.NextAttemptAt <= now && (w.LockedUntil == null || w.LockedUntil < now));
            if (_longSlots.CurrentCount == 0 && _longKinds.Count > 0)
            {
                // The long lane is full: look past the queued long work to the short work behind it.
                query = query.Where(w => !_longKinds.Contains(w.Kind));
            }

            due = [.. (await query.OrderBy(w => w.Id).Select(w => new { w.Id, w.Kind }).Take(50).ToListAsync(stoppingToken))
                .Select(w => (w.Id, kinds.Find(w.Kind)?.IsLong == true))];
        }

        var skippedLong = false;
        foreach (var (id, isLong) in due)
        {
            lock (_running)
            {
                if (_running.ContainsKey(id))
                {
                    continue;
                }
            }

            if (isLong && !_longSlots.Wait(0, CancellationToken.None))
            {
                // Its lane is full; the wake-up when a long item ends picks it up.
                skippedLong = true;
                continue;
            }

            await _slots.WaitAsync(stoppingToken);
            var run = new TaskCompletionSource();
            lock (_running)
            {
                _running[id] = run.Task;
            }

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
                        if (isLong)
                        {
                            _longSlots.Release();
                            queue.Notify();
                        }

                        run.SetResult();
                    }
                },
                CancellationToken.None);
        }

        if (skippedLong)
        {
            // The 50 looked at may all have been long work its full lane had to pass over: look again at once, past it,
            // for short work further back, rather than at the next poll.
            queue.Notify();
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
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.LockedUntil, leaseUntil).SetProperty(w => w.LockedBy, Owner), stoppingToken);
        if (claimed == 0)
        {
            return;
        }

        var item = await db.WorkItems.SingleAsync(w => w.Id == id, stoppingToken);
        if (kinds.Resolve(scope.ServiceProvider, item.Kind) is not IWorkHandler handler)
        {
            logger.LogError("No handler for work item {WorkItemId} of kind {Kind}", item.Id, item.Kind);
            await FinishAsync(db, item, WorkStatus.Failed, $"no handler for {item.Kind}", stoppingToken);
            metrics.Job(item.Kind, "failed", TimeSpan.Zero);
            return;
        }

        using var activity = IrBotTelemetry.StartJob(item.Kind, item.TraceParent);
        var started = time.GetTimestamp();
        var outcome = "failed";
        using var stopHeartbeat = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var heartbeat = KeepLeaseAsync(id, lease, stopHeartbeat.Token);
        try
        {
            var result = await handler.ExecuteAsync(new WorkContext(item, db, time, lease), stoppingToken);
            await StopAsync(stopHeartbeat, heartbeat);
            if (result.RetryAfter is { } later)
            {
                outcome = "later";
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
            outcome = "done";
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            outcome = "stopped";
            // Shutting down (however the handler reports the cancellation): hand the item back so any instance (or our next start) resumes it at once.
            await StopAsync(stopHeartbeat, heartbeat);
            await ReleaseAsync(db, id);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Our lease ran out and another instance has the item now: it carries on from the saved state.
            outcome = "taken_over";
            logger.LogWarning("Work item {WorkItemId} was taken over by another instance; stopping here", id);
        }
        catch (Exception ex)
        {
            await StopAsync(stopHeartbeat, heartbeat);
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, ex.GetType().Name);
            outcome = await RecordFailureAsync(id, ex, stoppingToken);
        }
        finally
        {
            await StopAsync(stopHeartbeat, heartbeat);
            activity?.SetTag("irbot.work.outcome", outcome);
            metrics.Job(item.Kind, outcome, time.GetElapsedTime(started));
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
                .Where(w => w.Id == id && w.LockedBy == Owner && w.Status == WorkStatus.Pending)
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

    /// <summary>Records a failed run; says what happens next: <c>retry</c>, <c>failed</c>, or <c>taken_over</c>.</summary>
    private async Task<string> RecordFailureAsync(long id, Exception ex, CancellationToken stoppingToken)
    {
        // A fresh context: the handler's may hold half-made changes that must not be saved.
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IrBotDbContext>();
        var item = await db.WorkItems.SingleAsync(w => w.Id == id, stoppingToken);
        if (item.LockedBy != Owner)
        {
            return "taken_over"; // Taken over by another instance meanwhile: its run counts, not ours.
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
            return "failed";
        }

        var backoff = Backoff(item.Attempts);
        item.NextAttemptAt = time.GetUtcNow().UtcDateTime + backoff;
        item.LockedUntil = null;
        item.LockedBy = null;
        item.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(stoppingToken);
        logger.LogWarning(ex, "Work item {WorkItemId} ({Kind}) failed (attempt {Attempts}); retrying in {Delay}", item.Id, item.Kind, item.Attempts, backoff);
        return "retry";
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

    private async Task ReleaseAsync(IrBotDbContext db, long id)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5), TimeProvider.System);
            await db.WorkItems
                .Where(w => w.Id == id && w.LockedBy == Owner && w.Status == WorkStatus.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(w => w.LockedUntil, (DateTime?)null).SetProperty(w => w.LockedBy, (string?)null), timeout.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or DbUpdateException or System.Data.Common.DbException or TimeoutException or ObjectDisposedException)
        {
            logger.LogWarning("Work item {WorkItemId} not released on stop; its lease runs out instead: {Error}", id, ex.Message);
        }
    }

    public override void Dispose()
    {
        _slots.Dispose();
        _longSlots.Dispose();
        base.Dispose();
    }
}
