using IrBot.Tasks;
using IrBot.TestSupport;

namespace IrBot.IntegrationTests.Tasks;

/// <summary>A reply in a task card's thread is found in its thread (conversations.replies) after a lost answer, not posted again.</summary>
public sealed class ThreadReplyLostAnswerTests
{
    [Fact]
    public async Task A_comment_whose_admin_post_and_thread_reply_answers_were_lost_is_told_once_in_each_place()
    {
        await using var s = await TaskScenario.StartAsync();
        var task = await s.CreateTaskAsync();
        await s.App.WaitForIdleAsync(TimeSpan.FromSeconds(30));
        var card = (await s.TaskAsync(task.Id)).DmMessageTs;
        // The admin channel's post, then the owner's confirmation in the card's thread: Slack posts both, both answers are lost.
        using var injector = FailureInjector.LoseAnswers(s.App.Slack.Server, times: 2);

        await s.ClickAsync(TaskMessages.CommentAction, task);
        var submitted = await s.SubmitTextAsync(TaskTextModal.CommentCallbackId, task, "Half of the keys are rotated.");
        Assert.Equal(string.Empty, await submitted.Content.ReadAsStringAsync());
        await IrBotApp.WaitUntilAsync(() => injector.Injected.Count == 2, "both answers are lost");
        await s.App.WaitForIdleAsync(TimeSpan.FromSeconds(30));

        Assert.Single(s.App.Slack.Messages(), m => m.Channel == IrBotApp.AdminChannel && m.Body.ToJsonString().Contains("Half of the keys are rotated.", StringComparison.Ordinal));
        var reply = Assert.Single(s.App.Slack.Messages(), m => m.Channel == "D" + TaskScenario.Owner && (string?)m.Body["thread_ts"] == card);
        Assert.Contains("Your comment on", (string?)reply.Body["text"], StringComparison.Ordinal);
        Assert.Equal(TaskDm.ReplyMetadataEventType, (string?)reply.Body["metadata"]!["event_type"]);
        Assert.Contains(s.App.Slack.Calls("conversations.replies"), c => c.Form["ts"] == card);
    }
}
