using IrBot.Data;
using Microsoft.EntityFrameworkCore;

namespace IrBot.Incidents;

/// <summary>This folder's tables on the one <see cref="IrBotDbContext"/>.</summary>
public static class IncidentsTables
{
    extension(IrBotDbContext db)
    {
        public DbSet<Incident> Incidents => db.Set<Incident>();
    }
}
