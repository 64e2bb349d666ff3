namespace IrBot.Tasks;

/// <summary>The <c>Tasks</c> section.</summary>
public sealed class TaskOptions
{
    public const string Section = "Tasks";

    /// <summary>How long to wait before trying Jira again while it is down.</summary>
    public int JiraRetrySeconds { get; set; } = 60;

    public TimeSpan JiraRetry => TimeSpan.FromSeconds(Math.Max(1, JiraRetrySeconds));
}
