using System.Globalization;
using IrBot.Incidents;
using IrBot.Slack.BlockKit;
using IrBot.Slack.Payloads;

namespace IrBot.Tasks;

/// <summary>The task DM (assignment, reminder, and its later states) and other task texts.</summary>
public static class TaskMessages
{
    public const string StartAction = "task_start";
    public const string CommentAction = "task_comment";
    public const string ResolveAction = "task_resolve";
    public const string ButtonsBlock = "task_buttons";

    public static string Criticality(TaskCriticality criticality) => criticality switch
    {
        TaskCriticality.Critical => ":red_circle: Critical",
        TaskCriticality.High => ":large_orange_circle: High",
        TaskCriticality.Normal => ":large_yellow_circle: Normal",
        _ => ":white_circle: Low",
    };

    public static string Jira(IncidentTask task, bool jiraEnabled) =>
        task.JiraKey is not null && task.JiraUrl is not null ? $"<{task.JiraUrl}|{task.JiraKey}>"
        : jiraEnabled ? "_being created_"
        : "_not used_";

    /// <summary>Fallback text of the DM (notifications and screen readers).</summary>
    public static string DmText(IncidentTask task, Incident incident, bool reminder) =>
        (reminder ? "Reminder: " : string.Empty)
        + $"{task.ShortId} for incident {incident.Number}: {SlackMentions.Escape(task.Title)} ({task.Criticality})"
        + (task.Status == IncidentTaskStatus.Resolved ? " — resolved" : string.Empty)
        + (reminder ? $" — {ReminderAsk}" : string.Empty);

    /// <summary>What a reminder asks of the owner (the source: "work on and close out their task").</summary>
    public const string ReminderAsk = "please work on this task and close it out (Resolve) when it is done.";

    public static IReadOnlyList<Block> Dm(IncidentTask task, Incident incident, bool jiraEnabled, bool reminder)
    {
        var channel = incident.ChannelId is null ? string.Empty : $" (<#{incident.ChannelId}>)";
        var blocks = new List<Block>
        {
            Blocks.Header((reminder ? "⏰ Reminder: " : string.Empty) + $"{task.ShortId}: {task.Title}"),
            Blocks.Section(
                (reminder ? $"This task is still open: {ReminderAsk} " : $"{SlackMentions.User(task.CreatedBy)} assigned you a task. ")
                + $"\n*Incident:* {incident.Number}: {SlackMentions.Escape(incident.Title)}{channel}"
                + $"\n*Criticality:* {Criticality(task.Criticality)}"
                + $"\n*Jira:* {Jira(task, jiraEnabled)}"),
        };
        if (!string.IsNullOrWhiteSpace(task.Description))
        {
            blocks.Add(Blocks.Section(">" + SlackMentions.Escape(task.Description).Replace("\n", "\n>", StringComparison.Ordinal)));
        }

        switch (task.Status)
        {
            case IncidentTaskStatus.Open:
                blocks.Add(Blocks.Context(":hourglass: Not started yet."));
                // A reminder offers the whole way through: start it, say where it stands, or close it out.
                blocks.Add(reminder
                    ? Blocks.Actions(
                        ButtonsBlock,
                        ButtonElement.Of(StartAction, "Start progress", Value(task)),
                        ButtonElement.Of(CommentAction, "Comment", Value(task)),
                        ButtonElement.Of(ResolveAction, "Resolve", Value(task), "primary"))
                    : Blocks.Actions(ButtonsBlock, ButtonElement.Of(StartAction, "Start progress", Value(task), "primary")));
                break;
            case IncidentTaskStatus.InProgress:
                blocks.Add(Blocks.Context($":arrow_forward: In progress since {When(task.StartedAt)}."
                    + (task.LatestComment is null ? string.Empty : $" Latest comment: {SlackMentions.Escape(task.LatestComment)}")));
                blocks.Add(Blocks.Actions(
                    ButtonsBlock,
                    ButtonElement.Of(CommentAction, "Comment", Value(task)),
                    ButtonElement.Of(ResolveAction, "Resolve", Value(task), "primary")));
                break;
            default:
                blocks.Add(Blocks.Section($":white_check_mark: *Resolved* {When(task.ResolvedAt)}."
                    + (string.IsNullOrWhiteSpace(task.Resolution) ? string.Empty : $"\n>{SlackMentions.Escape(task.Resolution)}")));
                break;
        }

        return blocks;
    }

    /// <summary>Buttons carry the task's database id.</summary>
    public static string Value(IncidentTask task) => task.Id.ToString(CultureInfo.InvariantCulture);

    public static string When(DateTime? at) =>
        at is { } t ? $"<!date^{new DateTimeOffset(t, TimeSpan.Zero).ToUnixTimeSeconds()}^{{date_short_pretty}} {{time}}|{t:yyyy-MM-dd HH:mm} UTC>" : "—";

    /// <summary>One line per task for the channel update and the admin report.</summary>
    public static string SummaryLine(IncidentTask task)
    {
        var state = task.Status == IncidentTaskStatus.InProgress
            ? $"in progress since {When(task.StartedAt)}"
            : ":warning: *NOT STARTED*";
        var comment = task.LatestComment is null ? "no comment yet" : $"latest comment: _{SlackMentions.Escape(BlockLimits.Truncate(task.LatestComment, 200))}_";
        var jira = task.JiraKey is not null && task.JiraUrl is not null ? $" (<{task.JiraUrl}|{task.JiraKey}>)" : string.Empty;
        return $"• *{task.ShortId}* {SlackMentions.Escape(task.Title)}{jira} — {SlackMentions.User(task.OwnerId)}, {task.Criticality}, {state}; {comment}";
    }

}
