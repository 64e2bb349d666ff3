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

    /// <summary>Cloud's bounded JQL search (the old <c>/search</c> is being removed there).</summary>
    [Get("/rest/api/2/search/jql")]
    Task<JiraSearchResult> SearchJqlAsync(string jql, string fields = "key,status", int maxResults = 10, CancellationToken cancellationToken = default);

    /// <summary>Data Center's JQL search (it has no <c>/search/jql</c>).</summary>
    [Get("/rest/api/2/search")]
    Task<JiraSearchResult> SearchAsync(string jql, string fields = "key,status", int startAt = 0, int maxResults = 10, CancellationToken cancellationToken = default);

    /// <summary>Cloud: prefix-matches display name and email; has its own tenant-wide rate limit, so callers cache.</summary>
    [Get("/rest/api/2/user/search")]
    Task<IReadOnlyList<JiraUser>> SearchUsersAsync(string query, CancellationToken cancellationToken = default);

    /// <summary>Data Center: matches username, name or email; people are then named by <c>name</c>.</summary>
    [Get("/rest/api/2/user/search")]
    Task<IReadOnlyList<JiraUser>> SearchUsersByUsernameAsync(string username, CancellationToken cancellationToken = default);

    /// <summary>The issue types the bot may create in the project (Cloud: <c>issueTypes</c>; Data Center: <c>values</c>).</summary>
    [Get("/rest/api/2/issue/createmeta/{project}/issuetypes")]
    Task<JiraCreateMetaIssueTypes> GetCreateMetaIssueTypesAsync(string project, int startAt = 0, int maxResults = 100, CancellationToken cancellationToken = default);

    /// <summary>The create screen's fields of one issue type, with allowed values (Cloud: <c>fields</c>; Data Center: <c>values</c>).</summary>
    [Get("/rest/api/2/issue/createmeta/{project}/issuetypes/{issueTypeId}")]
    Task<JiraCreateMetaFields> GetCreateMetaFieldsAsync(string project, string issueTypeId, int startAt = 0, int maxResults = 100, CancellationToken cancellationToken = default);

    /// <summary>Links two issues (201, no body), e.g. <c>Duplicate</c>: the inward issue duplicates the outward one.</summary>
    [Post("/rest/api/2/issueLink")]
    Task LinkIssuesAsync([Body] JiraIssueLinkRequest request, CancellationToken cancellationToken = default);

    /// <summary>Only the transitions valid from the issue's current status, with the fields their screens ask for.</summary>
    [Get("/rest/api/2/issue/{key}/transitions?expand=transitions.fields")]
    Task<JiraTransitionList> GetTransitionsAsync(string key, CancellationToken cancellationToken = default);

    [Post("/rest/api/2/issue/{key}/transitions")]
    Task TransitionAsync(string key, [Body] JiraTransitionRequest request, CancellationToken cancellationToken = default);

    [Post("/rest/api/2/issue/{key}/comment")]
    Task<JiraComment> AddCommentAsync(string key, [Body] JiraCommentRequest request, CancellationToken cancellationToken = default);

    /// <summary>The newest comments first (to find one whose create answer was lost).</summary>
    [Get("/rest/api/2/issue/{key}/comment?orderBy=-created&maxResults=50")]
    Task<JiraCommentPage> GetCommentsAsync(string key, CancellationToken cancellationToken = default);
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
    public JiraUserRef? Assignee { get; init; }
    public IReadOnlyList<string>? Labels { get; init; }
    public JiraIdRef? Security { get; init; }
}

public sealed record JiraKeyRef(string Key);

public sealed record JiraNameRef(string Name);

public sealed record JiraIdRef(string Id);

/// <summary>A person: Cloud names them by <c>accountId</c> only, Data Center by <c>name</c>.</summary>
public sealed record JiraUserRef
{
    public string? AccountId { get; init; }
    public string? Name { get; init; }
}

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
    /// <summary>Cloud only.</summary>
    public string? AccountId { get; init; }

    /// <summary>Data Center only: the username.</summary>
    public string? Name { get; init; }

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

public sealed record JiraCommentPage
{
    public IReadOnlyList<JiraComment>? Comments { get; init; }
}

public sealed record JiraIssueLinkRequest(JiraNameRef Type, JiraKeyRef InwardIssue, JiraKeyRef OutwardIssue);

public sealed record JiraCreateMetaIssueTypes
{
    public IReadOnlyList<JiraNamedValue>? IssueTypes { get; init; }
    public IReadOnlyList<JiraNamedValue>? Values { get; init; }
    public int Total { get; init; }

    public IReadOnlyList<JiraNamedValue> All => IssueTypes ?? Values ?? [];
}

public sealed record JiraCreateMetaFields
{
    public IReadOnlyList<JiraCreateMetaField>? Fields { get; init; }
    public IReadOnlyList<JiraCreateMetaField>? Values { get; init; }
    public int Total { get; init; }

    public IReadOnlyList<JiraCreateMetaField> All => Fields ?? Values ?? [];
}

public sealed record JiraCreateMetaField
{
    public string? FieldId { get; init; }
    public string? Key { get; init; }
    public bool Required { get; init; }
    public IReadOnlyList<JiraNamedValue>? AllowedValues { get; init; }
}
