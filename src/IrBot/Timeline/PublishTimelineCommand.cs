using IrBot.Data;
using IrBot.Incidents;
using IrBot.Incidents.Archiving;
using IrBot.Integrations;
using IrBot.IrTeam;
using IrBot.Slack.Payloads;
using IrBot.Slack.WebApi;
using IrBot.SlackApp;
using IrBot.Work;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace IrBot.Timeline;

/// <summary><c>/irbot pubtl</c>: publish the timeline now; the result is announced in the channel.</summary>
public sealed class PublishTimelineCommand(IrBotDbContext db, TimelinePublisher publisher, WorkQueue work) : ISubcommand
{
    public static string Name => "pubtl";
    public static string Usage => "`/irbot pubtl` — publish the timeline to the incident's Confluence page now";

    public async Task<CommandReply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        // Anyone in the incident channel may ask (Slack runs a command only where its user can post):
        // it publishes only the notes already there, which the channel's members can read anyway.
        var incident = await db.LiveInChannelAsync(context.ChannelId, cancellationToken);
        if (incident is null)
        {
            return CommandReply.Ephemeral(IncidentLookup.NotAnIncidentChannel);
        }

        if (!publisher.Enabled)
        {
            return CommandReply.Ephemeral("Confluence is not configured, so there is nowhere to publish. The notes are kept.");
        }

        if (string.IsNullOrEmpty(incident.ConfluencePageId))
        {
            return CommandReply.Ephemeral("This incident has no Confluence page yet. The notes are kept and go out once it has one.");
        }

        work.Add(db, PublishTimelineWork.Kind, new PublishTimelineRequest(incident.Id, context.UserId), incident.Id);
        await db.SaveChangesAsync(cancellationToken);
        return CommandReply.Ephemeral(":hourglass_flowing_sand: Publishing the timeline to Confluence…");
    }
}
