using IrBot.Data;
using IrBot.Incidents;
using IrBot.Incidents.Steps;
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
/// Each post is tagged with the join's event id and marked as begun before it is sent, so a retry after a lost answer
/// looks for it (channel or DM history) instead of posting it twice.
/// </summary>
public sealed class JoinWelcomeWork(
    ISlackChatApi chat,
    ISlackConversationsApi conversations,
    IrTeamDirectory irTeam,
    UserDirectory people,
    IOptionsMonitor<ParticipantsOptions> options,
    ILogger<JoinWelcomeWork> logger) : IWorkHandler
{
    public const string JoinedEventType = "irbot_participant_joined";
    public const string NeedToKnowEventType = "irbot_need_to_know";
    public const string RulesEventType = "irbot_join_rules";

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

        var occasion = payload.SlackEventId;
        if (!state.Announced && !byBot)
        {
            var lookFirst = await BeginAsync(context, state, Step.Announce, cancellationToken);
            await TaggedMessages.PostOnceAsync(
                chat, conversations, incident, JoinedEventType, new ChatMessage { Channel = channel, Text = ParticipantMessages.Joined(user, inviter) }, cancellationToken, occasion, lookFirst);
            state.Announced = true;
            await context.SaveStateAsync(state, cancellationToken);
        }

        // The commander and the scribe decide who is needed; only other outsiders are asked to check with the commander.
        var inviterLeads = inviter is not null && (inviter == incident.CommanderId || inviter == incident.ScribeId);
        if (!state.InviterWarned && inviter is not null && !byBot && !inviterLeads && !await irTeam.IsMemberAsync(inviter, cancellationToken))
        {
            var lookFirst = await BeginAsync(context, state, Step.WarnInviter, cancellationToken);
            await DirectAsync(inviter, ParticipantMessages.NeedToKnow(incident, user), incident, NeedToKnowEventType, occasion, lookFirst, cancellationToken);
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
            var lookFirst = await BeginAsync(context, state, Step.SendRules, cancellationToken);
            await DirectAsync(user, ParticipantMessages.Rules(incident, options.CurrentValue.Rules), incident, RulesEventType, occasion, lookFirst, cancellationToken);
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

    /// <summary>
    /// Marks <paramref name="step"/> as begun (saved before its post); true when it had begun before, so its post may be
    /// in Slack already and must be looked for.
    /// </summary>
    private static async Task<bool> BeginAsync(WorkContext context, Progress state, Step step, CancellationToken cancellationToken)
    {
        if ((state.Begun & step) != 0)
        {
            return true;
        }

        state.Begun |= step;
        await context.SaveStateAsync(state, cancellationToken);
        return false;
    }

    private async Task DirectAsync(string userId, string text, Incident incident, string eventType, string occasion, bool lookFirst, CancellationToken cancellationToken)
    {
        try
        {
            await conversations.SendDirectOnceAsync(chat, userId, text, incident, eventType, occasion, lookFirst, cancellationToken);
        }
        catch (SlackApiException ex) when (ex.CannotReachUser)
        {
            logger.LogInformation("Could not DM {UserId}: {Error}", userId, ex.Error);
        }
    }

    private sealed class Progress
    {
        public bool Announced { get; set; }
        public bool InviterWarned { get; set; }
        public bool RulesSent { get; set; }

        /// <summary>The posts that were about to be sent: after a lost answer they may be in Slack already.</summary>
        public Step Begun { get; set; }
    }

    [Flags]
    private enum Step
    {
        None = 0,
        Announce = 1,
        WarnInviter = 2,
        SendRules = 4,
    }
}
