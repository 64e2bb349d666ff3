using IrBot.Data;
using Microsoft.EntityFrameworkCore;

namespace IrBot.AppHome;

/// <summary>This folder's tables on the one <see cref="IrBotDbContext"/>.</summary>
public static class AppHomeTables
{
    extension(IrBotDbContext db)
    {
        public DbSet<AppHomeViewer> AppHomeViewers => db.Set<AppHomeViewer>();
    }
}
