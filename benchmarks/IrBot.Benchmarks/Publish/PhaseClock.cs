using System.Collections.Concurrent;
using System.Diagnostics;

/// <summary>
/// Times IR Bot's own spans (ActivitySource "IrBot") of one publish: wall time from the span, CPU time as the
/// process's CPU time at its start and end. The phases run one after the other and the process does nothing else
/// meanwhile (the Confluence stand-in and PostgreSQL are other processes), so a phase's CPU is what that step cost
/// this process, all threads together (the GC's and the socket threads' included, which is where their cost lands).
/// </summary>
internal sealed class PhaseClock : IDisposable
{
    public const string Root = "timeline publish";

    private readonly ActivityListener _listener;
    private readonly ConcurrentDictionary<string, (TimeSpan Cpu, TimeSpan Wall, int Count)> _phases = new(StringComparer.Ordinal);
    private TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PhaseClock()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "IrBot",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStarted = activity => activity.SetCustomProperty("cpu", Environment.CpuUsage.TotalTime),
            ActivityStopped = Stopped,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>Forgets what was timed and waits for the next publish.</summary>
    public Task NextPublish()
    {
        _phases.Clear();
        _done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return _done.Task;
    }

    public IReadOnlyDictionary<string, (TimeSpan Cpu, TimeSpan Wall, int Count)> Phases => _phases;

    private void Stopped(Activity activity)
    {
        if (activity.GetCustomProperty("cpu") is not TimeSpan started)
        {
            return;
        }

        var cpu = Environment.CpuUsage.TotalTime - started;
        _phases.AddOrUpdate(activity.DisplayName, (cpu, activity.Duration, 1), (_, sum) => (sum.Cpu + cpu, sum.Wall + activity.Duration, sum.Count + 1));
        if (activity.DisplayName == Root)
        {
            _done.TrySetResult();
        }
    }

    public void Dispose() => _listener.Dispose();
}
