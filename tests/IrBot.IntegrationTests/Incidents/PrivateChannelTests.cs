using System.Text.Json.Nodes;
using IrBot.Incidents;
using IrBot.Participants;
using IrBot.Participants.Search;
using IrBot.TestSupport;
using IrBot.Work;
using Microsoft.EntityFrameworkCore;
using static IrBot.IntegrationTests.Participants.ParticipantsKit;

namespace IrBot.IntegrationTests.Incidents;

/// <summary>
/// Incident channels are private unless <c>Incidents:PrivateChannels</c> is false; the same flows work in both kinds,
/// and Slack's stand-in hides a private channel from a bot that is not in it, as Slack does.
/// </summary>
public sealed class PrivateChannelTests
{
    [Theory]
    [InlineData(null, true)]
    [InlineData("false", false)]
    public async Task An_incident_opens_welcomes_joiners_invites_from_search_records_leaves_and_archives_in_its_channel(string? setting, bool isPrivate)
    {
        await using var app = await IrBotApp.StartAsync(setting is null ? null : new Dictionary<string, string?> { ["Incidents:PrivateChannels"] = setting });

        await app.SendCommandAsync("incident Leaked API key");
        var incident = await IncidentIntegrations.WaitForAsync(app, 1, i => i.Status == IncidentStatus.Active, "the incident is open");
        await app.WaitForIdleAsync(TimeSpan.FromSeconds(30));
        var channel = incident.ChannelId!;
        var create = Assert.Single(app.Slack.Calls("conversations.create"));
        Assert.Equal(isPrivate, (bool?)create.Json["is_private"] ?? false);
        var made = app.Slack.Channel(incident.ChannelName!)!;
        Assert.Equal(isPrivate, made.IsPrivate);
        Assert.Contains(IrBotApp.IrMember2, made.Members.Keys);

        // A join and a leave, as Slack sends them for this kind of channel (channel_type G for private).
        var kind = isPrivate ? "G" : "C";
        await app.SendEventAsync(Membership("events/member_joined_channel_with_inviter.json", Guest, channel, kind, "EvPRIVJOIN", IrBotApp.IrMember));
        await app.WaitForIdleAsync();
        Assert.Contains(app.Slack.PostedTo(channel), m => (string?)m["text"] == $":wave: <@{Guest}> joined, invited by <@{IrBotApp.IrMember}>.");
        Assert.Contains(DirectMessagesTo(app, Guest), m => m.Contains("Incident channel rules", StringComparison.Ordinal));

        // An invite from the search results.
        await app.SendInteractionAsync(Click(InviteAction.Id, "UHELPER001", IrBotApp.IrMember, channel, app.Slack.ResponseUrl()));
        await app.WaitForIdleAsync();
        Assert.Contains(app.Slack.Calls("conversations.invite"), c => (string?)c.Json["channel"] == channel && (string?)c.Json["users"] == "UHELPER001");
        Assert.Contains("UHELPER001", made.Members.Keys);

        await app.SendEventAsync(Membership("events/member_left_channel.json", Guest, channel, kind, "EvPRIVLEFT", null));
        await app.WaitForIdleAsync();
        await using (var db = app.Db())
        {
            var events = await db.MembershipEvents.Where(e => e.UserId == Guest).OrderBy(e => e.Id).Select(e => e.Kind).ToListAsync();
            Assert.Equal([MembershipKind.Joined, MembershipKind.Left], events);
        }

        await app.SendCommandAsync("archive", IrBotApp.IrMember, channel);
        await app.SendInteractionAsync(ArchiveIncidentTests.Submission(incident, IrBotApp.IrMember, "TruePositive", "WithImpact", "secrets", "Key rotated."));
        await IncidentIntegrations.WaitForAsync(app, 1, i => i.Status == IncidentStatus.Closed, "the incident is closed");
        await app.WaitForIdleAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(channel, (string?)Assert.Single(app.Slack.Calls("conversations.archive")).Json["channel"]);
    }

    [Fact]
    public async Task A_private_incident_channel_the_bot_was_removed_from_is_hidden_and_the_job_stops_and_is_reported_at_once()
    {
        await using var app = await IrBotApp.StartAsync();
        await app.SendCommandAsync("incident Bot kicked out");
        var incident = await IncidentIntegrations.WaitForAsync(app, 1, i => i.Status == IncidentStatus.Active, "the incident is open");
        await app.WaitForIdleAsync(TimeSpan.FromSeconds(30));
        var channel = incident.ChannelId!;
        app.Slack.RemoveFromChannel(channel, IrBotApp.BotUserId);

        await app.SendEventAsync(Membership("events/member_joined_channel_with_inviter.json", Guest, channel, "G", "EvHIDDEN01", IrBotApp.IrMember));
        await IrBotApp.WaitUntilAsync(
            async () =>
            {
                await using var db = app.Db();
                return await db.WorkItems.AnyAsync(w => w.Status == WorkStatus.Failed);
            },
            "the job that posts in the channel stops");

        await using var check = app.Db();
        // Permanent: stopped at the first attempt, not retried against a channel the bot cannot see.
        Assert.All(await check.WorkItems.Where(w => w.Status == WorkStatus.Failed).ToListAsync(), failed =>
        {
            Assert.Equal(1, failed.Attempts);
            Assert.Contains("channel_not_found", failed.LastError, StringComparison.Ordinal);
        });
        Assert.DoesNotContain(app.Slack.Messages(), m => m.Channel == channel && ((string?)m.Body["text"] ?? string.Empty).Contains(Guest, StringComparison.Ordinal));
        await IrBotApp.WaitUntilAsync(() => Task.FromResult(app.Slack.PostedTo(IrBotApp.AdminChannel).Count > 0), "the admins are told");
    }

    private static string Membership(string fixture, string user, string channel, string channelType, string eventId, string? inviter)
    {
        var inner = SlackPayloads.InnerEvent(fixture, ("user", user), ("channel", channel), ("channel_type", channelType));
        if (fixture.Contains("joined", StringComparison.Ordinal))
        {
            inner["inviter"] = inviter;
        }

        return SlackPayloads.EventEnvelope(inner, eventId);
    }
}
