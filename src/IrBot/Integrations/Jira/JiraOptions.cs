using Microsoft.Extensions.Options;

namespace IrBot.Integrations.Jira;

/// <summary>The <c>Jira</c> section. An empty <see cref="BaseUrl"/> turns the integration off.</summary>
public sealed class JiraOptions : IIntegrationOptions
{
    public const string Section = "Jira";

    /// <summary>The site, e.g. <c>https://example.atlassian.net</c> (paths add <c>/rest/api/2/…</c>).</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Cloud (email + API token, accountId, <c>search/jql</c>) or Data Center (personal access token, username, <c>search</c>).</summary>
    public JiraDeployment Deployment { get; set; } = JiraDeployment.Cloud;

    /// <summary>Cloud only: the account the API token belongs to.</summary>
    public string? Email { get; set; }

    /// <summary>Cloud: an API token (Basic email:token). Data Center: a personal access token (Bearer).</summary>
    public string? ApiToken { get; set; }
    public string? ProjectKey { get; set; }
    public string IssueType { get; set; } = "Task";

    /// <summary>Issue security level id for restrictive permissions; empty = none.</summary>
    public string? SecurityLevelId { get; set; }

    /// <summary>Jira priority (name, or id when numeric) by key; Tasks reads it by task criticality.</summary>
    public Dictionary<string, string> Priorities { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The transition (or target status) that starts work on an issue.</summary>
    public string InProgressTransition { get; set; } = "In Progress";

    /// <summary>The transition (or target status) that finishes an issue.</summary>
    public string DoneTransition { get; set; } = "Done";

    /// <summary>How long an email → Jira account mapping is trusted.</summary>
    public int UserCacheHours { get; set; } = 24;

    /// <summary>
    /// After a create whose answer was lost, how long to keep searching for the issue by its label before
    /// creating it again: Jira's search is eventually consistent and may not show a new issue at once.
    /// </summary>
    public int LostCreateSearchSeconds { get; set; } = 30;

    /// <summary>How long start-up waits for Jira to answer the configuration check before going on and checking in the background.</summary>
    public int StartupCheckSeconds { get; set; } = 15;

    /// <summary>How often the background configuration check tries again while Jira is unreachable.</summary>
    public int SetupCheckRetrySeconds { get; set; } = 60;

    public bool IsDataCenter => Deployment == JiraDeployment.DataCenter;

    public bool Enabled => !string.IsNullOrWhiteSpace(BaseUrl);

    public string IssueUrl(string key) => $"{BaseUrl!.TrimEnd('/')}/browse/{key}";

    /// <summary>A browser link to the open issues labelled for one incident channel.</summary>
    public string OpenIssuesUrl(string label) =>
        $"{BaseUrl!.TrimEnd('/')}/issues/?jql=" + Uri.EscapeDataString($"labels = \"{label}\" AND statusCategory != Done ORDER BY created ASC");
}
