using IrBot.Data;
using Microsoft.EntityFrameworkCore;

namespace IrBot.Incidents;

public static class IncidentLookup
{
    /// <summary>The open (not archived) incident whose channel this is, or null.</summary>
    public static Task<Incident?> LiveInChannelAsync(this IrBotDbContext db, string channelId, CancellationToken cancellationToken) =>
        db.Incidents.Where(LiveIncident.Rule).FirstOrDefaultAsync(i => i.ChannelId == channelId, cancellationToken);

    public const string NotAnIncidentChannel =
        "This command works in an incident channel (`ir-…`). Run it there, or open one with `/irbot incident [title]`.";
}
