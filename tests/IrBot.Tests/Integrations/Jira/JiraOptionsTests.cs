using IrBot.Integrations.Jira;
using IrBot.Tasks;

namespace IrBot.Tests.Integrations.Jira;

public sealed class JiraOptionsTests
{
    [Fact]
    public void Priorities_default_to_the_cloud_scheme()
    {
        var options = new JiraOptions();

        Assert.Equal("Highest", options.PriorityFor(TaskCriticality.Critical));
        Assert.Equal("High", options.PriorityFor(TaskCriticality.High));
        Assert.Equal("Medium", options.PriorityFor(TaskCriticality.Normal));
        Assert.Equal("Low", options.PriorityFor(TaskCriticality.Low));
    }

    [Fact]
    public void A_priority_configured_by_id_is_sent_by_id_and_the_others_keep_their_names()
    {
        var options = new JiraOptions();

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
    }

    [Fact]
    public void An_issue_link_is_the_browse_page_of_its_key()
    {
        var options = new JiraOptions { BaseUrl = "https://example.atlassian.net/" };

        Assert.Equal("https://example.atlassian.net/browse/SEC-24", options.IssueUrl("SEC-24"));
    }
}
