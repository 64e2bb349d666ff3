using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace IrBot.Work;

/// <summary>
/// Wakes the <see cref="WorkProcessor"/> once new work is committed: right after a save that added a
/// <see cref="WorkItem"/>, or, inside an explicit transaction, when that transaction commits (before,
/// the processor could not see the item yet). Callers only add work and save.
/// </summary>
public sealed class WakeProcessorOnSave(WorkQueue queue) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private static readonly object Marker = new();
    private readonly ConditionalWeakTable<DbContext, object> _adding = [];
    private readonly ConditionalWeakTable<DbContext, object> _awaitingCommit = [];

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => ForgetCommit(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ForgetCommit(eventData.Context);
        return Task.CompletedTask;
    }

    private void Note(DbContext? context)
    {
        if (context is not null && context.ChangeTracker.Entries<WorkItem>().Any(e => e.State == EntityState.Added))
        {
            _adding.AddOrUpdate(context, Marker);
        }
    }

    private void Saved(DbContext? context)
    {
        if (context is null || !_adding.Remove(context))
        {
            return;
        }

        if (context.Database.CurrentTransaction is null)
        {
            queue.Notify();
        }
        else
        {
            _awaitingCommit.AddOrUpdate(context, Marker);
        }
    }

    private void Committed(DbContext? context)
    {
        if (context is not null && _awaitingCommit.Remove(context))
        {
            queue.Notify();
        }
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            _adding.Remove(context);
        }
    }

    private void ForgetCommit(DbContext? context)
    {
        if (context is not null)
        {
            _awaitingCommit.Remove(context);
        }
    }
}
