using System.Text.Json;

namespace IrBot.Slack.Payloads;

/// <summary>Values of <see cref="InteractionPayload.Type"/>.</summary>
public static class InteractionTypes
{
    public const string BlockActions = "block_actions";
    public const string ViewSubmission = "view_submission";
    public const string ViewClosed = "view_closed";
    public const string Shortcut = "shortcut";
    public const string MessageAction = "message_action";

    /// <summary>An external select asks for options; the app answers with them in the HTTP response.</summary>
    public const string BlockSuggestion = "block_suggestion";
}

/// <summary>
/// The JSON in the <c>payload</c> form field of an interactivity request. One flat shape for every
/// <c>type</c>: fields a type does not carry are null (modal actions have no channel or response_url,
/// ephemeral sources have no message, global shortcuts have neither).
/// </summary>
public sealed record InteractionPayload
{
    public required string Type { get; init; }
    public SlackUserRef? User { get; init; }
    public SlackChannelRef? Channel { get; init; }
    public string? TriggerId { get; init; }
    public string? ResponseUrl { get; init; }
    public string? CallbackId { get; init; }
    public string? ActionTs { get; init; }
    public string? MessageTs { get; init; }
    public InteractionContainer? Container { get; init; }
    public IReadOnlyList<BlockAction>? Actions { get; init; }
    public ViewPayload? View { get; init; }
    public SlackMessage? Message { get; init; }

    /// <summary>block_suggestion: the external select asking, and what the person has typed so far.</summary>
    public string? ActionId { get; init; }
    public string? BlockId { get; init; }
    public string? Value { get; init; }

    public static InteractionPayload? Parse(string json) =>
        JsonSerializer.Deserialize<InteractionPayload>(json, SlackJson.Options);
}

public sealed record SlackUserRef
{
    public required string Id { get; init; }
    public string? Username { get; init; }
    public string? Name { get; init; }
    public string? TeamId { get; init; }
}

public sealed record SlackChannelRef
{
    public required string Id { get; init; }
    public string? Name { get; init; }
}

public sealed record InteractionContainer
{
    public string? Type { get; init; }
    public string? MessageTs { get; init; }
    public string? ChannelId { get; init; }
    public bool? IsEphemeral { get; init; }
    public string? ViewId { get; init; }
}

/// <summary>One element of <c>actions[]</c> in block_actions.</summary>
public sealed record BlockAction
{
    public string? Type { get; init; }
    public required string ActionId { get; init; }
    public string? BlockId { get; init; }
    public string? ActionTs { get; init; }
    public string? Value { get; init; }
    public SelectedOption? SelectedOption { get; init; }
    public string? SelectedUser { get; init; }
}

public sealed record SelectedOption
{
    public JsonElement? Text { get; init; }
    public string? Value { get; init; }
}

/// <summary>The view in view_submission / view_closed / modal block_actions.</summary>
public sealed record ViewPayload
{
    public string? Id { get; init; }
    public string? Type { get; init; }
    public string? CallbackId { get; init; }
    public string? PrivateMetadata { get; init; }
    public ViewState? State { get; init; }
}

public sealed record ViewState
{
    /// <summary><c>{ block_id: { action_id: value } }</c></summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, StateValue>>? Values { get; init; }

    /// <summary>The value of the input with this block and action id, or null when absent.</summary>
    public StateValue? Get(string blockId, string actionId) =>
        Values is not null && Values.TryGetValue(blockId, out var actions) && actions.TryGetValue(actionId, out var value)
            ? value
            : null;
}

/// <summary>An input's state; which member is set depends on the element type.</summary>
public sealed record StateValue
{
    public string? Type { get; init; }
    public string? Value { get; init; }
    public SelectedOption? SelectedOption { get; init; }
    public IReadOnlyList<SelectedOption>? SelectedOptions { get; init; }
    public string? SelectedUser { get; init; }
    public IReadOnlyList<string>? SelectedUsers { get; init; }
    public string? SelectedConversation { get; init; }
    public IReadOnlyList<string>? SelectedConversations { get; init; }
    public string? SelectedChannel { get; init; }
    public IReadOnlyList<string>? SelectedChannels { get; init; }
    public string? SelectedDate { get; init; }
    public string? SelectedTime { get; init; }
    public long? SelectedDateTime { get; init; }
    public JsonElement? RichTextValue { get; init; }
    /// <summary>A file_input's uploaded files.</summary>
    public IReadOnlyList<SlackFile>? Files { get; init; }
}

/// <summary>A file object (<see href="https://api.slack.com/types/file"/>): <see cref="UrlPrivate"/> needs the bot token.</summary>
public sealed record SlackFile
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? Filetype { get; init; }
    public long? Size { get; init; }
    public string? UrlPrivate { get; init; }
    public string? UrlPrivateDownload { get; init; }
}
