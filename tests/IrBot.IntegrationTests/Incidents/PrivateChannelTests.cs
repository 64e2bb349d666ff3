using System.Globalization;
using System.Text.Json.Nodes;
using IrBot.Incidents;
using IrBot.Participants;
using IrBot.Participants.Search;
using IrBot.TestSupport;
using IrBot.Work;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
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

    [Theory]
    [InlineData(null, true)]
    [InlineData("false", false)]
    public async Task A_long_stayer_is_asked_if_still_needed_listed_with_kick_sent_the_rules_from_the_member_list_and_kicked_in_its_channel(string? setting, bool isPrivate)
    {
        await using var app = await IrBotApp.StartAsync(setting is null ? null : new Dictionary<string, string?> { ["Incidents:PrivateChannels"] = setting });
        app.Slack.AddUser(Guest, "Grace Guest");
        await app.SendCommandAsync("incident Guest overstays");
        var incident = await IncidentIntegrations.WaitForAsync(app, 1, i => i.Status == IncidentStatus.Active, "the incident is open");
        await app.WaitForIdleAsync(TimeSpan.FromSeconds(30));
        var channel = incident.ChannelId!;
        var made = app.Slack.Channel(incident.ChannelName!)!;
        Assert.Equal(isPrivate, made.IsPrivate);

        // The guest joined 30 hours ago (the event's own time), past the 24-hour default.
        app.Slack.AddToChannel(channel, Guest);
        var joinedAt = DateTimeOffset.UtcNow.AddHours(-30).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) + ".000100";
        var joined = SlackPayloads.InnerEvent("events/member_joined_channel_with_inviter.json", ("user", Guest), ("channel", channel), ("channel_type", isPrivate ? "G" : "C"), ("inviter", IrBotApp.IrMember), ("event_ts", joinedAt));
        await app.SendEventAsync(SlackPayloads.EventEnvelope(joined, "EvDWELLJOIN"));
        await app.WaitForIdleAsync();

        using (var scope = app.Services.CreateScope())
        {
            var dweller = Assert.Single(await scope.ServiceProvider.GetRequiredService<ParticipantReminders>().CheckDwellAsync(CancellationToken.None));
            Assert.Equal((Guest, 30), (dweller.UserId, dweller.Hours));
        }

        Assert.Contains(DirectMessagesTo(app, Guest), m => m.StartsWith($":hourglass: You have been in <#{channel}>", StringComparison.Ordinal) && m.Contains("If your help is no longer needed", StringComparison.Ordinal));
        var report = app.Slack.PostedTo(IrBotApp.AdminChannel).Single(m => ((string?)m["text"])!.Contains("outside the IR team", StringComparison.Ordinal));
        var kick = (string?)report["blocks"]!.AsArray().Single(b => (string?)b!["accessory"]?["action_id"] == KickAction.Id)!["accessory"]!["value"];
        Assert.Equal(KickAction.Value(channel, Guest), kick);

        // The rules reminder reads who is in the channel from Slack (conversations.members), the bot aside.
        Assert.Equal(1, await SendRulesAsync(app, Guest));

        await app.SendInteractionAsync(Click(KickAction.Id, kick!, IrBotApp.IrMember, IrBotApp.AdminChannel, app.Slack.ResponseUrl()));
        await app.WaitForIdleAsync();
        var kicked = Assert.Single(app.Slack.Calls("conversations.kick")).Json;
        Assert.Equal((channel, Guest), ((string?)kicked["channel"], (string?)kicked["user"]));
        Assert.DoesNotContain(Guest, made.Members.Keys);
        Assert.Contains(DirectMessagesTo(app, Guest), m => m.Contains("Thank you for your help", StringComparison.Ordinal));
        Assert.Equal(0, await SendRulesAsync(app, Guest));

        // Without the bot, Slack hides a private channel's members (channel_not_found) but not a public one's; the
        // reminder skips a hidden channel rather than stopping.
        app.Slack.AddToChannel(channel, Guest);
        app.Slack.RemoveFromChannel(channel, IrBotApp.BotUserId);
        Assert.Equal(isPrivate ? 0 : 1, await SendRulesAsync(app, Guest));
    }

    /// <summary>Runs the rules reminder; says how many rules DMs <paramref name="user"/> got from it.</summary>
    private static async Task<int> SendRulesAsync(IrBotApp app, string user)
    {
        static bool IsRules(string m) => m.StartsWith("You are in <#", StringComparison.Ordinal);
        var before = DirectMessagesTo(app, user).Count(IsRules);
        using var scope = app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<ParticipantReminders>().SendRulesAsync(CancellationToken.None);
        return DirectMessagesTo(app, user).Count(IsRules) - before;
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
