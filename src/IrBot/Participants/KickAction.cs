using IrBot.Admin;
using IrBot.Data;
using IrBot.Incidents;
using IrBot.IrTeam;
using IrBot.Slack.BlockKit;
using IrBot.Slack.Payloads;
using IrBot.Slack.WebApi;
using IrBot.SlackApp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using IrBot.Work;
using Quartz;

namespace IrBot.Participants;

/// <summary>The Kick button of the dwell report: IR team only; removes the person and thanks them.</summary>
public sealed class KickAction(IrBotDbContext db, WorkQueue work, ISlackConversationsApi conversations, IncidentAccess access, ClickerReplies replies, ILogger<KickAction> logger) : IBlockActionHandler
{
    public const string Id = "participants_kick";

    public static string ActionId => Id;

    public static string Value(string channelId, string userId) => $"{channelId}|{userId}";

    public async Task HandleAsync(InteractionPayload payload, BlockAction action, CancellationToken cancellationToken)
    {
        var clicker = payload.User?.Id;
        var where = payload.Channel?.Id ?? payload.Container?.ChannelId;
        if (clicker is null || where is null)
        {
            return;
        }

        if (!await access.IsIrTeamAsync(clicker, cancellationToken))
        {
            await replies.TellAsync(payload, ":no_entry: Only the IR team can remove people from incident channels.", cancellationToken);
            return;
        }

        var parts = (action.Value ?? string.Empty).Split('|');
        if (parts.Length != 2)
        {
            return;
        }

        var (channelId, userId) = (parts[0], parts[1]);
        var incident = await db.Incidents.AsNoTracking().FirstOrDefaultAsync(i => i.ChannelId == channelId, cancellationToken);
        if (incident is null || !incident.IsLive)
        {
            // The button only ever names incident channels; anything else is not ours to empty.
            await replies.TellAsync(payload, "Kick works only in open incident channels.", cancellationToken);
            return;
        }

        try
        {
            await conversations.KickAsync(new KickFromConversation { Channel = channelId, User = userId }, cancellationToken);
        }
        catch (SlackApiException ex) when (ex.Error is "not_in_channel" or "user_not_found")
        {
            await replies.TellAsync(payload, $"{SlackMentions.User(userId)} is no longer in <#{channelId}>.", cancellationToken);
            return;
        }
        catch (SlackApiException ex)
        {
            logger.LogWarning("Could not kick {UserId} from {Channel}: {Error}", userId, channelId, ex.Error);
            await replies.TellAsync(payload, $":warning: Could not remove {SlackMentions.User(userId)} from <#{channelId}>: `{ex.Error}`.", cancellationToken);
            return;
        }

        // The DM is its own job: if it fails, the admins get a Retry for the DM alone, not for the kick.
        KickDmWork.Queue(db, work, incident.Id, channelId, userId);
        await db.SaveChangesAsync(cancellationToken);
        await replies.TellAsync(payload, $"Removed {SlackMentions.User(userId)} from <#{channelId}> and thanked them.", cancellationToken);
    }
}
