using IrBot.Data;
using Microsoft.EntityFrameworkCore;

namespace IrBot.Timeline;

/// <summary>This folder's tables on the one <see cref="IrBotDbContext"/>.</summary>
public static class TimelineTables
{
    extension(IrBotDbContext db)
    {
        public DbSet<TimelineNote> TimelineNotes => db.Set<TimelineNote>();
    }
}
