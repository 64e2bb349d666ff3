using IrBot.Data;
using Microsoft.EntityFrameworkCore;

namespace IrBot.Work;

/// <summary>This folder's tables on the one <see cref="IrBotDbContext"/>.</summary>
public static class WorkTables
{
    extension(IrBotDbContext db)
    {
        public DbSet<WorkItem> WorkItems => db.Set<WorkItem>();
        public DbSet<WorkInstance> WorkInstances => db.Set<WorkInstance>();
    }
}
