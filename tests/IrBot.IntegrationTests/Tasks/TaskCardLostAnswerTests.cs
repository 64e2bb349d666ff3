using System.Globalization;
using IrBot.Tasks;
using IrBot.TestSupport;

namespace IrBot.IntegrationTests.Tasks;

/// <summary>Found by the chaos test: a task card whose post reached the owner's DM but whose answer was lost was posted twice.</summary>
public sealed class TaskCardLostAnswerTests
{
    [Fact]
    public async Task A_task_card_whose_post_answer_was_lost_is_in_the_owners_dm_once_and_the_task_knows_it()
    {
        await using var s = await TaskScenario.StartAsync();
        using var injector = FailureInjector.LoseAnswers(s.App.Slack.Server);

        var task = await s.CreateTaskAsync();
        await s.App.WaitForIdleAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("/api/chat.postMessage", Assert.Single(injector.Injected).Path);
        var card = Assert.Single(s.App.Slack.Messages(), m => m.Channel == "D" + TaskScenario.Owner);
        Assert.Equal(TaskDm.MetadataEventType, (string?)card.Body["metadata"]!["event_type"]);
        Assert.Equal("task-" + task.Id.ToString(CultureInfo.InvariantCulture), (string?)card.Body["metadata"]!["event_payload"]!["occasion"]);
        // The card found after the lost answer is the one the buttons and later refreshes use.
        Assert.Equal(card.Ts, (await s.TaskAsync(task.Id)).DmMessageTs);
    }
}
