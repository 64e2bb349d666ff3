using IrBot.IntegrationTests.Infrastructure;
using IrBot.TestSupport;
using IrBot.Participants;
using Microsoft.EntityFrameworkCore;
using static IrBot.IntegrationTests.Participants.ParticipantsKit;

namespace IrBot.IntegrationTests.Participants;

[Collection(SharedApp.Incidents)]
public sealed class MembershipTests(SharedApp shared) : IAsyncLifetime
{
    private IrBotApp _app = null!;

    public async Task InitializeAsync()
    {
        _app = await shared.ResetAsync();
        await AddIncidentAsync(_app);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_person_invited_by_an_outsider_is_recorded_announced_and_welcomed_and_the_inviter_is_reminded_of_need_to_know()
    {
        await _app.SendEventAsync(Joined(Guest, IrBotApp.Outsider, "EvJOIN1"));
        await _app.WaitForIdleAsync();

        var stored = Assert.Single(await Events());
        Assert.Equal((Guest, MembershipKind.Joined, IrBotApp.Outsider, "EvJOIN1"), (stored.UserId, stored.Kind, stored.InviterId, stored.SlackEventId));
        Assert.Null(stored.SentToSumoAt);

        var announced = Assert.Single(_app.Slack.PostedTo(Channel));
        Assert.Equal($":wave: <@{Guest}> joined, invited by <@{IrBotApp.Outsider}>.", (string?)announced["text"]);

        var warning = Assert.Single(DirectMessagesTo(_app, IrBotApp.Outsider));
        Assert.Contains("need-to-know", warning, StringComparison.Ordinal);
        Assert.Contains($"check with the incident commander (<@{IrBotApp.IrMember}>)", warning, StringComparison.Ordinal);

        var rules = Assert.Single(DirectMessagesTo(_app, Guest));
        Assert.Contains("Incident channel rules", rules, StringComparison.Ordinal);

        var note = Assert.Single(EphemeralsTo(_app, Guest));
        Assert.Equal(Channel, (string?)note["channel"]);
        Assert.Contains($"Commander: <@{IrBotApp.IrMember}>", (string?)note["text"], StringComparison.Ordinal);
        Assert.Contains($"Scribe: <@{IrBotApp.IrMember2}>", (string?)note["text"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_join_handled_after_the_archive_began_is_recorded_for_the_record_and_sumo_but_not_welcomed()
    {
        await using (var db = _app.Db())
        {
            var incident = await db.Incidents.SingleAsync();
            incident.Status = IrBot.Incidents.IncidentStatus.Archiving;
            await db.SaveChangesAsync();
        }

        await _app.SendEventAsync(Joined(Guest, IrBotApp.Outsider, "EvLATE1"));
        await _app.WaitForIdleAsync();

        var stored = Assert.Single(await Events());
        Assert.Equal((Guest, MembershipKind.Joined, "EvLATE1"), (stored.UserId, stored.Kind, stored.SlackEventId));
        Assert.Empty(_app.Slack.PostedTo(Channel));
        Assert.Empty(DirectMessagesTo(_app, Guest));
    }

    [Fact]
    public async Task A_commander_or_scribe_outside_the_ir_team_who_invites_someone_is_not_told_to_check_with_the_commander()
    {
        const string Scribe = "USCRIBE001";
        await using (var db = _app.Db())
        {
            var incident = await db.Incidents.SingleAsync();
            incident.CommanderId = IrBotApp.Outsider;
            incident.ScribeId = Scribe;
            await db.SaveChangesAsync();
        }

        await _app.SendEventAsync(Joined(Guest, IrBotApp.Outsider, "EvLEAD1"));
        await _app.SendEventAsync(Joined("UGUEST0002", Scribe, "EvLEAD2"));
        await _app.WaitForIdleAsync();

        Assert.Empty(DirectMessagesTo(_app, IrBotApp.Outsider));
        Assert.Empty(DirectMessagesTo(_app, Scribe));
        Assert.Equal(2, _app.Slack.PostedTo(Channel).Count);
        Assert.Single(DirectMessagesTo(_app, Guest));
        Assert.Single(DirectMessagesTo(_app, "UGUEST0002"));
    }

    [Fact]
    public async Task A_person_invited_by_the_ir_team_is_announced_and_welcomed_without_a_need_to_know_reminder()
    {
        await _app.SendEventAsync(Joined(Guest, IrBotApp.IrMember, "EvJOIN2"));
        await _app.WaitForIdleAsync();

        Assert.Equal($":wave: <@{Guest}> joined, invited by <@{IrBotApp.IrMember}>.", (string?)Assert.Single(_app.Slack.PostedTo(Channel))["text"]);
        Assert.Empty(DirectMessagesTo(_app, IrBotApp.IrMember));
        Assert.Single(DirectMessagesTo(_app, Guest));
        Assert.Single(EphemeralsTo(_app, Guest));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task A_self_join_with_the_inviter_absent_or_empty_is_announced_as_a_join_and_welcomed(string? inviter)
    {
        var envelope = inviter is null
            ? SlackPayloads.EventEnvelope(SlackPayloads.InnerEvent("events/member_joined_channel_inner_event_no_inviter.json", ("user", Guest), ("channel", Channel), ("channel_type", "C")), "EvSELF")
            : Joined(Guest, inviter, "EvSELF");
        await _app.SendEventAsync(envelope);
        await _app.WaitForIdleAsync();

        Assert.Null(Assert.Single(await Events()).InviterId);
        Assert.Equal($":wave: <@{Guest}> joined the channel.", (string?)Assert.Single(_app.Slack.PostedTo(Channel))["text"]);
        Assert.Single(DirectMessagesTo(_app, Guest));
        Assert.Single(EphemeralsTo(_app, Guest));
        Assert.Single(_app.Slack.Calls("conversations.open"));
    }

    [Fact]
    public async Task The_ir_team_invited_by_the_bot_at_opening_is_recorded_but_not_announced_one_by_one()
    {
        await _app.SendEventAsync(Joined(IrBotApp.IrMember, IrBotApp.BotUserId, "EvTEAM1"));
        await _app.SendEventAsync(Joined(IrBotApp.IrMember2, IrBotApp.BotUserId, "EvTEAM2"));
        await _app.WaitForIdleAsync();

        Assert.Equal(2, (await Events()).Count);
        Assert.Empty(_app.Slack.Calls("chat.postMessage"));
        Assert.Empty(_app.Slack.Calls("chat.postEphemeral"));
    }

    [Fact]
    public async Task Someone_outside_the_team_invited_by_the_bot_is_not_announced_again_but_gets_the_rules_and_roles()
    {
        await _app.SendEventAsync(Joined(Guest, IrBotApp.BotUserId, "EvBOTINV"));
        await _app.WaitForIdleAsync();

        Assert.Empty(_app.Slack.PostedTo(Channel));
        Assert.Single(DirectMessagesTo(_app, Guest));
        Assert.Single(EphemeralsTo(_app, Guest));
        Assert.Empty(DirectMessagesTo(_app, IrBotApp.BotUserId));
    }

    [Fact]
    public async Task Another_apps_bot_is_announced_but_gets_no_rules_or_roles()
    {
        _app.Slack.AddUser("UOTHERBOT1", "Other Bot", isBot: true);

        await _app.SendEventAsync(Joined("UOTHERBOT1", IrBotApp.IrMember, "EvOTHERBOT"));
        await _app.WaitForIdleAsync();

        Assert.Single(_app.Slack.PostedTo(Channel));
        Assert.Empty(_app.Slack.Calls("conversations.open"));
        Assert.Empty(_app.Slack.Calls("chat.postEphemeral"));
    }

    [Fact]
    public async Task The_bot_joining_and_joins_outside_incident_channels_are_ignored()
    {
        await _app.SendEventAsync(Joined(IrBotApp.BotUserId, IrBotApp.IrMember, "EvBOT"));
        await _app.SendEventAsync(Joined(Guest, IrBotApp.IrMember, "EvELSEWHERE", channel: "CGENERAL01"));
        await _app.WaitForIdleAsync();

        Assert.Empty(await Events());
        Assert.Empty(_app.Slack.Calls("chat.postMessage"));
    }

    [Fact]
    public async Task A_retried_event_is_handled_once()
    {
        var envelope = Joined(Guest, IrBotApp.Outsider, "EvRETRY");
        await _app.SendEventAsync(envelope);
        await _app.SendEventAsync(envelope, retryNum: 1);
        await _app.WaitForIdleAsync();
        await _app.SendEventAsync(envelope, retryNum: 2);
        await _app.WaitForIdleAsync();

        Assert.Single(await Events());
        Assert.Single(_app.Slack.PostedTo(Channel));
        Assert.Single(DirectMessagesTo(_app, IrBotApp.Outsider));
        Assert.Single(DirectMessagesTo(_app, Guest));
    }

    [Fact]
    public async Task A_welcome_interrupted_by_a_slack_failure_resumes_without_repeating_what_was_sent()
    {
        _app.Slack.FailNext("chat.postEphemeral", "internal_error");

        await _app.SendEventAsync(Joined(Guest, IrBotApp.Outsider, "EvRESUME"));
        await IrBotApp.WaitUntilAsync(() => _app.Slack.Calls("chat.postEphemeral").Count == 2, "the roles note is tried again");
        await _app.WaitForIdleAsync();

        Assert.Single(_app.Slack.PostedTo(Channel));
        Assert.Single(DirectMessagesTo(_app, IrBotApp.Outsider));
        Assert.Single(DirectMessagesTo(_app, Guest));
    }

    [Fact]
    public async Task A_leave_is_recorded_without_messages()
    {
        await _app.SendEventAsync(Left(Guest, "EvLEFT"));
        await _app.WaitForIdleAsync();

        var stored = Assert.Single(await Events());
        Assert.Equal((Guest, MembershipKind.Left, (string?)null), (stored.UserId, stored.Kind, stored.InviterId));
        Assert.Empty(_app.Slack.Calls("chat.postMessage"));
    }

    private async Task<List<MembershipEvent>> Events()
    {
        await using var db = _app.Db();
        return await db.MembershipEvents.OrderBy(m => m.Id).ToListAsync();
    }
}
