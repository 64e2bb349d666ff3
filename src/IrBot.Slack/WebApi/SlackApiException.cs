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
}
