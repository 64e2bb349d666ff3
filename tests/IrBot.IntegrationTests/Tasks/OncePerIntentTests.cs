using IrBot.TestSupport;
using IrBot.Tasks;
using Microsoft.EntityFrameworkCore;

namespace IrBot.IntegrationTests.Tasks;

/// <summary>
/// The same modal submitted three times at once (a double click on Submit, a retried delivery: the same view and
/// the same input) acts once; the other submits close the modal without acting.
/// </summary>
[Collection(SharedTaskScenario.Collection)]
public sealed class OncePerIntentTests(SharedTaskScenario shared) : IAsyncLifetime
{
    private TaskScenario _s = null!;

    public async Task InitializeAsync() => _s = await shared.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Three_identical_new_task_submissions_at_once_create_one_task_one_jira_issue_and_one_dm()
    {
        var submission = TaskPayloads.ViewSubmission(
            NewTaskModal.CallbackId,
            IrBotApp.IrMember,
            _s.IncidentId,
            (NewTaskModal.TitleBlock, TaskPayloads.Text("Block the attacker's IPs")),
            (NewTaskModal.DescriptionBlock, TaskPayloads.Text(null)),
            (NewTaskModal.OwnerBlock, TaskPayloads.User(TaskScenario.Owner)),
            (NewTaskModal.CriticalityBlock, TaskPayloads.Select("High")));

        var answers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => _s.App.SendInteractionAsync(submission)));

        Assert.All(answers, a => a.EnsureSuccessStatusCode());
        Assert.All(await Task.WhenAll(answers.Select(a => a.Content.ReadAsStringAsync())), body => Assert.Equal(string.Empty, body));
        await IrBotApp.WaitUntilAsync(() => _s.App.Slack.PostedTo("D" + TaskScenario.Owner).Count == 1, "the owner has the task DM");
        await _s.App.WaitForIdleAsync();
        await using var db = _s.App.Db();
        Assert.Single(await db.Tasks.ToListAsync());
        Assert.Single(_s.Jira.Issues);
        Assert.Single(_s.App.Slack.PostedTo("D" + TaskScenario.Owner));
    }

    [Fact]
    public async Task Three_identical_update_submissions_at_once_post_the_update_once_and_add_one_timeline_note()
    {
        var submission = TaskPayloads.ViewSubmission(
            UpdateModal.CallbackId, TaskScenario.Commander, _s.IncidentId, (UpdateModal.SynopsisBlock, TaskPayloads.Text("Containment done; eradication next.")));

        var answers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => _s.App.SendInteractionAsync(submission)));

        Assert.All(answers, a => a.EnsureSuccessStatusCode());
        await IrBotApp.WaitUntilAsync(() => _s.App.Slack.PostedTo(TaskScenario.IncidentChannel).Count >= 1, "the update is posted");
        await _s.App.WaitForIdleAsync();
        Assert.Single(_s.App.Slack.PostedTo(TaskScenario.IncidentChannel));
        await using var db = _s.App.Db();
        Assert.Single(await db.TimelineNotes.ToListAsync());
    }

    [Fact]
    public async Task A_corrected_submit_of_the_same_modal_after_field_errors_still_acts()
    {
        var empty = await _s.App.SendInteractionAsync(TaskPayloads.ViewSubmission(
            UpdateModal.CallbackId, TaskScenario.Commander, _s.IncidentId, (UpdateModal.SynopsisBlock, TaskPayloads.Text(" "))));
        Assert.Contains("errors", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var fixedUp = await _s.App.SendInteractionAsync(TaskPayloads.ViewSubmission(
            UpdateModal.CallbackId, TaskScenario.Commander, _s.IncidentId, (UpdateModal.SynopsisBlock, TaskPayloads.Text("Now with text."))));

        Assert.Equal(string.Empty, await fixedUp.Content.ReadAsStringAsync());
        await IrBotApp.WaitUntilAsync(() => _s.App.Slack.PostedTo(TaskScenario.IncidentChannel).Count == 1, "the update is posted");
    }
}
