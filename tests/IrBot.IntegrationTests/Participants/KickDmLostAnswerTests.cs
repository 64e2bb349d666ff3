using IrBot.Participants;
using IrBot.TestSupport;
using static IrBot.IntegrationTests.Participants.ParticipantsKit;

namespace IrBot.IntegrationTests.Participants;

/// <summary>The thank-you DM of a kick, tagged with its job: a retry after a lost answer finds it instead of thanking twice.</summary>
public sealed class KickDmLostAnswerTests
{
    [Fact]
    public async Task A_kick_dm_whose_answer_was_lost_thanks_the_person_once()
    {
        await using var app = await IrBotApp.StartAsync(new Dictionary<string, string?> { ["Work:MaxBackoffSeconds"] = "1" });
        await AddIncidentAsync(app);
        using var injector = new FailureInjector(seed: 4) { Probability = 1, Remaining = 1 };
        injector.Attach(app.Slack.Server, "Slack", [InjectedFailure.ResetAfterDoing], applies: path => path == "/api/chat.postMessage");

        await app.SendInteractionAsync(Click(KickAction.Id, KickAction.Value(Channel, Guest), IrBotApp.IrMember, IrBotApp.AdminChannel, app.Slack.ResponseUrl()));
        await IrBotApp.WaitUntilAsync(() => injector.Injected.Count == 1, "the DM's answer is lost");
        await app.WaitForIdleAsync(TimeSpan.FromSeconds(30));

        Assert.Single(app.Slack.Calls("conversations.kick"));
        var dm = Assert.Single(app.Slack.Messages(), m => m.Channel == "D" + Guest);
        Assert.Equal(KickDmWork.MetadataEventType, (string?)dm.Body["metadata"]!["event_type"]);
        Assert.Contains("Thank you for your help", (string?)dm.Body["text"], StringComparison.Ordinal);
    }
}
