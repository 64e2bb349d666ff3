using IrBot.Data;
using Microsoft.EntityFrameworkCore;

namespace IrBot.Participants;

/// <summary>This folder's tables on the one <see cref="IrBotDbContext"/>.</summary>
public static class ParticipantsTables
{
    extension(IrBotDbContext db)
    {
        public DbSet<MembershipEvent> MembershipEvents => db.Set<MembershipEvent>();
    }
}
