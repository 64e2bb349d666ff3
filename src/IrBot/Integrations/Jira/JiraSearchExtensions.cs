namespace IrBot.Integrations.Jira;

public static class JiraSearchExtensions
{
    /// <summary>A JQL search on the deployment's endpoint: Cloud <c>search/jql</c>, Data Center <c>search</c>.</summary>
    public static Task<JiraSearchResult> SearchIssuesAsync(this IJiraApi api, JiraOptions options, string jql, int maxResults, CancellationToken cancellationToken) =>
        options.IsDataCenter
            ? api.SearchAsync(jql, maxResults: maxResults, cancellationToken: cancellationToken)
            : api.SearchJqlAsync(jql, maxResults: maxResults, cancellationToken: cancellationToken);
}
