using System.Text.Json;
using IrBot.Data;

namespace IrBot.Work;

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
