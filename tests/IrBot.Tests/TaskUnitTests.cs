using System.Text.Json;
using System.Text.Json.Nodes;
using IrBot.Incidents;
using IrBot.Integrations;
using IrBot.Integrations.Jira;
using IrBot.Slack;
using IrBot.Tasks;

namespace IrBot.Tests;

public class TaskUnitTests
{
    [Theory]
    [InlineData("T-7", 7)]
    [InlineData(" t-12 ", 12)]
    [InlineData("t7", 7)]
    [InlineData("42", 42)]
    [InlineData("T-", null)]
    [InlineData("T-0", null)]
    [InlineData("T-7; drop", null)]
    [InlineData(null, null)]
    public void Task_ids_are_read_the_way_people_type_them(string? text, int? expected) =>
        Assert.Equal(expected, TaskIds.Parse(text));

    [Fact]
    public void Priorities_default_to_the_cloud_scheme_and_can_be_configured_by_name_or_id()
    {
        var options = new JiraOptions();
        Assert.Equal("Highest", options.PriorityFor(TaskCriticality.Critical));
        Assert.Equal("High", options.PriorityFor(TaskCriticality.High));
        Assert.Equal("Medium", options.PriorityFor(TaskCriticality.Normal));
        Assert.Equal("Low", options.PriorityFor(TaskCriticality.Low));

        options.Priorities["critical"] = "1";
        Assert.Equal(new JiraPriorityRef { Id = "1" }, JiraPriorityRef.From(options.PriorityFor(TaskCriticality.Critical)));
        Assert.Equal(new JiraPriorityRef { Name = "Medium" }, JiraPriorityRef.From(options.PriorityFor(TaskCriticality.Normal)));
    }

    [Fact]
    public void The_open_issues_link_is_an_escaped_jql_search_by_the_channel_label()
    {
        var options = new JiraOptions { BaseUrl = "https://example.atlassian.net/" };

        Assert.Equal(
            "https://example.atlassian.net/issues/?jql=labels%20%3D%20%22ir-20261125%22%20AND%20statusCategory%20%21%3D%20Done%20ORDER%20BY%20created%20ASC",
            options.OpenIssuesUrl("ir-20261125"));
        Assert.Equal("https://example.atlassian.net/browse/SEC-24", options.IssueUrl("SEC-24"));
    }

    [Fact]
    public void The_create_body_is_the_v2_shape_with_plain_text_and_no_empty_fields()
    {
        var body = new JiraCreateIssue
        {
            Fields = new JiraIssueFields
            {
                Project = new JiraKeyRef("SEC"),
                IssueType = new JiraNameRef("Task"),
                Summary = "Incident 42 T-7: rotate",
                Description = "plain text",
                Priority = JiraPriorityRef.From("High"),
                Labels = ["ir-20261125", "irbot-t-7"],
            },
        };

        var json = JsonNode.Parse(JsonSerializer.Serialize(body, IntegrationJson.Options))!;
        Assert.Equal("SEC", (string?)json["fields"]!["project"]!["key"]);
        Assert.Equal("Task", (string?)json["fields"]!["issuetype"]!["name"]);
        Assert.Equal(JsonValueKind.String, json["fields"]!["description"]!.GetValueKind());
        Assert.Equal("High", (string?)json["fields"]!["priority"]!["name"]);
        Assert.Null(json["fields"]!["priority"]!["id"]);
        Assert.Null(json["fields"]!["assignee"]);
        Assert.Null(json["fields"]!["security"]);
    }

    [Fact]
    public void The_dm_offers_start_then_comment_and_resolve_then_nothing()
    {
        var incident = new Incident { Id = 1, Number = 42, Title = "Leaked keys", RequestedBy = "U1", ChannelId = "C1" };
        var task = new IncidentTask { Id = 7, ShortId = "T-7", Title = "Rotate", OwnerId = "U2", CreatedBy = "U1" };

        Assert.Equal([TaskMessages.StartAction], ActionIds(TaskMessages.Dm(task, incident, jiraEnabled: true, reminder: false)));
        task.Status = IncidentTaskStatus.InProgress;
        Assert.Equal([TaskMessages.CommentAction, TaskMessages.ResolveAction], ActionIds(TaskMessages.Dm(task, incident, jiraEnabled: true, reminder: true)));
        task.Status = IncidentTaskStatus.Resolved;
        Assert.Empty(ActionIds(TaskMessages.Dm(task, incident, jiraEnabled: true, reminder: false)));
        Assert.StartsWith("Reminder: T-7 for incident 42", TaskMessages.DmText(task, incident, reminder: true), StringComparison.Ordinal);
    }

    private static List<string?> ActionIds(IReadOnlyList<IrBot.Slack.BlockKit.Block> blocks) =>
        JsonNode.Parse(JsonSerializer.Serialize(blocks, SlackJson.Options))!.AsArray()
            .Where(b => (string?)b!["type"] == "actions")
            .SelectMany(b => b!["elements"]!.AsArray())
            .Select(e => (string?)e!["action_id"])
            .ToList();
}

public sealed class JiraTransitionFieldTests
{
    [Fact]
    public void A_done_screen_that_requires_a_resolution_gets_one_and_other_transitions_send_no_fields()
    {
        var required = new IrBot.Integrations.Jira.JiraTransition
        {
            Id = "31",
            Name = "Done",
            Fields = new Dictionary<string, IrBot.Integrations.Jira.JiraTransitionField>
            {
                ["resolution"] = new() { Required = true, AllowedValues = [new() { Id = "10001", Name = "Won't Do" }, new() { Id = "10000", Name = "Done" }] },
            },
        };
        var plain = new IrBot.Integrations.Jira.JiraTransition { Id = "21", Name = "Start Progress" };

        Assert.Equal("10000", IrBot.Tasks.JiraTasks.RequiredResolution(required)!["resolution"].Id);
        Assert.Null(IrBot.Tasks.JiraTasks.RequiredResolution(plain));
    }
}
