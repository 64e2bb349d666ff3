using System.Text.Json.Nodes;
using IrBot.Incidents.Archiving;
using IrBot.TestSupport;
using IrBot.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IrBot.IntegrationTests.Tasks;

[Collection(SharedTaskScenario.Collection)]
public sealed class TaskUpdateAndArchiveTests(SharedTaskScenario shared) : IAsyncLifetime
{
    private TaskScenario _s = null!;

    public async Task InitializeAsync() => _s = await shared.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_update_posts_the_synopsis_and_every_open_task_to_the_channel_and_adds_a_timeline_note()
    {
        var waiting = await _s.CreateTaskAsync("Read CloudTrail", "High");
        var going = await _s.CreateTaskAsync("Rotate the keys", "Critical");
        var finished = await _s.CreateTaskAsync("Block the IP", "Low");
        await using (var db = _s.App.Db())
        {
            await db.Tasks.Where(t => t.Id == going.Id).ExecuteUpdateAsync(u => u
                .SetProperty(t => t.Status, IncidentTaskStatus.InProgress)
                .SetProperty(t => t.StartedAt, DateTime.UtcNow)
                .SetProperty(t => t.LatestComment, "Half of them done"));
            await db.Tasks.Where(t => t.Id == finished.Id).ExecuteUpdateAsync(u => u.SetProperty(t => t.Status, IncidentTaskStatus.Resolved));
        }

        var refused = JsonNode.Parse(await (await _s.App.SendCommandAsync("update", IrBotApp.Outsider, TaskScenario.IncidentChannel)).Content.ReadAsStringAsync())!;
        Assert.Contains("Only the IR team or the incident commander", (string?)refused["text"], StringComparison.Ordinal);

        await _s.App.SendCommandAsync("update", TaskScenario.Commander, TaskScenario.IncidentChannel);
        var view = Assert.Single(_s.App.Slack.Calls("views.open")).Json["view"]!;
        Assert.Equal(UpdateModal.CallbackId, (string?)view["callback_id"]);

        var empty = await _s.App.SendInteractionAsync(TaskPayloads.ViewSubmission(
            UpdateModal.CallbackId, TaskScenario.Commander, _s.IncidentId, (UpdateModal.SynopsisBlock, TaskPayloads.Text(" "))));
        Assert.Equal("errors", (string?)JsonNode.Parse(await empty.Content.ReadAsStringAsync())!["response_action"]);

        var response = await _s.App.SendInteractionAsync(TaskPayloads.ViewSubmission(
            UpdateModal.CallbackId, TaskScenario.Commander, _s.IncidentId, (UpdateModal.SynopsisBlock, TaskPayloads.Text("Keys are being rotated; no sign of use."))));
        Assert.Equal(string.Empty, await response.Content.ReadAsStringAsync());

        await IrBotApp.WaitUntilAsync(() => _s.App.Slack.PostedTo(TaskScenario.IncidentChannel).Count == 1, "the update is posted");
        var text = (string?)_s.App.Slack.PostedTo(TaskScenario.IncidentChannel)[0]["text"];
        Assert.Contains("Keys are being rotated; no sign of use.", text, StringComparison.Ordinal);
        Assert.Contains($"*{waiting.ShortId}* Read CloudTrail", text, StringComparison.Ordinal);
        Assert.Contains("NOT STARTED", text, StringComparison.Ordinal);
        Assert.Contains($"<@{TaskScenario.Owner}>, High", text, StringComparison.Ordinal);
        Assert.Contains("Half of them done", text, StringComparison.Ordinal);
        Assert.DoesNotContain(finished.ShortId + "*", text, StringComparison.Ordinal);
        Assert.True(text!.IndexOf(waiting.ShortId, StringComparison.Ordinal) < text.IndexOf(going.ShortId, StringComparison.Ordinal), "not started tasks come first");

        await using var check = _s.App.Db();
        var note = await check.TimelineNotes.SingleAsync();
        Assert.Equal("Keys are being rotated; no sign of use.", note.Text);
        Assert.Equal(TaskScenario.Commander, note.AuthorId);
        Assert.Equal(_s.Incident.Id, note.IncidentId);
    }

    [Fact]
    public async Task Archiving_resolves_every_open_task_in_ir_bot_and_jira()
    {
        var started = await _s.CreateTaskAsync("Rotate the keys");
        var waiting = await _s.CreateTaskAsync("Read CloudTrail");
        await _s.ClickAsync(TaskMessages.StartAction, started);
        await IrBotApp.WaitUntilAsync(() => _s.Jira.Issues.Any(i => i.Status == "In Progress"), "one issue is in progress");
        await _s.App.WaitForIdleAsync();

        await using (var scope = _s.App.Services.CreateAsyncScope())
        {
            var step = scope.ServiceProvider.GetServices<IArchiveStep>().Single(s => s.Order == 30);
            var db = scope.ServiceProvider.GetRequiredService<IrBot.Data.IrBotDbContext>();
            var incident = await db.Incidents.SingleAsync();
            await step.RunAsync(new ArchiveContext(incident, db, new ArchiveRequest(TaskScenario.Commander, "Resolved", "Contained", [], "Done")), CancellationToken.None);
        }

        Assert.All(_s.Jira.Issues, i => Assert.Equal("Done", i.Status));
        Assert.All(_s.Jira.Issues, i => Assert.Contains(i.Comments, c => c.Contains("incident 1 was closed", StringComparison.Ordinal)));
        await using var check = _s.App.Db();
        Assert.All(await check.Tasks.ToListAsync(), t => Assert.Equal(IncidentTaskStatus.Resolved, t.Status));
        Assert.Contains(_s.Updates(waiting.DmChannelId!), m => m["blocks"]!.ToJsonString().Contains("Resolved", StringComparison.Ordinal));
    }
}
