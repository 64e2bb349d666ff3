using System.Text.Json;
using System.Text.Json.Nodes;
using IrBot.Incidents;
using IrBot.Slack;
using IrBot.Tasks;

namespace IrBot.Tests.Tasks;

public sealed class TaskMessagesTests
{
    private static readonly Incident Incident = new() { Id = 1, Number = 42, Title = "Leaked keys", RequestedBy = "U1", ChannelId = "C1" };

    private static IncidentTask NewTask(IncidentTaskStatus status) =>
        new() { Id = 7, ShortId = "T-7", Title = "Rotate", OwnerId = "U2", CreatedBy = "U1", Status = status };

    [Fact]
    public void The_dm_of_a_new_task_offers_start()
    {
        Assert.Equal([TaskMessages.StartAction], ActionIds(TaskMessages.Dm(NewTask(IncidentTaskStatus.Open), Incident, jiraEnabled: true, reminder: false)));
    }

    [Fact]
    public void The_dm_of_a_task_in_progress_offers_comment_and_resolve()
    {
        Assert.Equal([TaskMessages.CommentAction, TaskMessages.ResolveAction], ActionIds(TaskMessages.Dm(NewTask(IncidentTaskStatus.InProgress), Incident, jiraEnabled: true, reminder: true)));
    }

    [Fact]
    public void The_dm_of_a_resolved_task_offers_nothing()
    {
        Assert.Empty(ActionIds(TaskMessages.Dm(NewTask(IncidentTaskStatus.Resolved), Incident, jiraEnabled: true, reminder: false)));
    }

    [Fact]
    public void A_reminder_says_so_first_with_the_task_and_the_incident()
    {
        Assert.StartsWith("Reminder: T-7 for incident 42", TaskMessages.DmText(NewTask(IncidentTaskStatus.InProgress), Incident, reminder: true), StringComparison.Ordinal);
    }

    private static List<string?> ActionIds(IReadOnlyList<IrBot.Slack.BlockKit.Block> blocks) =>
        JsonNode.Parse(JsonSerializer.Serialize(blocks, SlackJson.Options))!.AsArray()
            .Where(b => (string?)b!["type"] == "actions")
            .SelectMany(b => b!["elements"]!.AsArray())
            .Select(e => (string?)e!["action_id"])
            .ToList();
}
