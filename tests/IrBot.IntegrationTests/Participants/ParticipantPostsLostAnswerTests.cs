using IrBot.Participants;
using IrBot.Participants.Search;
using IrBot.TestSupport;
using static IrBot.IntegrationTests.Participants.ParticipantsKit;

namespace IrBot.IntegrationTests.Participants;

/// <summary>Posts of the participants feature are tagged: a retry after a lost answer finds them instead of posting twice.</summary>
public sealed class ParticipantPostsLostAnswerTests
{
    [Fact]
    public async Task A_kick_dm_whose_answer_was_lost_thanks_the_person_once()
    {
        await using var app = await IrBotApp.StartAsync(new Dictionary<string, string?> { ["Work:MaxBackoffSeconds"] = "1" });
        await AddIncidentAsync(app);
        using var injector = FailureInjector.LoseAnswers(app.Slack.Server);

        await app.SendInteractionAsync(Click(KickAction.Id, KickAction.Value(Channel, Guest), IrBotApp.IrMember, IrBotApp.AdminChannel, app.Slack.ResponseUrl()));
        await IrBotApp.WaitUntilAsync(() => injector.Injected.Count == 1, "the DM's answer is lost");
        await app.WaitForIdleAsync(TimeSpan.FromSeconds(30));

        Assert.Single(app.Slack.Calls("conversations.kick"));
        var dm = Assert.Single(app.Slack.Messages(), m => m.Channel == "D" + Guest);
        Assert.Equal(KickDmWork.MetadataEventType, (string?)dm.Body["metadata"]!["event_type"]);
        Assert.Contains("Thank you for your help", (string?)dm.Body["text"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invite_whose_announcement_answer_was_lost_is_announced_once_and_the_retry_is_not_told_already_in_channel()
    {
        await using var app = await IrBotApp.StartAsync(new Dictionary<string, string?> { ["Work:MaxBackoffSeconds"] = "1" });
        app.Slack.AddChannel(Channel, "ir-invite-lost");
        await AddIncidentAsync(app);
        using var injector = FailureInjector.LoseAnswers(app.Slack.Server);

        await app.SendInteractionAsync(Click(InviteAction.Id, "UCY0000001", IrBotApp.IrMember, Channel, app.Slack.ResponseUrl()));
        await IrBotApp.WaitUntilAsync(() => injector.Injected.Count == 1, "the announcement's answer is lost");
        await app.WaitForIdleAsync(TimeSpan.FromSeconds(30));

        // The retry's invite is answered already_in_channel (the first one worked): the tagged announcement says it was this click.
        Assert.Equal(2, app.Slack.Calls("conversations.invite").Count);
        Assert.True(app.Slack.Channel("ir-invite-lost")!.Members.ContainsKey("UCY0000001"));
        var announced = Assert.Single(app.Slack.Messages(), m => m.Channel == Channel);
        Assert.Equal(":handshake: <@UCY0000001> was invited to help by <@" + IrBotApp.IrMember + ">.", (string?)announced.Body["text"]);
        Assert.Equal(InviteAction.MetadataEventType, (string?)announced.Body["metadata"]!["event_type"]);
        Assert.DoesNotContain(
            app.Slack.ResponseUrlPosts().Concat(app.Slack.Calls("chat.postEphemeral")),
            p => ((string?)p.Json["text"] ?? string.Empty).Contains("already in this channel", StringComparison.Ordinal));
    }
}
