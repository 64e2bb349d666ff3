using IrBot.Data;
using Microsoft.EntityFrameworkCore;

namespace IrBot.Statistics;

/// <summary>This folder's tables on the one <see cref="IrBotDbContext"/>.</summary>
public static class StatisticsTables
{
    extension(IrBotDbContext db)
    {
        public DbSet<StatisticsReset> StatisticsResets => db.Set<StatisticsReset>();
    }
}
