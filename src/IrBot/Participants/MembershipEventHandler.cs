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
/// Records joins and leaves of incident channels. The row and (for a join) the follow-up work commit
/// together, so a re-run of the same event finds the row and does nothing twice.
/// </summary>
public abstract class MembershipEventHandler(IrBotDbContext db, WorkQueue work, TimeProvider time, SumoLogicSender sumo)
{
    protected abstract MembershipKind Kind { get; }

    public async Task HandleAsync(SlackEventContext context, CancellationToken cancellationToken)
    {
        var ev = context.Event;
        if (ev.User is null || ev.Channel is null || ev.User == context.BotUserId)
        {
            return;
        }

        // Archiving too: a join or leave Slack sent before the archive began is still part of the incident's record,
        // whenever its event is handled. Only a live incident welcomes the newcomer.
        var incident = await db.Incidents.FirstOrDefaultAsync(i => i.ChannelId == ev.Channel && i.Status != IncidentStatus.Closed, cancellationToken);
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
        if (Kind == MembershipKind.Joined && LiveIncident.Is(incident))
        {
            // Same unit of work as the row: either both exist or neither.
            work.Add(db, JoinWelcomeWork.Kind, new JoinWelcomeRequest(context.EventId, context.BotUserId), incident.Id);
        }

        await db.SaveChangesAsync(cancellationToken);
        sumo.Notify();
    }

    private DateTime OccurredAt(string? eventTs) =>
        eventTs is not null && double.TryParse(eventTs, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000)).UtcDateTime
            : time.GetUtcNow().UtcDateTime;
}
