using IrBot.Data;
using Microsoft.EntityFrameworkCore;

namespace IrBot.Tasks;

/// <summary>This folder's tables on the one <see cref="IrBotDbContext"/>.</summary>
public static class TasksTables
{
    extension(IrBotDbContext db)
    {
        public DbSet<IncidentTask> Tasks => db.Set<IncidentTask>();
        public DbSet<ReminderClaim> ReminderClaims => db.Set<ReminderClaim>();
    }
}
