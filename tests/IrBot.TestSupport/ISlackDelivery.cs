namespace IrBot.TestSupport;

/// <summary>
/// How Slack hands IR Bot what people do: signed HTTP requests (<see cref="HttpSlackDelivery"/>) or envelopes over
/// Socket Mode (<see cref="SocketModeSlackDelivery"/>). A test written against this runs unchanged in both modes.
/// </summary>
public interface ISlackDelivery
{
    /// <summary>"HTTP" or "Socket Mode", for messages.</summary>
    string Mode { get; }

    /// <summary>A slash command (the fields of the enterprise fixture with ours put in) and what IR Bot answered.</summary>
    Task<SlackAnswer> SendCommandAsync(string command, string text, string userId, string channelId);

    /// <summary>An interactivity payload (the decoded JSON of the <c>payload</c> field) and what IR Bot answered.</summary>
    Task<SlackAnswer> SendInteractionAsync(string payloadJson);

    /// <summary>
    /// An Events API body; <paramref name="retryAttempt"/> above 0 sends it again as Slack's retry does
    /// (<c>X-Slack-Retry-Num</c> over HTTP, a new envelope with <c>retry_attempt</c> over Socket Mode).
    /// </summary>
    Task<SlackAnswer> SendEventAsync(string eventJson, int retryAttempt = 0);
}
