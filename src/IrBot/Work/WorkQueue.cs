using System.Text.Json;
using IrBot.Data;
using IrBot.Telemetry;
using Microsoft.EntityFrameworkCore;
using System.Threading.Channels;

namespace IrBot.Work;

/// <summary>
/// Accepts slow work durably: the caller adds the item to its own unit of work (so the item and the
/// rows it concerns commit together) and saves; <see cref="WakeProcessorOnSave"/> then wakes the processor.
/// </summary>
public sealed class WorkQueue(TimeProvider time)
{
    private readonly Channel<bool> _wakeUp = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
    });

    public WorkItem Add(IrBotDbContext db, string kind, object payload, int? incidentId = null, TimeSpan? delay = null)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var item = new WorkItem
        {
            Kind = kind,
            IncidentId = incidentId,
            Payload = JsonSerializer.Serialize(payload, WorkJson.Options),
            Status = WorkStatus.Pending,
            NextAttemptAt = now + (delay ?? TimeSpan.Zero),
            CreatedAt = now,
            UpdatedAt = now,
            TraceParent = IrBotTelemetry.CurrentTraceParent(),
        };
        db.WorkItems.Add(item);
        return item;
    }

    /// <summary>
    /// Puts a failed item back in the queue for one more attempt (a new failure marks it Failed again). The update
    /// matches only a Failed item, so a second click, or two people clicking, cannot queue it twice.
    /// </summary>
    public async Task<bool> RetryFailedAsync(IrBotDbContext db, long id, int maxAttempts, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var attempts = Math.Max(0, maxAttempts - 1);
        var retried = await db.WorkItems
            .Where(w => w.Id == id && w.Status == WorkStatus.Failed)
            .ExecuteUpdateAsync(
                s => s.SetProperty(w => w.Status, WorkStatus.Pending)
                    .SetProperty(w => w.Attempts, attempts)
                    .SetProperty(w => w.NextAttemptAt, now)
                    .SetProperty(w => w.LockedUntil, (DateTime?)null)
                    .SetProperty(w => w.LockedBy, (string?)null)
                    .SetProperty(w => w.UpdatedAt, now),
                cancellationToken);
        if (retried == 1)
        {
            Notify();
        }

        return retried == 1;
    }

    internal void Notify() => _wakeUp.Writer.TryWrite(true);

    /// <summary>Waits for a wake-up or the timeout; true when woken.</summary>
    internal async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        // Wall-clock polling (not the injected clock): a test's paused clock must not stop the processor looking.
        using var poll = new CancellationTokenSource(timeout, TimeProvider.System);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, poll.Token);
        try
        {
            await _wakeUp.Reader.ReadAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Timed out: poll anyway, delayed retries come due without a wake-up.
            return false;
        }
    }
}

public static class WorkJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}
