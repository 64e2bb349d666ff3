using System.Text.Json;

namespace IrBot.Slack;

/// <summary>
/// A message object (<see href="https://api.slack.com/events/message"/>) as Slack sends it back: in
/// conversations.history and in the <c>message</c> of interaction payloads. The fields IR Bot reads.
/// </summary>
public sealed record SlackMessage
{
    public string? Type { get; init; }
    public string? Subtype { get; init; }
    /// <summary>The author; absent on classic bot messages, which carry <see cref="BotId"/> instead.</summary>
    public string? User { get; init; }
    public string? BotId { get; init; }
    public string? Text { get; init; }
    public string? Ts { get; init; }
    /// <summary>The parent's ts when the message is in a thread.</summary>
    public string? ThreadTs { get; init; }
    /// <summary>Attached files, kept as JSON: IR Bot only counts them.</summary>
    public JsonElement? Files { get; init; }
    /// <summary>Any app's metadata; ours is written as <see cref="WebApi.MessageMetadata"/>.</summary>
    public SlackMessageMetadata? Metadata { get; init; }
}

/// <summary>Message metadata as read back: any app's, so its payload values need not be strings and it is kept as JSON.</summary>
public sealed record SlackMessageMetadata
{
    public string? EventType { get; init; }
    public JsonElement? EventPayload { get; init; }

    /// <summary>The string value of a payload key, or null.</summary>
    public string? Value(string key) =>
        EventPayload is { ValueKind: JsonValueKind.Object } payload
        && payload.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
