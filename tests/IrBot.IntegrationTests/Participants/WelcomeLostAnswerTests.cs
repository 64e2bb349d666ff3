using IrBot.Participants;
using IrBot.TestSupport;
using static IrBot.IntegrationTests.Participants.ParticipantsKit;

namespace IrBot.IntegrationTests.Participants;

/// <summary>Found by the chaos test: a welcome (the rules by DM) whose post reached Slack but whose answer was lost was sent twice.</summary>
public sealed class WelcomeLostAnswerTests
{
    [Fact]
    public async Task A_join_whose_announcement_and_rules_dm_answers_were_lost_is_announced_once_and_welcomed_once()
    {
        await using var app = await IrBotApp.StartAsync(new Dictionary<string, string?> { ["Work:MaxBackoffSeconds"] = "1" });
        await AddIncidentAsync(app);
        // Both posts of the join are carried out by Slack and their answers lost: the announcement, then the rules DM.
        using var injector = FailureInjector.LoseAnswers(app.Slack.Server, times: 2);

        await app.SendEventAsync(Joined(Guest, IrBotApp.IrMember, "EvJOINLOST1"));
        await IrBotApp.WaitUntilAsync(() => injector.Injected.Count == 2, "both answers are lost");
        await app.WaitForIdleAsync(TimeSpan.FromSeconds(30));

        var announced = Assert.Single(app.Slack.Messages(), m => m.Channel == Channel);
        Assert.Equal(JoinWelcomeWork.JoinedEventType, (string?)announced.Body["metadata"]!["event_type"]);
        var rules = Assert.Single(app.Slack.Messages(), m => m.Channel == "D" + Guest);
        Assert.Contains("Incident channel rules", (string?)rules.Body["text"], StringComparison.Ordinal);
        Assert.Equal(JoinWelcomeWork.RulesEventType, (string?)rules.Body["metadata"]!["event_type"]);
        Assert.Single(EphemeralsTo(app, Guest));
    }
}
