using Microsoft.EntityFrameworkCore;
using IrBot.TestSupport;
using IrBot.Tasks;
using IrBot.Work;

namespace IrBot.IntegrationTests.Tasks;

[Collection(SharedTaskScenario.Collection)]
public sealed class FailedWorkReportsTests(SharedTaskScenario shared) : IAsyncLifetime
{
    private TaskScenario _s = null!;

    public async Task InitializeAsync() => _s = await shared.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_permanent_slack_error_stops_the_job_at_once_tells_the_admins_the_fix_and_retry_runs_it_once_more()
    {
        var task = await _s.CreateTaskAsync();
        await _s.App.WaitForIdleAsync();
        _s.App.Slack.FailNext("chat.update", "not_in_channel");

        await _s.ClickAsync(TaskMessages.StartAction, task);

        // Failed after one attempt (no backoff series), and the admins are told how to fix it, with a Retry button.
        await IrBotApp.WaitUntilAsync(
            async () =>
            {
                await using var db = _s.App.Db();
                return await db.WorkItems.AnyAsync(w => w.Kind == TaskEventWork.Kind && w.Status == WorkStatus.Failed && w.Attempts == 1);
            },
            "the task event job stops as failed");
        var report = await ReportAsync();
        Assert.Contains("invite the bot", (string?)report["text"], StringComparison.Ordinal);
        Assert.Contains("incident " + _s.Incident.Number, (string?)report["text"], StringComparison.Ordinal);
        var retry = report["blocks"]!.AsArray().Where(b => (string?)b!["type"] == "actions").SelectMany(b => b!["elements"]!.AsArray()).Single()!;
        Assert.Equal(WorkFailureReports.RetryAction, (string?)retry["action_id"]);
        Assert.Single(_s.Updates(task.DmChannelId!)); // the refused one

        // The owner who clicked is told (in a DM: a job has no response_url of its own) that it was not done and the admins know.
        static bool IsNotice(System.Text.Json.Nodes.JsonNode m) => ((string?)m["text"])?.Contains("could not finish telling Jira and the IR team", StringComparison.Ordinal) == true;
        await IrBotApp.WaitUntilAsync(() => _s.App.Slack.PostedTo("D" + TaskScenario.Owner).Any(IsNotice), "the clicker is told of the failure");
        Assert.Contains("admins have been told", (string?)_s.App.Slack.PostedTo("D" + TaskScenario.Owner).Single(IsNotice)["text"], StringComparison.Ordinal);

        // An outsider may not retry; the IR team may, once.
        await ClickRetryAsync((string)retry["value"]!, IrBotApp.Outsider);
        await ClickRetryAsync((string)retry["value"]!, IrBotApp.IrMember);
        await IrBotApp.WaitUntilAsync(() => _s.Updates(task.DmChannelId!).Count == 2, "the DM is updated on retry");
        await _s.App.WaitForIdleAsync();
        await ClickRetryAsync((string)retry["value"]!, IrBotApp.IrMember2);
        await _s.App.WaitForIdleAsync();

        var told = Told();
        Assert.Equal(3, told.Count);
        Assert.Single(told, t => t.Contains("Only the IR team", StringComparison.Ordinal));
        Assert.Single(told, t => t.Contains("is queued again", StringComparison.Ordinal));
        Assert.Single(told, t => t.Contains("already queued again or done", StringComparison.Ordinal));
        Assert.Equal(2, _s.Updates(task.DmChannelId!).Count);
        Assert.Single(_s.App.Slack.PostedTo(IrBotApp.AdminChannel), m => ((string?)m["text"])!.Contains("started *" + task.ShortId, StringComparison.Ordinal));
        await using var check = _s.App.Db();
        Assert.Equal(WorkStatus.Done, (await check.WorkItems.SingleAsync(w => w.Kind == TaskEventWork.Kind)).Status);
    }

    private async Task<System.Text.Json.Nodes.JsonNode> ReportAsync()
    {
        await IrBotApp.WaitUntilAsync(() => _s.App.Slack.PostedTo(IrBotApp.AdminChannel).Any(IsReport), "the admin channel is told");
        return Assert.Single(_s.App.Slack.PostedTo(IrBotApp.AdminChannel), IsReport);
    }

    private static bool IsReport(System.Text.Json.Nodes.JsonNode message) =>
        ((string?)message["text"])!.Contains("stopped `" + TaskEventWork.Kind, StringComparison.Ordinal);

    private async Task ClickRetryAsync(string value, string userId)
    {
        var before = Told().Count;
        var response = await _s.App.SendInteractionAsync(TaskPayloads.Button(WorkFailureReports.RetryAction, value, userId, IrBotApp.AdminChannel, "1700000000.000900"));
        response.EnsureSuccessStatusCode();
        await IrBotApp.WaitUntilAsync(() => Told().Count > before, "the clicker is told");
    }

    private List<string> Told() =>
        _s.App.Slack.Calls("chat.postEphemeral").Select(c => (string?)c.Json["text"] ?? string.Empty)
            .Concat(_s.App.Slack.ResponseUrlPosts().Select(c => (string?)c.Json["text"] ?? string.Empty))
            .ToList();
}
