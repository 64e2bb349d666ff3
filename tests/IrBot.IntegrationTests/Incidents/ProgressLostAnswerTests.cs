using IrBot.Incidents;
using IrBot.TestSupport;

namespace IrBot.IntegrationTests.Incidents;

/// <summary>Seen by the chaos test: the requester's progress DM whose post reached Slack but whose answer was lost was posted again by the next step.</summary>
public sealed class ProgressLostAnswerTests
{
    [Fact]
    public async Task A_progress_dm_whose_answer_was_lost_is_posted_once_and_the_next_steps_edit_it()
    {
        await using var env = await IncidentIntegrations.StartAsync();
        // The opening's first post is its progress DM: Slack posts it and the answer is lost.
        using var injector = FailureInjector.LoseAnswers(env.App.Slack.Server);

        var incident = await env.OpenAsync("Lost progress answer");

        Assert.Equal("/api/chat.postMessage", Assert.Single(injector.Injected).Path);
        var dm = "D" + IrBotApp.IrMember;
        var progress = Assert.Single(env.App.Slack.Messages(), m => m.Channel == dm);
        Assert.Equal(ProgressMessage.MetadataEventType, (string?)progress.Body["metadata"]!["event_type"]);
        // Found by its tag, then kept current: the last edit of that very message shows the opening done.
        var last = env.App.Slack.Calls("chat.update").Select(c => c.Json).Last(j => (string?)j["channel"] == dm);
        Assert.Equal(progress.Ts, (string?)last["ts"]);
        Assert.Contains("TheHive case: done", last.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(incident.TheHiveCaseUrl!, last.ToJsonString(), StringComparison.Ordinal);
    }
}
