using System.Text.Json;

namespace IrBot.Slack.SocketMode;

/// <summary>The acknowledgement of an envelope: <c>{"envelope_id": "…", "payload": {…}}</c>, the payload only where Slack accepts one.</summary>
public sealed record SocketModeAck
{
    public required string EnvelopeId { get; init; }

    /// <summary>What the HTTP response body would have been (an ephemeral reply, <c>response_action</c>, options).</summary>
    public object? Payload { get; init; }

    public byte[] ToUtf8Json() => JsonSerializer.SerializeToUtf8Bytes(this, SlackJson.Options);
}
