using IrBot.Data;
using IrBot.Incidents;
using IrBot.IrTeam;
using IrBot.Roles;
using IrBot.Slack.WebApi;
using IrBot.SlackApp;
using IrBot.Work;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IrBot.Participants;

/// <summary>
/// After a join: tell the channel, remind a non-IR inviter that membership is need-to-know, send the
/// rules by DM and the roles as an ephemeral note. Each step is remembered so a resumed item skips it.
/// The bot's own invites are announced where they are made (search) or are the team at opening, so the
/// channel is not told again; IR members the bot invited already know the rules.
/// </summary>
public sealed class JoinWelcomeWork(
    ISlackChatApi chat,
    ISlackConversationsApi conversations,
    IrTeamDirectory irTeam,
    UserDirectory people,
    IOptionsMonitor<ParticipantsOptions> options,
    ILogger<JoinWelcomeWork> logger) : IWorkHandler
{

    public static string Kind => "participants.join-welcome";

    public static IReadOnlyList<string> FormerKinds => ["participant-joined"];

    public async Task<WorkResult> ExecuteAsync(WorkContext context, CancellationToken cancellationToken)
    {
        var payload = context.Payload<JoinWelcomeRequest>();
        var state = context.State<Progress>();
        var membership = await context.Db.MembershipEvents.AsNoTracking().FirstAsync(m => m.SlackEventId == payload.SlackEventId, cancellationToken);
        var incident = await context.Db.Incidents.AsNoTracking().FirstAsync(i => i.Id == membership.IncidentId, cancellationToken);
        var channel = incident.ChannelId!;
        var user = membership.UserId;
        var inviter = membership.InviterId;
        var byBot = inviter is not null && inviter == payload.BotUserId;
        var joinerIsIr = await irTeam.IsMemberAsync(user, cancellationToken);

        if (!state.Announced && !byBot)
        {
            await chat.PostMessageAsync(new ChatMessage { Channel = channel, Text = ParticipantMessages.Joined(user, inviter) }, cancellationToken);
            state.Announced = true;
            await context.SaveStateAsync(state, cancellationToken);
        }

        // The commander and the scribe decide who is needed; only other outsiders are asked to check with the commander.
        var inviterLeads = inviter is not null && (inviter == incident.CommanderId || inviter == incident.ScribeId);
        if (!state.InviterWarned && inviter is not null && !byBot && !inviterLeads && !await irTeam.IsMemberAsync(inviter, cancellationToken))
        {
            await DirectAsync(inviter, ParticipantMessages.NeedToKnow(incident, user), cancellationToken);
            state.InviterWarned = true;
            await context.SaveStateAsync(state, cancellationToken);
        }

        // IR members the bot invited know the rules; other apps' bots cannot read them.
        if ((byBot && joinerIsIr) || await people.IsBotAsync(user, cancellationToken))
        {
            return WorkResult.Done;
        }

        if (!state.RulesSent)
        {
            await DirectAsync(user, ParticipantMessages.Rules(incident, options.CurrentValue.Rules), cancellationToken);
            state.RulesSent = true;
            await context.SaveStateAsync(state, cancellationToken);
        }

        try
        {
            await chat.PostEphemeralAsync(new EphemeralMessage { Channel = channel, User = user, Text = RoleMessages.Who(incident) }, cancellationToken);
        }
        catch (SlackApiException ex) when (ex.Error is "user_not_in_channel" or "channel_not_found" or "is_archived")
        {
            // They left (or the channel closed) before we could tell them; nothing to show.
            logger.LogInformation("Roles note to {UserId} in {Channel} not shown: {Error}", user, channel, ex.Error);
        }

        return WorkResult.Done;
    }

    private async Task DirectAsync(string userId, string text, CancellationToken cancellationToken)
    {
        try
        {
            await conversations.SendDirectAsync(chat, userId, text, cancellationToken);
        }
        catch (SlackApiException ex) when (SlackDirectMessages.CannotReach(ex))
        {
            logger.LogInformation("Could not DM {UserId}: {Error}", userId, ex.Error);
        }
    }

    private sealed class Progress
    {
        public bool Announced { get; set; }
        public bool InviterWarned { get; set; }
        public bool RulesSent { get; set; }
    }
}
