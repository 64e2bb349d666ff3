namespace IrBot.Tasks;

/// <summary>One period's fan-out, shared by its senders: the queue, the counts, and the stop after a permanent error.</summary>
internal sealed class ReminderRun(DateTime periodStart, ReminderQueue queue, CancellationTokenSource stop)
{
    private int _sent;
    private int _failed;
    private int _stopped;

    public DateTime PeriodStart { get; } = periodStart;
    public ReminderQueue Queue { get; } = queue;

    /// <summary>Cancelled when the run stops: senders waiting for their turn at Slack give up at once.</summary>
    public CancellationToken Token => stop.Token;

    public int Sent => Volatile.Read(ref _sent);
    public int Failed => Volatile.Read(ref _failed);
    public bool Stopped => Volatile.Read(ref _stopped) == 1;

    public void CountSent() => Interlocked.Increment(ref _sent);
    public void CountFailed() => Interlocked.Increment(ref _failed);

    /// <summary>Stops every sender; true for the one caller that stopped it (who reports it).</summary>
    public bool Stop()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return false;
        }

        stop.Cancel();
        return true;
    }
}
