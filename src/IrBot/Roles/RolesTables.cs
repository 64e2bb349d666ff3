using IrBot.Data;
using Microsoft.EntityFrameworkCore;

namespace IrBot.Roles;

/// <summary>This folder's tables on the one <see cref="IrBotDbContext"/>.</summary>
public static class RolesTables
{
    extension(IrBotDbContext db)
    {
        public DbSet<RoleChange> RoleChanges => db.Set<RoleChange>();
    }
}
