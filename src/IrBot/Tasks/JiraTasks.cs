using IrBot.SlackApp;
using System.Net;
using IrBot.Incidents;
using IrBot.Integrations.Jira;
using IrBot.Slack.WebApi;
using Microsoft.Extensions.Options;
using IrBot.Integrations;

namespace IrBot.Tasks;

/// <summary>What tasks do in Jira: create the issue (once), move it, comment on it.</summary>
public sealed class JiraTasks(IJiraApi jira, JiraUsers users, UserDirectory slackUsers, IOptions<JiraOptions> options, ILogger<JiraTasks> logger)
{
    public bool Enabled => options.Value.Enabled;

    /// <summary>The label that finds this task's issue again (after a create that timed out).</summary>
    public static string TaskLabel(IncidentTask task) => "irbot-" + task.ShortId.ToLowerInvariant();

    public static string ChannelLabel(Incident incident) =>
        incident.ChannelName ?? $"incident-{incident.Number}";

    /// <summary>Finds an issue an earlier attempt may have created: the first made, if several.</summary>
    public async Task<string?> FindAsync(IncidentTask task, CancellationToken cancellationToken)
    {
        var found = await FindAllAsync(task, cancellationToken);
        return found.Count > 0 ? found[0] : null;
    }

    /// <summary>Every issue labelled for the task, oldest first.</summary>
    public async Task<IReadOnlyList<string>> FindAllAsync(IncidentTask task, CancellationToken cancellationToken)
    {
        var found = await jira.SearchIssuesAsync(
            options.Value,
            $"project = \"{options.Value.ProjectKey}\" AND labels = \"{TaskLabel(task)}\" ORDER BY created ASC",
            10,
            cancellationToken);
        return found.Issues.Select(i => i.Key).ToList();
    }

    /// <summary>Creates the issue; returns its key and whether the owner could be assigned.</summary>
    public async Task<(string Key, bool Assigned)> CreateAsync(IncidentTask task, Incident incident, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var assignee = await OwnerAsync(task.OwnerId, cancellationToken);
        var description = (task.Description ?? string.Empty)
            + $"\n\nIncident {incident.Number}: {incident.Title} (Slack channel #{incident.ChannelName}). Task {task.ShortId}, created by IR Bot.";
        var created = await jira.CreateIssueAsync(
            new JiraCreateIssue
            {
                Fields = new JiraIssueFields
                {
                    Project = new JiraKeyRef(o.ProjectKey!),
                    IssueType = new JiraNameRef(o.IssueType),
                    Summary = Summary(task, incident),
                    Description = description.Trim().Length > 32_000 ? description.Trim()[..32_000] : description.Trim(),
                    Priority = JiraPriorityRef.From(o.PriorityFor(task.Criticality)),
                    Assignee = assignee,
                    Labels = [ChannelLabel(incident), TaskLabel(task)],
                    Security = string.IsNullOrWhiteSpace(o.SecurityLevelId) ? null : new JiraIdRef(o.SecurityLevelId.Trim()),
                },
            },
            cancellationToken);
        return (created.Key, assignee is not null);
    }

    public static string Summary(IncidentTask task, Incident incident)
    {
        var summary = $"Incident {incident.Number} {task.ShortId}: {task.Title}";
        return summary.Length > 250 ? summary[..250] : summary;
    }

