using System.Text.Json;
using IrBot.Data;

namespace IrBot.Work;

/// <summary>Runs one kind of <see cref="WorkItem"/>. Must be safe to run again after a crash at any point.</summary>
public interface IWorkHandler
{
    string Kind { get; }

    Task<WorkResult> ExecuteAsync(WorkContext context, CancellationToken cancellationToken);
}

public sealed record WorkResult
{
    public static readonly WorkResult Done = new();

    public TimeSpan? RetryAfter { get; private init; }
    public string? Reason { get; private init; }

    /// <summary>Not finished (e.g. a system is down); run again later, without counting a failure.</summary>
    public static WorkResult Later(TimeSpan delay, string reason) => new() { RetryAfter = delay, Reason = reason };
}

/// <summary>The item being run, a fresh scope's DbContext, and its saved progress.</summary>
public sealed class WorkContext(WorkItem item, IrBotDbContext db, TimeProvider time, TimeSpan lease)
{
    public WorkItem Item { get; } = item;
    public IrBotDbContext Db { get; } = db;

    public T Payload<T>() => JsonSerializer.Deserialize<T>(Item.Payload, WorkJson.Options)
        ?? throw new InvalidOperationException($"Work item {Item.Id} has no payload.");

    public T State<T>()
        where T : new() =>
        Item.State is null ? new T() : JsonSerializer.Deserialize<T>(Item.State, WorkJson.Options) ?? new T();

    /// <summary>Saves progress (and any other tracked changes) and extends the lease.</summary>
    public async Task SaveStateAsync<T>(T state, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        Item.State = JsonSerializer.Serialize(state, WorkJson.Options);
        Item.UpdatedAt = now;
        Item.LockedUntil = now + lease;
        await Db.SaveChangesAsync(cancellationToken);
    }
}
