using IrBot.Slack.BlockKit;

namespace IrBot.Slack.WebApi;

/// <summary>chat.postMessage / chat.update body. Always send <see cref="Text"/> with blocks (notification fallback).</summary>
public sealed record ChatMessage
{
    public required string Channel { get; init; }
    public required string Text { get; init; }
    public IReadOnlyList<Block>? Blocks { get; init; }
    public string? ThreadTs { get; init; }
    /// <summary>For chat.update: the message to replace.</summary>
    public string? Ts { get; init; }
    public MessageMetadata? Metadata { get; init; }
}

/// <summary>
/// Message metadata (<c>event_type</c> + <c>event_payload</c>) as we write it; we tag our own posts so that a
/// resumed job can find a message it posted before a crash instead of posting it again. Read back as
/// <see cref="SlackMessageMetadata"/>.
/// </summary>
public sealed record MessageMetadata
{
    public required string EventType { get; init; }
    public required IReadOnlyDictionary<string, string> EventPayload { get; init; }
}

/// <summary>chat.postEphemeral body.</summary>
public sealed record EphemeralMessage
{
    public required string Channel { get; init; }
    public required string User { get; init; }
    public required string Text { get; init; }
    public IReadOnlyList<Block>? Blocks { get; init; }
    public string? ThreadTs { get; init; }
}

/// <summary>The answer of chat.postMessage / chat.postEphemeral / chat.update.</summary>
public sealed record MessageResponse : SlackResponse
{
    public string? Channel { get; init; }
    public string? Ts { get; init; }
}
