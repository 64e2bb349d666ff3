using System.Text.Json;

namespace IrBot.Slack.SocketMode;

/// <summary>Values of <see cref="SocketModeEnvelope.Type"/>.</summary>
public static class SocketModeTypes
{
    /// <summary>The connection is ready; carries <c>num_connections</c> and <c>debug_info</c>.</summary>
    public const string Hello = "hello";

    /// <summary>Slack is about to close (or closes) this connection; see <see cref="DisconnectReasons"/>.</summary>
    public const string Disconnect = "disconnect";

    /// <summary>The <c>payload</c> is an Events API body (<c>event_callback</c>), as the HTTP events URL would receive it.</summary>
    public const string EventsApi = "events_api";

    /// <summary>The <c>payload</c> is a slash command's fields as a JSON object.</summary>
    public const string SlashCommands = "slash_commands";

    /// <summary>The <c>payload</c> is an interactivity payload (block_actions, view_submission, shortcuts, block_suggestion …).</summary>
    public const string Interactive = "interactive";
}

/// <summary>Values of <see cref="SocketModeEnvelope.Reason"/> on a <c>disconnect</c>.</summary>
public static class DisconnectReasons
{
    /// <summary>About 10 seconds before Slack refreshes the connection.</summary>
    public const string Warning = "warning";

    /// <summary>Slack closes the connection now (they last a few hours; minutes with <c>debug_reconnects=true</c>).</summary>
    public const string RefreshRequested = "refresh_requested";

    /// <summary>Socket Mode was turned off in the app's settings: nothing arrives until it is on again.</summary>
    public const string LinkDisabled = "link_disabled";
}

/// <summary>
/// One message Slack sends over a Socket Mode WebSocket
/// (<see href="https://api.slack.com/apis/connections/socket-implement">Socket Mode implementation</see>).
/// Everything but <c>hello</c> and <c>disconnect</c> has an <see cref="EnvelopeId"/> to acknowledge within 3 seconds;
/// Slack sends it again (<see cref="RetryAttempt"/> + 1, <see cref="RetryReason"/> <c>timeout</c>) when the
/// acknowledgement does not come, possibly over another connection of the app.
/// </summary>
public sealed record SocketModeEnvelope
{
    public required string Type { get; init; }
    public string? EnvelopeId { get; init; }

    /// <summary>What the HTTP request URL would have received (for slash commands: the form's fields as JSON).</summary>
    public JsonElement? Payload { get; init; }

    /// <summary>Whether the acknowledgement may carry a response payload (slash commands, view submissions, block suggestions).</summary>
    public bool AcceptsResponsePayload { get; init; }

    public int? RetryAttempt { get; init; }
    public string? RetryReason { get; init; }

    /// <summary>hello: how many connections the app has open, this one included.</summary>
    public int? NumConnections { get; init; }

    /// <summary>disconnect: <see cref="DisconnectReasons"/>.</summary>
    public string? Reason { get; init; }

    public SocketModeDebugInfo? DebugInfo { get; init; }

    public static SocketModeEnvelope? Parse(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<SocketModeEnvelope>(json, SlackJson.Options);
}

/// <summary>Diagnostics Slack adds to hello and disconnect.</summary>
public sealed record SocketModeDebugInfo
{
    public string? Host { get; init; }
    public int? BuildNumber { get; init; }

    /// <summary>hello: roughly how many seconds this connection will last before Slack refreshes it.</summary>
    public int? ApproximateConnectionTime { get; init; }
}
