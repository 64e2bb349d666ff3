using System.Text.Json;

namespace IrBot.Slack.Payloads;

/// <summary>
/// An Events API body: either <c>url_verification</c> (a <see cref="Challenge"/>, no event) or
/// <c>event_callback</c> with the inner <see cref="Event"/>. <see cref="EventId"/> is the same across retries.
/// </summary>
public sealed record EventEnvelope
{
    public required string Type { get; init; }
    public string? Challenge { get; init; }
    public string? TeamId { get; init; }
    public string? EventId { get; init; }
    public long? EventTime { get; init; }
    public SlackEvent? Event { get; init; }
    public IReadOnlyList<EventAuthorization>? Authorizations { get; init; }

    public const string UrlVerification = "url_verification";
    public const string EventCallback = "event_callback";

    public static EventEnvelope? Parse(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<EventEnvelope>(json, SlackJson.Options);
}

public sealed record EventAuthorization
{
    public string? TeamId { get; init; }
    public string? UserId { get; init; }
    public bool? IsBot { get; init; }
}

/// <summary>
/// The inner event, flat: the fields IR Bot reads of the event types the app manifest subscribes to
/// (<c>member_joined_channel</c>, <c>member_left_channel</c>, <c>channel_archive</c>, <c>group_archive</c>, <c>message</c>).
/// </summary>
public sealed record SlackEvent
{
    public required string Type { get; init; }
    /// <summary>Who joined, left or archived.</summary>
    public string? User { get; init; }
    public string? Channel { get; init; }
    /// <summary>member_joined_channel: who added them; missing or empty when they joined by themselves.</summary>
    public string? Inviter { get; init; }
    public string? EventTs { get; init; }

    /// <summary>message: the text, its ts (its id in the channel), and the workspace it was written in.</summary>
    public string? Text { get; init; }
    public string? Ts { get; init; }
    public string? Team { get; init; }
    /// <summary>message: set on edits, deletions, joins, bot messages and other non-plain messages.</summary>
    public string? Subtype { get; init; }
    /// <summary>message: set when an app or integration wrote it.</summary>
    public string? BotId { get; init; }
}
