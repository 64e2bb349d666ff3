namespace IrBot.Tasks;

/// <summary>The <c>Tasks</c> section.</summary>
public sealed class TaskOptions
{
    public const string Section = "Tasks";

    /// <summary>How long to wait before trying Jira again while it is down.</summary>
    public int JiraRetrySeconds { get; set; } = 60;

    /// <summary>
    /// How many task reminders are on their way to Slack at once, each to a different owner's DM. Slack takes about one
    /// message a second per DM and several hundred a minute in all; a few senders keep the workspace's pace while one
    /// owner's DM waits.
    /// </summary>
    public int ReminderConcurrency { get; set; } = 8;

    public TimeSpan JiraRetry => TimeSpan.FromSeconds(Math.Max(1, JiraRetrySeconds));
}
