using System.Text.Json;
using System.Text.Json.Nodes;
using IrBot.Integrations;
using IrBot.Integrations.Jira;

namespace IrBot.Tests.Integrations.Jira;

public sealed class JiraCreateIssueTests
{
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
}
