using IrBot.TestSupport;

namespace IrBot.IntegrationTests.Tasks;

/// <summary>
/// A create whose answer was lost, against a Jira whose search shows new issues only after a while
/// (Atlassian documents <c>search/jql</c> as eventually consistent).
/// </summary>
public sealed class JiraLostCreateTests
{
    [Fact]
    public async Task The_issue_is_searched_for_until_search_shows_it_and_not_created_twice()
    {
        await using var s = await TaskScenario.StartAsync(settings: new Dictionary<string, string?> { ["Jira:LostCreateSearchSeconds"] = "20" });
        s.Jira.SearchLag = TimeSpan.FromSeconds(4);
        s.Jira.LoseNextCreateAnswer = true;

        var task = await s.CreateTaskAsync();

        await IrBotApp.WaitUntilAsync(async () => (await s.TaskAsync(task.Id)).JiraKey is not null, "the issue is found", TimeSpan.FromSeconds(30));
        var issue = Assert.Single(s.Jira.Issues);
        Assert.Equal(issue.Key, (await s.TaskAsync(task.Id)).JiraKey);
        Assert.True(s.Jira.Requests("GET", "/rest/api/2/search/jql").Count >= 2, "searched again while search lagged");
    }

    [Fact]
    public async Task A_duplicate_that_appears_after_the_window_is_resolved_as_a_duplicate_linked_to_the_first()
    {
        // Search lags more than the window (but less than two), so the issue is created again once the window
        // is over; the look one window later sees both. The margins (3 s each way) absorb a busy machine's delays.
        await using var s = await TaskScenario.StartAsync(settings: new Dictionary<string, string?> { ["Jira:LostCreateSearchSeconds"] = "5" });
        s.Jira.SearchLag = TimeSpan.FromSeconds(8);
        s.Jira.LoseNextCreateAnswer = true;

        var task = await s.CreateTaskAsync();

        await IrBotApp.WaitUntilAsync(() => s.Jira.Links.Count == 1, "the duplicate is linked", TimeSpan.FromSeconds(60));
        await s.App.WaitForIdleAsync();
        var issues = s.Jira.Issues.ToList();
        Assert.Equal(2, issues.Count);
        var (first, duplicate) = (issues[0], issues[1]);
        Assert.Equal(("Duplicate", duplicate.Key, first.Key), s.Jira.Links[0]);
        Assert.Equal("Done", duplicate.Status);
        Assert.Equal("To Do", first.Status);
        Assert.Contains(duplicate.Comments, c => c.Contains(first.Key, StringComparison.Ordinal));

        var stored = await s.TaskAsync(task.Id);
        Assert.Equal(first.Key, stored.JiraKey);
        Assert.Contains($"/browse/{first.Key}", s.Updates(stored.DmChannelId!)[^1]["blocks"]!.ToJsonString(), StringComparison.Ordinal);
    }
}
