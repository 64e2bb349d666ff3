using System.Globalization;
using IrBot.TestSupport;
using IrBot.Tasks;

namespace IrBot.IntegrationTests.Tasks;

/// <summary>Found by the chaos test: a status update whose post reached Slack but whose answer was lost was posted twice.</summary>
public sealed class UpdateLostAnswerTests
{
    [Fact]
    public async Task A_status_update_whose_post_answer_was_lost_is_in_the_channel_once()
    {
        await using var s = await TaskScenario.StartAsync();
        using var injector = FailureInjector.LoseAnswers(s.App.Slack.Server);

        var submitted = await s.App.SendInteractionAsync(TaskPayloads.ViewSubmission(
            UpdateModal.CallbackId, IrBotApp.IrMember, s.Incident.Id.ToString(CultureInfo.InvariantCulture), (UpdateModal.SynopsisBlock, TaskPayloads.Text("Keys rotated; watching CloudTrail."))));
        Assert.Equal(string.Empty, await submitted.Content.ReadAsStringAsync());
        await IrBotApp.WaitUntilAsync(() => injector.Injected.Count == 1, "the post's answer is lost");
        await s.App.WaitForIdleAsync(TimeSpan.FromSeconds(30));

        var posts = s.App.Slack.Messages().Where(m => m.Channel == TaskScenario.IncidentChannel && m.Body.ToJsonString().Contains("Keys rotated; watching CloudTrail.", StringComparison.Ordinal)).ToList();
        Assert.Single(posts);
        Assert.Equal(PostUpdateWork.MetadataEventType, (string?)posts[0].Body["metadata"]!["event_type"]);
    }
}
