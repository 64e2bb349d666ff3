using System.Text.Json.Serialization;
using Refit;

namespace IrBot.Integrations.Jira;

/// <summary>
/// Jira REST v2 (<c>/rest/api/2</c>, Cloud and Data Center): plain-string description and comment bodies,
/// where v3 would want ADF. Paths are relative to <c>Jira:BaseUrl</c> (the site).
/// </summary>
public interface IJiraApi
{
    [Post("/rest/api/2/issue")]
    Task<JiraCreatedIssue> CreateIssueAsync([Body] JiraCreateIssue request, CancellationToken cancellationToken = default);

    /// <summary>Cloud's bounded JQL search; used to find an issue a timed-out create may have made.</summary>
    [Get("/rest/api/2/search/jql")]
    Task<JiraSearchResult> SearchAsync(string jql, string fields = "key,status", int maxResults = 10, CancellationToken cancellationToken = default);

    /// <summary>Prefix-matches display name and email; has its own tenant-wide rate limit, so callers cache.</summary>
    [Get("/rest/api/2/user/search")]
    Task<IReadOnlyList<JiraUser>> SearchUsersAsync(string query, CancellationToken cancellationToken = default);

    /// <summary>Only the transitions valid from the issue's current status, with the fields their screens ask for.</summary>
    [Get("/rest/api/2/issue/{key}/transitions?expand=transitions.fields")]
    Task<JiraTransitionList> GetTransitionsAsync(string key, CancellationToken cancellationToken = default);

    [Post("/rest/api/2/issue/{key}/transitions")]
    Task TransitionAsync(string key, [Body] JiraTransitionRequest request, CancellationToken cancellationToken = default);

    [Post("/rest/api/2/issue/{key}/comment")]
    Task<JiraComment> AddCommentAsync(string key, [Body] JiraCommentRequest request, CancellationToken cancellationToken = default);
}

public sealed record JiraCreateIssue
{
    public required JiraIssueFields Fields { get; init; }
}

public sealed record JiraIssueFields
{
    public required JiraKeyRef Project { get; init; }

    [JsonPropertyName("issuetype")]
    public required JiraNameRef IssueType { get; init; }

    public required string Summary { get; init; }

    /// <summary>Plain text (v2), at most 32,767 characters.</summary>
    public string? Description { get; init; }

    public JiraPriorityRef? Priority { get; init; }
    public JiraAccountRef? Assignee { get; init; }
    public IReadOnlyList<string>? Labels { get; init; }
    public JiraIdRef? Security { get; init; }
}

public sealed record JiraKeyRef(string Key);

public sealed record JiraNameRef(string Name);

public sealed record JiraIdRef(string Id);

public sealed record JiraAccountRef(string AccountId);

/// <summary>By id when the setting is numeric, else by name.</summary>
public sealed record JiraPriorityRef
{
    public string? Id { get; init; }
    public string? Name { get; init; }

    public static JiraPriorityRef From(string setting) =>
        setting.All(char.IsAsciiDigit) ? new() { Id = setting } : new() { Name = setting };
}

public sealed record JiraCreatedIssue
{
    public required string Id { get; init; }
    public required string Key { get; init; }
    public string? Self { get; init; }
}

public sealed record JiraSearchResult
{
    public IReadOnlyList<JiraIssue> Issues { get; init; } = [];
}

public sealed record JiraIssue
{
    public string? Id { get; init; }
    public required string Key { get; init; }
}

public sealed record JiraUser
{
    public string? AccountId { get; init; }
    public string? AccountType { get; init; }
    public string? DisplayName { get; init; }
    public string? EmailAddress { get; init; }
    public bool Active { get; init; }
}

public sealed record JiraTransitionList
{
    public IReadOnlyList<JiraTransition> Transitions { get; init; } = [];
}

public sealed record JiraTransition
{
    public required string Id { get; init; }
    public string? Name { get; init; }
    public JiraStatus? To { get; init; }

    /// <summary>Fields on the transition's screen (with <c>expand=transitions.fields</c>).</summary>
    public IReadOnlyDictionary<string, JiraTransitionField>? Fields { get; init; }
}

public sealed record JiraTransitionField
{
    public bool Required { get; init; }
    public IReadOnlyList<JiraNamedValue>? AllowedValues { get; init; }
}

public sealed record JiraNamedValue
{
    public string? Id { get; init; }
    public string? Name { get; init; }
}

public sealed record JiraStatus
{
    public string? Name { get; init; }
    public JiraStatusCategory? StatusCategory { get; init; }
}

public sealed record JiraStatusCategory
{
    public string? Key { get; init; }
}

/// <summary><c>fields</c> only when the transition's screen requires them (else Jira answers 400).</summary>
public sealed record JiraTransitionRequest(JiraIdRef Transition, IReadOnlyDictionary<string, JiraNamedValue>? Fields = null);

public sealed record JiraCommentRequest(string Body);

public sealed record JiraComment
{
    public string? Id { get; init; }
    public string? Body { get; init; }
}