    /// <summary>Moves the issue by the configured transition; false when no such transition is available now.</summary>
    public async Task<bool> TransitionAsync(string key, bool done, CancellationToken cancellationToken)
    {
        var wanted = done ? options.Value.DoneTransition : options.Value.InProgressTransition;
        var category = done ? "done" : "indeterminate";
        var transitions = (await jira.GetTransitionsAsync(key, cancellationToken)).Transitions;
        var match = transitions.FirstOrDefault(t => string.Equals(t.To?.Name, wanted, StringComparison.OrdinalIgnoreCase))
            ?? transitions.FirstOrDefault(t => string.Equals(t.Name, wanted, StringComparison.OrdinalIgnoreCase))
            ?? transitions.FirstOrDefault(t => string.Equals(t.To?.StatusCategory?.Key, category, StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            // Already there, or the workflow has no such step from here: nothing to do.
            logger.LogInformation("Jira issue {Key} has no transition to {Wanted} from its current status", key, wanted);
            return false;
        }

        await jira.TransitionAsync(key, new JiraTransitionRequest(new JiraIdRef(match.Id), RequiredResolution(match)), cancellationToken);
        return true;
    }

    /// <summary>
    /// A Done transition whose screen requires a resolution gets one ("Done", else "Fixed", else the first
    /// allowed); other screen fields are left to the project's defaults.
    /// </summary>
    internal static IReadOnlyDictionary<string, JiraNamedValue>? RequiredResolution(JiraTransition transition, string? preferred = null)
    {
        if (transition.Fields?.GetValueOrDefault("resolution") is not { Required: true } field)
        {
            return null;
        }

        var allowed = field.AllowedValues ?? [];
        var choice = allowed.FirstOrDefault(v => preferred is not null && string.Equals(v.Name, preferred, StringComparison.OrdinalIgnoreCase))
            ?? allowed.FirstOrDefault(v => string.Equals(v.Name, "Done", StringComparison.OrdinalIgnoreCase))
            ?? allowed.FirstOrDefault(v => string.Equals(v.Name, "Fixed", StringComparison.OrdinalIgnoreCase))
            ?? (allowed.Count > 0 ? allowed[0] : null);
        var value = choice?.Id is { } id ? new JiraNamedValue { Id = id } : new JiraNamedValue { Name = choice?.Name ?? "Done" };
        return new Dictionary<string, JiraNamedValue> { ["resolution"] = value };
    }

    /// <summary>How long after a create whose answer was lost search may still not show its issue.</summary>
    public TimeSpan LostCreateSearchWindow => TimeSpan.FromSeconds(options.Value.LostCreateSearchSeconds);

    /// <summary>Links the duplicate to the first ("duplicates"), says why, and closes it (resolution Duplicate when the screen asks for one).</summary>
    public async Task ResolveAsDuplicateAsync(string duplicate, string first, CancellationToken cancellationToken)
    {
        await jira.LinkIssuesAsync(new JiraIssueLinkRequest(new JiraNameRef("Duplicate"), new JiraKeyRef(duplicate), new JiraKeyRef(first)), cancellationToken);
        await CommentAsync(duplicate, $"Created twice by IR Bot after a lost answer from Jira; {first} is the task's issue.", cancellationToken);
        var transitions = (await jira.GetTransitionsAsync(duplicate, cancellationToken)).Transitions;
        var done = transitions.FirstOrDefault(t => string.Equals(t.To?.StatusCategory?.Key, "done", StringComparison.OrdinalIgnoreCase));
        if (done is not null)
        {
            await jira.TransitionAsync(duplicate, new JiraTransitionRequest(new JiraIdRef(done.Id), RequiredResolution(done, "Duplicate")), cancellationToken);
        }
    }

    public Task CommentAsync(string key, string text, CancellationToken cancellationToken) =>
        jira.AddCommentAsync(key, new JiraCommentRequest(text.Length > 32_000 ? text[..32_000] : text), cancellationToken);

    /// <summary>
    /// Comments unless an earlier try whose answer was lost already did: Jira has no idempotency key, so when
    /// <paramref name="triedBefore"/> the newest comments are searched for <paramref name="marker"/> first.
    /// </summary>
    public async Task CommentOnceAsync(string key, string text, string marker, bool triedBefore, CancellationToken cancellationToken)
    {
        if (triedBefore && marker.Length > 0
            && (await jira.GetCommentsAsync(key, cancellationToken)).Comments?.Any(c => c.Body?.Contains(marker, StringComparison.Ordinal) == true) == true)
        {
            return;
        }

        await CommentAsync(key, text, cancellationToken);
    }

    public string IssueUrl(string key) => options.Value.IssueUrl(key);

    private async Task<JiraUserRef?> OwnerAsync(string slackUserId, CancellationToken cancellationToken)
    {
        try
        {
            var user = await slackUsers.FindAsync(slackUserId, cancellationToken);
            var email = user?.Profile?.Email;
            return string.IsNullOrWhiteSpace(email) ? null : await users.FindByEmailAsync(email, cancellationToken);
        }
        catch (SlackApiException ex)
        {
            logger.LogWarning("Could not read Slack user {UserId} to assign the Jira issue: {Error}", slackUserId, ex.Error);
            return null;
        }
        catch (Refit.ApiException ex) when (!ErrorClassifier.IsTransient(ex))
        {
            // No permission to browse users, say: create the issue unassigned rather than not at all.
            logger.LogWarning("Jira user search failed for {UserId}: HTTP {Status}", slackUserId, (int)ex.StatusCode);
            return null;
        }
    }
}
