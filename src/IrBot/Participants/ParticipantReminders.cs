using IrBot.Admin;
using IrBot.Data;
using IrBot.Incidents;
using IrBot.Incidents.Steps;
using IrBot.Integrations;
using IrBot.IrTeam;
using IrBot.Slack.BlockKit;
using IrBot.Slack.Payloads;
using IrBot.Slack.WebApi;
using IrBot.SlackApp;
using IrBot.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;

namespace IrBot.Participants;

/// <summary>Someone outside the IR team, with no role in the incident, who has been in an incident channel longer than the threshold.</summary>
public sealed record Dweller(Incident Incident, string UserId, int Hours);

/// <summary>The periodic reminders: the rules to everyone, and "do you still need to be here?" to long stayers.</summary>
public sealed class ParticipantReminders(
    IrBotDbContext db,
    ISlackChatApi chat,
    ISlackConversationsApi conversations,
    IrTeamDirectory irTeam,
    BotIdentity bot,
    UserDirectory people,
    AdminChannel admin,
    IOptionsMonitor<ParticipantsOptions> options,
    TimeProvider time,
    ILogger<ParticipantReminders> logger)
{
    public const string RulesEventType = "irbot_rules_reminder";
    public const string DwellEventType = "irbot_dwell_reminder";
    public const string DwellReportEventType = "irbot_dwell_report";

    /// <summary>
    /// DMs the rules again to the people in every active incident channel who had them on joining: not
    /// bots, and not IR members the bot invited (see <see cref="JoinWelcomeWork"/>). Returns how many DMs were sent now.
    /// Each DM is tagged with the <paramref name="firing"/>: a firing run again after a crash skips those it sent.
    /// </summary>
    public async Task<int> SendRulesAsync(CancellationToken cancellationToken, ReminderFiring? firing = null)
    {
        firing ??= ReminderFiring.At(time.GetUtcNow());
        var botUserId = await bot.UserIdAsync(cancellationToken);
        var irMembers = await irTeam.MembersAsync(cancellationToken);
        var sent = 0;
        foreach (var incident in await ActiveIncidentsAsync(cancellationToken))
        {
            var joins = await db.MembershipEvents.AsNoTracking()
                .Where(m => m.IncidentId == incident.Id)
                .OrderBy(m => m.OccurredAt).ThenBy(m => m.Id)
                .ToListAsync(cancellationToken);
            var invitedByBot = joins.GroupBy(m => m.UserId).Select(g => g.Last())
                .Where(m => m.Kind == MembershipKind.Joined && m.InviterId == botUserId)
                .Select(m => m.UserId)
                .ToHashSet(StringComparer.Ordinal);
            IReadOnlyList<string> members;
            try
            {
                members = await conversations.AllMembersAsync(incident.ChannelId!, cancellationToken);
            }
            catch (SlackApiException ex) when (ex.Error is "channel_not_found" or "not_in_channel")
            {
                // A private channel the bot was removed from is hidden (channel_not_found): skip it, not every channel after
                // it. Anything else (a revoked token, a missing scope) is the whole run's and goes to the job's error path.
                logger.LogWarning("Could not list the members of incident {Number}'s channel {Channel} for the rules reminder: {Error}", incident.Number, incident.ChannelId, ex.Error);
                continue;
            }

            foreach (var userId in members)
            {
                if (userId == botUserId
                    || (irMembers.Contains(userId) && invitedByBot.Contains(userId))
                    || await people.IsBotAsync(userId, cancellationToken))
                {
                    continue;
                }

                try
                {
                    var posted = await conversations.SendDirectOnceAsync(
                        chat, userId, ParticipantMessages.Rules(incident, options.CurrentValue.Rules), incident, RulesEventType, firing.Occasion, firing.MayHaveRun, cancellationToken);
                    sent += posted.Found ? 0 : 1;
                }
                catch (Exception ex) when (ErrorClassifier.IsExternal(ex, cancellationToken))
                {
                    // One person we cannot DM (deactivated, restricted), or a lost answer, must not stop the others;
                    // a reminder whose answer was lost is not sent again (it may well have arrived).
                    logger.LogWarning("Could not send the rules to {UserId}: {Error}", userId, ex.Message);
                }
            }
        }

        return sent;
    }

    /// <summary>
    /// People outside the IR team whose current stay (since their latest join with no later leave) in an
    /// active incident channel is longer than the threshold, from the stored membership events.
    /// </summary>
    public async Task<IReadOnlyList<Dweller>> FindDwellersAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var threshold = TimeSpan.FromHours(options.CurrentValue.DwellThresholdHours);
        var botUserId = await bot.UserIdAsync(cancellationToken);
        var irMembers = await irTeam.MembersAsync(cancellationToken);
        var result = new List<Dweller>();
        foreach (var incident in await ActiveIncidentsAsync(cancellationToken))
        {
            var events = await db.MembershipEvents.AsNoTracking()
                .Where(m => m.IncidentId == incident.Id)
                .OrderBy(m => m.OccurredAt).ThenBy(m => m.Id)
                .ToListAsync(cancellationToken);
            // Nobody with a role is told to leave: the commander, the scribe and whoever owns an open task.
            var taskOwners = await db.Tasks.AsNoTracking()
                .Where(t => t.IncidentId == incident.Id && t.Status != IncidentTaskStatus.Resolved)
                .Select(t => t.OwnerId)
                .ToListAsync(cancellationToken);
            var withRole = taskOwners.Append(incident.CommanderId).Append(incident.ScribeId).OfType<string>().ToHashSet(StringComparer.Ordinal);
            foreach (var latest in events.GroupBy(m => m.UserId).Select(g => g.Last()))
            {
                if (latest.Kind != MembershipKind.Joined || irMembers.Contains(latest.UserId) || withRole.Contains(latest.UserId) || latest.UserId == botUserId)
                {
                    continue;
                }

                var stay = now - latest.OccurredAt;
                if (stay > threshold)
                {
                    result.Add(new Dweller(incident, latest.UserId, (int)stay.TotalHours));
                }
            }
        }

        return result;
    }

    /// <summary>
    /// DMs each long stayer and posts the list to the admin channel with a Kick button per person, each tagged with the
    /// <paramref name="firing"/>: a firing run again after a crash skips what it sent.
    /// </summary>
    public async Task<IReadOnlyList<Dweller>> CheckDwellAsync(CancellationToken cancellationToken, ReminderFiring? firing = null)
    {
        firing ??= ReminderFiring.At(time.GetUtcNow());
        var dwellers = await FindDwellersAsync(cancellationToken);
        if (dwellers.Count == 0)
        {
            return dwellers;
        }

        foreach (var dweller in dwellers)
        {
            try
            {
                await conversations.SendDirectOnceAsync(
                    chat, dweller.UserId, ParticipantMessages.Dwell(dweller.Incident, dweller.Hours), dweller.Incident, DwellEventType, firing.Occasion, firing.MayHaveRun, cancellationToken);
            }
            catch (Exception ex) when (ErrorClassifier.IsExternal(ex, cancellationToken))
            {
                logger.LogWarning("Could not send the dwell reminder to {UserId}: {Error}", dweller.UserId, ex.Message);
            }
        }

        var (text, blocks) = DwellReport(dwellers, options.CurrentValue.DwellThresholdHours);
        var tag = new MessageMetadata { EventType = DwellReportEventType, EventPayload = new Dictionary<string, string> { [TaggedMessages.OccasionKey] = firing.Occasion } };
        if (firing.MayHaveRun)
        {
            await admin.PostOnceAsync(text, tag, blocks, cancellationToken);
        }
        else
        {
            await admin.PostTaggedAsync(text, tag, blocks, cancellationToken);
        }

        return dwellers;
    }

    public static (string Text, IReadOnlyList<Block> Blocks) DwellReport(IReadOnlyList<Dweller> dwellers, double thresholdHours)
    {
        var text = $"{dwellers.Count} people outside the IR team have been in an incident channel for more than {thresholdHours:0.#} hours.";
        var blocks = new List<Block> { Blocks.Section($":hourglass: *{text}*") };
        // One section per person with its Kick button; keep within the 50-block message limit.
        var shown = dwellers.OrderByDescending(d => d.Hours).Take(BlockLimits.MessageBlocks - 2).ToList();
        foreach (var d in shown)
        {
            blocks.Add(Blocks.Section(
                $"{SlackMentions.User(d.UserId)} in {ParticipantMessages.Channel(d.Incident)} for {ParticipantMessages.Hours(d.Hours)}",
                ButtonElement.Of(KickAction.Id, "Kick", KickAction.Value(d.Incident.ChannelId!, d.UserId), "danger")));
        }

        if (dwellers.Count > shown.Count)
        {
            blocks.Add(Blocks.Context($"…and {dwellers.Count - shown.Count} more."));
        }

        return (text, blocks);
    }

    private async Task<List<Incident>> ActiveIncidentsAsync(CancellationToken cancellationToken) =>
        await db.Incidents.AsNoTracking()
            .Where(i => i.Status == IncidentStatus.Active && i.ChannelId != null)
            .OrderBy(i => i.Number)
            .ToListAsync(cancellationToken);
}
