using System.Text.Json;
using IrBot.Slack.BlockKit;

namespace IrBot.Slack.WebApi;

/// <summary>Every Web API answer: <c>ok</c>, and on failure Slack's <c>error</c> code (HTTP 200 all the same).</summary>
public record SlackResponse
{
    public bool Ok { get; init; }
    public string? Error { get; init; }
    public string? Needed { get; init; }
    public string? Warning { get; init; }
    public ResponseMetadata? ResponseMetadata { get; init; }
}

public sealed record ResponseMetadata
{
    /// <summary>Empty, null or missing when there are no more pages.</summary>
    public string? NextCursor { get; init; }
    public IReadOnlyList<string>? Warnings { get; init; }
}

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
    public bool? UnfurlLinks { get; init; }
}

/// <summary>
/// Message metadata (<c>event_type</c> + <c>event_payload</c>); we tag our own posts so that a resumed
/// job can find a message it posted before a crash instead of posting it again.
/// </summary>
public sealed record MessageMetadata
{
    public required string EventType { get; init; }
    public required IReadOnlyDictionary<string, string> EventPayload { get; init; }
}

public sealed record EphemeralMessage
{
    public required string Channel { get; init; }
    public required string User { get; init; }
    public required string Text { get; init; }
    public IReadOnlyList<Block>? Blocks { get; init; }
    public string? ThreadTs { get; init; }
}

public sealed record MessageResponse : SlackResponse
{
    public string? Channel { get; init; }
    public string? Ts { get; init; }
    public string? MessageTs { get; init; }
}

public sealed record PermalinkResponse : SlackResponse
{
    public string? Permalink { get; init; }
}

public sealed record CreateConversation
{
    public required string Name { get; init; }
    public bool IsPrivate { get; init; }
}

public sealed record InviteToConversation
{
    public required string Channel { get; init; }
    /// <summary>Comma-separated user ids, at most 1000.</summary>
    public required string Users { get; init; }
}

public sealed record KickFromConversation
{
    public required string Channel { get; init; }
    public required string User { get; init; }
}

public sealed record SetConversationTopic
{
    public required string Channel { get; init; }
    /// <summary>At most 250 characters.</summary>
    public required string Topic { get; init; }
}

public sealed record ChannelRequest
{
    public required string Channel { get; init; }
}

public sealed record OpenConversation
{
    /// <summary>One user id for a DM.</summary>
    public required string Users { get; init; }
}

public sealed record ConversationResponse : SlackResponse
{
    public Conversation? Channel { get; init; }
}

public sealed record Conversation
{
    public required string Id { get; init; }
    public string? Name { get; init; }
    public bool? IsArchived { get; init; }
    public bool? IsPrivate { get; init; }
    public bool? IsIm { get; init; }
    public string? Creator { get; init; }
    public long? Created { get; init; }
    public ConversationTopic? Topic { get; init; }
}

public sealed record ConversationTopic
{
    public string? Value { get; init; }
}

public sealed record ConversationListResponse : SlackResponse
{
    public IReadOnlyList<Conversation>? Channels { get; init; }
}

public sealed record MembersResponse : SlackResponse
{
    public IReadOnlyList<string>? Members { get; init; }
}

public sealed record HistoryResponse : SlackResponse
{
    public IReadOnlyList<HistoryMessage>? Messages { get; init; }
    public bool? HasMore { get; init; }
}

public sealed record HistoryMessage
{
    public string? Type { get; init; }
    public string? Subtype { get; init; }
    public string? User { get; init; }
    public string? BotId { get; init; }
    public string? Text { get; init; }
    public string? Ts { get; init; }

    /// <summary>Any app's metadata: its payload values need not be strings, so it is kept as JSON.</summary>
    public HistoryMetadata? Metadata { get; init; }
}

public sealed record HistoryMetadata
{
    public string? EventType { get; init; }
    public System.Text.Json.JsonElement? EventPayload { get; init; }

    /// <summary>The string value of a payload key, or null.</summary>
    public string? Value(string key) =>
        EventPayload is { ValueKind: System.Text.Json.JsonValueKind.Object } payload
        && payload.TryGetProperty(key, out var value) && value.ValueKind == System.Text.Json.JsonValueKind.String
            ? value.GetString()
            : null;
}

public sealed record UserResponse : SlackResponse
{
    public SlackUser? User { get; init; }
}

