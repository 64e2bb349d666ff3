using IrBot.Admin;
using IrBot.Data;
using IrBot.Slack.Payloads;
using IrBot.SlackApp;

namespace IrBot.Incidents;

/// <summary>
/// Someone archived an incident channel by hand instead of with <c>/irbot archive</c>: the incident is
/// closed (nothing can be posted there any more) and the IR admin channel is told that the page, case and
/// tasks were not resolved by the bot.
/// </summary>
public abstract class ChannelArchivedHandler(IrBotDbContext db, AdminChannel admin, TimeProvider time, ILogger<ChannelArchivedHandler> logger)
{
    public async Task HandleAsync(SlackEventContext context, CancellationToken cancellationToken)
    {
        if (context.Event.Channel is not { } channel || await db.LiveInChannelAsync(channel, cancellationToken) is not { } incident)
        {
            return;
        }

        incident.Status = IncidentStatus.Closed;
        incident.ClosedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        logger.LogWarning("Incident {Number}: channel {Channel} was archived by hand; the incident is closed", incident.Number, channel);
        var by = context.Event.User is { } user ? $" by {SlackMentions.User(user)}" : string.Empty;
        await admin.PostAsync(
            $":file_cabinet: The channel of {SlackMentions.Escape(IncidentMessages.Name(incident))} was archived{by} without `/irbot archive`. "
            + "IR Bot closed the incident, but its Confluence page, TheHive case and open tasks were not resolved: please do that by hand.",
            cancellationToken: cancellationToken);
    }
}

public sealed class PublicChannelArchivedHandler(IrBotDbContext db, AdminChannel admin, TimeProvider time, ILogger<ChannelArchivedHandler> logger)
    : ChannelArchivedHandler(db, admin, time, logger), ISlackEventHandler
{
    public static string EventType => "channel_archive";
}

public sealed class PrivateChannelArchivedHandler(IrBotDbContext db, AdminChannel admin, TimeProvider time, ILogger<ChannelArchivedHandler> logger)
    : ChannelArchivedHandler(db, admin, time, logger), ISlackEventHandler
{
    public static string EventType => "group_archive";
}
