using System.Globalization;
using IrBot.Data;
using IrBot.Incidents;
using IrBot.Slack.WebApi;
using IrBot.Work;
using Microsoft.EntityFrameworkCore;

namespace IrBot.Participants;

/// <summary>
/// The polite DM to someone the IR team removed from an incident channel. Its own job, so that a failed DM is
/// retried and, if it fails for good, reported with a Retry that sends only the DM (not the kick again). Tagged with
/// the job, so a retry after a lost answer finds it in the DM (<c>im:history</c>) instead of thanking them twice.
/// </summary>
public sealed class KickDmWork(ISlackChatApi chat, ISlackConversationsApi conversations) : IWorkHandler
{
    public const string MetadataEventType = "irbot_kick_dm";

    public static string Kind => "participants.kick-dm";

    public static void Queue(IrBotDbContext db, WorkQueue work, int incidentId, string channelId, string userId) =>
        work.Add(db, Kind, new KickDmRequest(channelId, userId), incidentId);

    public async Task<WorkResult> ExecuteAsync(WorkContext context, CancellationToken cancellationToken)
    {
        var request = context.Payload<KickDmRequest>();
        var incident = await context.Db.Incidents.AsNoTracking().FirstAsync(i => i.Id == context.Item.IncidentId, cancellationToken);
        var state = context.State<KickDmState>();
        var lookFirst = state.Begun;
        if (!lookFirst)
        {
            state.Begun = true;
            await context.SaveStateAsync(state, cancellationToken);
        }

        try
        {
            await conversations.SendDirectOnceAsync(
                chat,
                request.UserId,
                ParticipantMessages.Kicked(incident, request.ChannelId),
                incident,
                MetadataEventType,
                "work-" + context.Item.Id.ToString(CultureInfo.InvariantCulture),
                lookFirst,
                cancellationToken);
        }
        catch (SlackApiException ex) when (ex.CannotReachUser)
        {
            // A deactivated account, a bot: no DM will ever reach them.
            return WorkResult.Done;
        }

        return WorkResult.Done;
    }
}

/// <summary>The DM was about to be posted: after a lost answer it may be in Slack already.</summary>
public sealed class KickDmState
{
    public bool Begun { get; set; }
}

/// <summary>Whom to thank (<see cref="KickDmWork"/>), and which channel they were removed from.</summary>
public sealed record KickDmRequest(string ChannelId, string UserId);
