using IrBot.TestSupport;
using IrBot.Tasks;

namespace IrBot.IntegrationTests.Tasks;

/// <summary>Found by the chaos test: a task comment whose Jira answer was lost was added to the issue twice.</summary>
public sealed class JiraCommentLostAnswerTests
{
    [Fact]
    public async Task A_comment_whose_jira_answer_was_lost_is_on_the_issue_once()
    {
        await using var s = await TaskScenario.StartAsync();
        var task = await s.CreateTaskAsync();
        await IrBotApp.WaitUntilAsync(async () => (await s.TaskAsync(task.Id)).JiraKey is not null, "the issue exists");
        using var injector = new FailureInjector(seed: 5) { Probability = 1, Remaining = 1 };
        injector.Attach(s.Jira.Server, "Jira", [InjectedFailure.ResetAfterDoing], applies: path => path.EndsWith("/comment", StringComparison.Ordinal));

        await s.ClickAsync(TaskMessages.CommentAction, task);
        var submitted = await s.SubmitTextAsync(TaskTextModal.CommentCallbackId, task, "Half of the keys are rotated.");
        Assert.Equal(string.Empty, await submitted.Content.ReadAsStringAsync());
        await IrBotApp.WaitUntilAsync(() => injector.Injected.Count == 1, "the comment's answer is lost");
        await s.App.WaitForIdleAsync(TimeSpan.FromSeconds(30));

        var issue = Assert.Single(s.Jira.Issues);
        Assert.Single(issue.Comments, c => c.Contains("Half of the keys are rotated.", StringComparison.Ordinal));
    }
}
