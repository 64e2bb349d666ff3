namespace IrBot.SlackApp;

/// <summary>
/// What Slack sent, as it came: the verified body of an HTTP request, or a Socket Mode envelope's payload.
/// Only the encoding differs: HTTP commands and interactivity are forms, the rest JSON.
/// </summary>
public sealed record SlackPayload
{
    public required ReadOnlyMemory<byte> Body { get; init; }

    /// <summary><c>application/x-www-form-urlencoded</c> (HTTP commands and interactivity); else JSON.</summary>
    public bool IsForm { get; init; }

    /// <summary>
    /// Socket Mode's <c>envelope_id</c>: the same on every delivery of one envelope (Slack sends it again, maybe
    /// over another connection, when our acknowledgement is late), so commands and interactions act once.
    /// </summary>
    public string? DeliveryId { get; init; }

    /// <summary>For the logs: <c>X-Slack-Retry-Num</c> or <c>retry_attempt</c>.</summary>
    public int? RetryAttempt { get; init; }

    /// <summary>The verified body of a request to one of the three Slack URLs.</summary>
    public static SlackPayload Http(SlackPayloadKind kind, byte[] body, int? retryAttempt) =>
        new() { Body = body, IsForm = kind != SlackPayloadKind.Event, RetryAttempt = retryAttempt };
}
