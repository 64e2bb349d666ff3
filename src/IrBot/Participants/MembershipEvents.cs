using IrBot.Data;
using IrBot.Incidents;
using IrBot.Integrations.SumoLogic;
using IrBot.IrTeam;
using IrBot.Roles;
using IrBot.Slack.WebApi;
using IrBot.SlackApp;
using IrBot.Work;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IrBot.Participants;

/// <summary>
/// Records joins and leaves of incident channels. The row and (for a join) the follow-up work commit
/// together, so a re-run of the same event finds the row and does nothing twice.
/// </summary>
public abstract class MembershipEventHandler(IrBotDbContext db, WorkQueue work, TimeProvider time, SumoLogicSender sumo) : ISlackEventHandler
{
    public abstract string EventType { get; }
    protected abstract MembershipKind Kind { get; }

    public async Task HandleAsync(SlackEventContext context, CancellationToken cancellationToken)
    {
        var ev = context.Event;
        if (ev.User is null || ev.Channel is null || ev.User == context.BotUserId)
        {
            return;
        }

        var incident = await db.LiveInChannelAsync(ev.Channel, cancellationToken);
        if (incident is null || await db.MembershipEvents.AnyAsync(m => m.SlackEventId == context.EventId, cancellationToken))
        {
            return;
        }

        var membership = new MembershipEvent
        {
            IncidentId = incident.Id,
            UserId = ev.User,
            Kind = Kind,
            // Missing and empty both mean nobody invited them (self-join, default channel, conversion).
            InviterId = string.IsNullOrWhiteSpace(ev.Inviter) || Kind == MembershipKind.Left ? null : ev.Inviter,
            OccurredAt = OccurredAt(ev.EventTs),
            SlackEventId = context.EventId,
        };
        db.MembershipEvents.Add(membership);
        if (Kind == MembershipKind.Joined)
        {
            // Same unit of work as the row: either both exist or neither.
            work.Add(db, JoinWelcomeWork.WorkKind, new JoinWelcome(context.EventId, context.BotUserId), incident.Id);
        }

        await db.SaveChangesAsync(cancellationToken);
        work.Notify();
        sumo.Notify();
    }

    private DateTime OccurredAt(string? eventTs) =>
        eventTs is not null && double.TryParse(eventTs, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000)).UtcDateTime
            : time.GetUtcNow().UtcDateTime;
}

public sealed class MemberJoinedHandler(IrBotDbContext db, WorkQueue work, TimeProvider time, SumoLogicSender sumo)
    : MembershipEventHandler(db, work, time, sumo)
{
    public override string EventType => "member_joined_channel";
    protected override MembershipKind Kind => MembershipKind.Joined;
}

public sealed class MemberLeftHandler(IrBotDbContext db, WorkQueue work, TimeProvider time, SumoLogicSender sumo)
    : MembershipEventHandler(db, work, time, sumo)
{
    public override string EventType => "member_left_channel";
    protected override MembershipKind Kind => MembershipKind.Left;
}

public sealed record JoinWelcome(string SlackEventId, string? BotUserId);

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
    SlackPeople people,
    IOptionsMonitor<ParticipantsOptions> options,
    ILogger<JoinWelcomeWork> logger) : IWorkHandler
{
    public const string WorkKind = "participant-joined";

    public string Kind => WorkKind;

    public async Task<WorkResult> ExecuteAsync(WorkContext context, CancellationToken cancellationToken)
    {
        var payload = context.Payload<JoinWelcome>();
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

        if (!state.InviterWarned && inviter is not null && !byBot && !await irTeam.IsMemberAsync(inviter, cancellationToken))
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
