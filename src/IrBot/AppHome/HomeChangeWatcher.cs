using IrBot.Incidents;
using IrBot.Roles;
using IrBot.Tasks;
using IrBot.Work;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace IrBot.AppHome;

/// <summary>
/// Notices saves that change what a Home tab shows (incidents, their roles, tasks, a job that gave up) and tells the
/// <see cref="HomeRefresher"/>; it only signals, so it adds no query to anyone's save.
/// </summary>
public sealed class HomeChangeWatcher(HomeRefresher refresher) : ISaveChangesInterceptor
{
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

    private void Note(DbContext? context)
    {
        if (context is not null && context.ChangeTracker.Entries().Any(e =>
                (e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && e.Entity is Incident or IncidentTask or RoleChange)
                // A job that just failed for good (not a refresh itself: a failing refresh must not queue refreshes).
                || (e.State is EntityState.Modified && e.Entity is WorkItem { Status: WorkStatus.Failed } w && w.Kind != RefreshHomesWork.Kind)))
        {
            refresher.Changed();
        }
    }
}
