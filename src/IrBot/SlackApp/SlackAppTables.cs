using IrBot.Data;
using Microsoft.EntityFrameworkCore;

namespace IrBot.SlackApp;

/// <summary>This folder's tables on the one <see cref="IrBotDbContext"/>.</summary>
public static class SlackAppTables
{
    extension(IrBotDbContext db)
    {
        public DbSet<ProcessedEvent> ProcessedEvents => db.Set<ProcessedEvent>();
    }
}
