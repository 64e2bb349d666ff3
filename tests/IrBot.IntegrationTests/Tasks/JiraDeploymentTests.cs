using System.Net;
using IrBot.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serilog.Events;

namespace IrBot.IntegrationTests.Tasks;

/// <summary>
/// Tasks against each Jira deployment, <c>Jira:Deployment</c> = Cloud or DataCenter, with a fake that
/// refuses the other deployment's auth, endpoints and shapes.
/// </summary>
public sealed class JiraDeploymentTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_task_is_created_assigned_started_and_resolved_in_the_configured_deployment(bool dataCenter)
    {
        await using var s = await TaskScenario.StartAsync(dataCenter: dataCenter);

        var task = await s.CreateTaskAsync();

        var issue = Assert.Single(s.Jira.Issues);
        Assert.Equal(issue.Key, task.JiraKey);
        var assignee = issue.Fields["assignee"]!;
        if (dataCenter)
        {
            Assert.Equal(TaskScenario.OwnerUsername, (string?)assignee["name"]);
            Assert.Null(assignee["accountId"]);
            Assert.Contains(s.Jira.Requests("GET", "/rest/api/2/user/search"), r => r.Query!.ContainsKey("username"));
        }
        else
        {
            Assert.Equal(TaskScenario.OwnerAccountId, (string?)assignee["accountId"]);
            Assert.Null(assignee["name"]);
            Assert.Contains(s.Jira.Requests("GET", "/rest/api/2/user/search"), r => r.Query!.ContainsKey("query"));
        }

        await s.ClickAsync(TaskMessages.StartAction, task);
        await IrBotApp.WaitUntilAsync(() => s.Jira.Issues.Single().Status == "In Progress", "the issue is in progress");
        await s.App.WaitForIdleAsync();
        await s.ClickAsync(TaskMessages.ResolveAction, task);
        await IrBotApp.WaitUntilAsync(() => s.App.Slack.Calls("views.open").Count == 1, "the resolve modal opens");
        await s.SubmitTextAsync(TaskTextModal.ResolveCallbackId, task, "Keys rotated.");
        await IrBotApp.WaitUntilAsync(() => s.Jira.Issues.Single().Status == "Done", "the issue is done");
        Assert.DoesNotContain(s.App.Slack.PostedTo(IrBotApp.AdminChannel), m => ((string?)m["text"])!.Contains("failed", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false, "/rest/api/2/search/jql")]
    [InlineData(true, "/rest/api/2/search")]
    public async Task A_lost_create_is_looked_up_on_the_deployments_search_and_not_created_twice(bool dataCenter, string searchPath)
    {
        await using var s = await TaskScenario.StartAsync(dataCenter: dataCenter);
        s.Jira.LoseNextCreateAnswer = true;

        var task = await s.CreateTaskAsync();

        await IrBotApp.WaitUntilAsync(async () => (await s.TaskAsync(task.Id)).JiraKey is not null, "the issue is found");
        Assert.Equal(Assert.Single(s.Jira.Issues).Key, (await s.TaskAsync(task.Id)).JiraKey);
        Assert.NotEmpty(s.Jira.Requests("GET", searchPath));
    }

    [Fact]
    public async Task Data_center_sends_the_personal_access_token_as_bearer_and_needs_no_email()
    {
        await using var s = await TaskScenario.StartAsync(dataCenter: true);

        await s.CreateTaskAsync();

        var create = Assert.Single(s.Jira.Requests("POST", "/rest/api/2/issue"));
        Assert.Equal("Bearer " + FakeJira.PersonalAccessToken, create.Headers!["Authorization"].Single());
        Assert.Null(s.Settings["Jira:Email"]);
    }

    [Fact]
    public async Task A_wrong_priority_stops_the_start_naming_the_setting_and_the_valid_values()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => TaskScenario.StartAsync(
            settings: new Dictionary<string, string?> { ["Jira:Priorities:High"] = "Urgent" }));

        var message = Flatten(error);
        Assert.Contains("Jira:Priorities:High 'Urgent' is not a priority", message, StringComparison.Ordinal);
        Assert.Contains("Valid: Highest, High, Medium, Low, Lowest", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_security_level_or_issue_type_stops_the_start()
    {
        var security = Flatten(await Assert.ThrowsAnyAsync<Exception>(() => TaskScenario.StartAsync(
            settings: new Dictionary<string, string?> { ["Jira:SecurityLevelId"] = "99999" })));
        Assert.Contains("Jira:SecurityLevelId '99999' is not a security level of SEC. Valid: 10001", security, StringComparison.Ordinal);

        var type = Flatten(await Assert.ThrowsAnyAsync<Exception>(() => TaskScenario.StartAsync(dataCenter: true,
            settings: new Dictionary<string, string?> { ["Jira:IssueType"] = "Chore" })));
        Assert.Contains("Jira:IssueType 'Chore' is not an issue type of project SEC. Valid: Task, Bug", type, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_jira_is_down_at_start_the_check_runs_in_the_background_and_tells_the_admins_once()
    {
        await using var s = await TaskScenario.StartAsync(
            settings: new Dictionary<string, string?> { ["Jira:Priorities:Critical"] = "P0", ["Jira:SetupCheckRetrySeconds"] = "1" },
            jiraDownAtStart: true);

        await IrBotApp.WaitUntilAsync(
            () => s.App.Slack.PostedTo(IrBotApp.AdminChannel).Any(m => ((string?)m["text"])!.Contains("Jira configuration problem", StringComparison.Ordinal)),
            "the admins are told");
        await Task.Delay(TimeSpan.FromSeconds(2.5));

        var report = Assert.Single(s.App.Slack.PostedTo(IrBotApp.AdminChannel), m => ((string?)m["text"])!.Contains("Jira configuration problem", StringComparison.Ordinal));
        Assert.Contains("Jira:Priorities:Critical 'P0' is not a priority", (string?)report["text"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_config_check_endpoint_reports_jira_problems_and_an_empty_security_level_is_warned_at_start()
    {
        var logs = new LogCapture();
        await using var s = await TaskScenario.StartAsync(
            settings: new Dictionary<string, string?> { ["Jira:SecurityLevelId"] = string.Empty },
            services: x => x.AddSingleton<Serilog.Core.ILogEventSink>(logs));

        var healthy = await s.App.Client.GetAsync(new Uri("/health/config", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        Assert.Contains(logs.Events, e => e.Level == LogEventLevel.Warning && e.RenderMessage().Contains("Jira:SecurityLevelId is empty: task issues in \"SEC\" are not restricted", StringComparison.Ordinal));

        // A priority mapping changed while running (e.g. the scheme was edited in Jira) shows on the endpoint.
        s.App.Services.GetRequiredService<IOptions<IrBot.Integrations.Jira.JiraOptions>>().Value.Priorities["Low"] = "Trivial";
        var unhealthy = await s.App.Client.GetAsync(new Uri("/health/config", UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unhealthy.StatusCode);
        Assert.Contains("Jira:Priorities:Low 'Trivial' is not a priority", await unhealthy.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static string Flatten(Exception error) =>
        error is AggregateException aggregate ? string.Join(" ", aggregate.Flatten().InnerExceptions.Select(Flatten)) : error.Message + (error.InnerException is null ? string.Empty : " " + Flatten(error.InnerException));

    private sealed class LogCapture : Serilog.Core.ILogEventSink
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<LogEvent> _events = new();

        public IReadOnlyList<LogEvent> Events => _events.ToList();

        public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);
    }
}
