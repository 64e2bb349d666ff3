using System.Collections.Concurrent;

namespace IrBot.Workflows.Running;

/// <summary>
/// One redraw of a workflow post at a time in this process, so a redraw that read older values never lands
/// after one that read newer ones. (Two IR Bot hosts could still interleave; the next click corrects it.)
/// </summary>
public sealed class PostRedrawLocks
{
    private readonly ConcurrentDictionary<long, SemaphoreSlim> _locks = new();

    public async Task<IDisposable> HoldAsync(long runId, CancellationToken cancellationToken)
    {
        var gate = _locks.GetOrAdd(runId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Release(gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }
}
