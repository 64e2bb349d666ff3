namespace IrBot.Slack.WebApi;

/// <summary>Slack answered <c>ok:false</c> (or an HTTP error); <see cref="Error"/> is Slack's code, e.g. <c>name_taken</c>.</summary>
public sealed class SlackApiException : Exception
{
    public SlackApiException(string method, string error, string? needed = null)
        : base($"Slack {method} failed: {error}{(needed is null ? string.Empty : $" (needs {needed})")}")
    {
        Method = method;
        Error = error;
        Needed = needed;
    }

    public SlackApiException()
        : this("unknown", "unknown_error")
    {
    }

    public SlackApiException(string message)
        : this("unknown", message)
    {
    }

    public SlackApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Method = "unknown";
        Error = message;
    }

    public string Method { get; }
    public string Error { get; }
    public string? Needed { get; }

    /// <summary>For <c>ratelimited</c>: how long Slack asked us to wait (its <c>Retry-After</c>), when it said.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The person cannot get a DM from the bot at all (gone, hidden, a bot, DMs off): trying again would not help.</summary>
    public bool CannotReachUser =>
        Error is "user_not_found" or "user_disabled" or "cannot_dm_bot" or "user_not_visible" or "restricted_action" or "messages_tab_disabled";
}
