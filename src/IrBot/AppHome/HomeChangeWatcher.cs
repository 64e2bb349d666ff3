using IrBot.Incidents;
using IrBot.Roles;
using IrBot.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace IrBot.AppHome;

/// <summary>
/// Notices saves that change what a Home tab shows (incidents, their roles, tasks) and tells the
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
                e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                && e.Entity is Incident or IncidentTask or RoleChange))
        {
            refresher.Changed();
        }
    }
}