public sealed record UsersListResponse : SlackResponse
{
    public IReadOnlyList<SlackUser>? Members { get; init; }
}

public sealed record SlackUser
{
    public required string Id { get; init; }
    public string? Name { get; init; }
    public string? RealName { get; init; }
    public bool? Deleted { get; init; }
    public bool? IsBot { get; init; }
    public bool? IsAppUser { get; init; }
    public string? Tz { get; init; }
    public UserProfile? Profile { get; init; }

    /// <summary>The name people know them by: display name, else real name, else handle.</summary>
    public string DisplayName =>
        FirstNonEmpty(Profile?.DisplayName, Profile?.RealName, RealName, Name) ?? Id;

    private static string? FirstNonEmpty(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
}

public sealed record UserProfile
{
    public string? Email { get; init; }
    public string? RealName { get; init; }
    public string? DisplayName { get; init; }
    public string? Title { get; init; }
    // The snake_case policy would read "image72"; Slack writes "image_72".
    [System.Text.Json.Serialization.JsonPropertyName("image_72")]
    public string? Image72 { get; init; }
    [System.Text.Json.Serialization.JsonPropertyName("image_192")]
    public string? Image192 { get; init; }
    /// <summary>Custom profile fields: <c>{ "Xf…": { "value", "alt" } }</c>.</summary>
    [System.Text.Json.Serialization.JsonConverter(typeof(ProfileFieldsConverter))]
    public IReadOnlyDictionary<string, ProfileField>? Fields { get; init; }
}

public sealed record ProfileField
{
    public string? Value { get; init; }
    public string? Alt { get; init; }
}

public sealed record ProfileResponse : SlackResponse
{
    public UserProfile? Profile { get; init; }
}

public sealed record UserGroupUsersResponse : SlackResponse
{
    public IReadOnlyList<string>? Users { get; init; }
}

public sealed record OpenView
{
    public required string TriggerId { get; init; }
    public required ModalView View { get; init; }
}

public sealed record UpdateView
{
    public required string ViewId { get; init; }
    public string? Hash { get; init; }
    public required ModalView View { get; init; }
}

public sealed record ViewResponse : SlackResponse
{
    public ViewInfo? View { get; init; }
}

public sealed record ViewInfo
{
    public string? Id { get; init; }
    public string? Hash { get; init; }
}

public sealed record AuthTestResponse : SlackResponse
{
    public string? UserId { get; init; }
    public string? BotId { get; init; }
    public string? TeamId { get; init; }
    public string? Team { get; init; }
}

/// <summary>The body posted to a <c>response_url</c>.</summary>
public sealed record ResponseUrlMessage
{
    public required string Text { get; init; }
    public IReadOnlyList<Block>? Blocks { get; init; }
    /// <summary><c>ephemeral</c> (default) or <c>in_channel</c>.</summary>
    public string? ResponseType { get; init; }
    public bool? ReplaceOriginal { get; init; }
    public bool? DeleteOriginal { get; init; }

    public static ResponseUrlMessage Ephemeral(string text, IReadOnlyList<Block>? blocks = null) =>
        new() { Text = text, Blocks = blocks, ResponseType = "ephemeral" };
}

internal static class SlackJsonExtensions
{
    public static string ToJson<T>(this T value) => JsonSerializer.Serialize(value, SlackJson.Options);
}

/// <summary>
/// Slack sends <c>profile.fields</c> as an object keyed by field id, but as <c>[]</c> (or null) when a
/// profile has none: read both as a dictionary.
/// </summary>
internal sealed class ProfileFieldsConverter : System.Text.Json.Serialization.JsonConverter<IReadOnlyDictionary<string, ProfileField>>
{
    public override IReadOnlyDictionary<string, ProfileField>? Read(ref System.Text.Json.Utf8JsonReader reader, Type typeToConvert, System.Text.Json.JsonSerializerOptions options)
    {
        if (reader.TokenType == System.Text.Json.JsonTokenType.StartArray)
        {
            reader.Skip();
            return new Dictionary<string, ProfileField>();
        }

        return System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, ProfileField>>(ref reader, options);
    }

    public override void Write(System.Text.Json.Utf8JsonWriter writer, IReadOnlyDictionary<string, ProfileField> value, System.Text.Json.JsonSerializerOptions options) =>
        System.Text.Json.JsonSerializer.Serialize(writer, value, options);
}
