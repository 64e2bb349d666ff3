using System.Text.Json;

namespace IrBot.Slack.WebApi;

/// <summary>
/// Posts a message at most once across lost answers, crashes and retries: the message carries message metadata (the tag),
/// and before posting the conversation's recent history is searched for a message with that exact tag. Reading a DM's
/// history needs <c>im:history</c>, a public channel's <c>channels:history</c>, a private one's <c>groups:history</c>.
/// </summary>
public static class TaggedPost
{
    /// <summary>How far back a retry looks: a resumed job comes back within minutes, long before 100 newer messages.</summary>
    public const int HistoryDepth = 100;

    /// <summary>
    /// Posts <paramref name="message"/> tagged <paramref name="tag"/> unless such a message is already there; answers where the
    /// message is (found or posted). With <paramref name="lookFirst"/> false the history is not read: for a caller that knows
    /// it has never tried this post before (it saved that it was about to), so the usual path costs no history call.
    /// </summary>
    public static async Task<TaggedPostResult> PostOnceAsync(
        ISlackChatApi chat, ISlackConversationsApi conversations, ChatMessage message, MessageMetadata tag, CancellationToken cancellationToken, bool lookFirst = true)
    {
        if (lookFirst && await FindAsync(conversations, message.Channel, tag, cancellationToken) is { } ts)
        {
            return new TaggedPostResult(message.Channel, ts, Found: true);
        }

        var posted = await chat.PostMessageAsync(message with { Metadata = tag }, cancellationToken);
        return new TaggedPostResult(posted.Channel ?? message.Channel, posted.Ts, Found: false);
    }

    /// <summary>The ts of the newest message in <paramref name="channel"/>'s recent history tagged exactly <paramref name="tag"/>, if any.</summary>
    public static async Task<string?> FindAsync(ISlackConversationsApi conversations, string channel, MessageMetadata tag, CancellationToken cancellationToken)
    {
        var history = await conversations.HistoryAsync(
            new ReadConversationHistory { Channel = channel, Limit = HistoryDepth, IncludeAllMetadata = true },
            cancellationToken);
        return history.Messages?.FirstOrDefault(m => Matches(m.Metadata, tag))?.Ts;
    }

    /// <summary>Same event type and the same payload, key for key (a tag without a key does not match one with it).</summary>
    public static bool Matches(SlackMessageMetadata? found, MessageMetadata tag)
    {
        if (found?.EventType != tag.EventType)
        {
            return false;
        }

        var count = found.EventPayload is { ValueKind: JsonValueKind.Object } payload ? payload.EnumerateObject().Count() : 0;
        return count == tag.EventPayload.Count && tag.EventPayload.All(kv => found.Value(kv.Key) == kv.Value);
    }
}

/// <summary>Where a tagged message is, and whether it was already there (posted by an earlier try) rather than posted now.</summary>
public sealed record TaggedPostResult(string Channel, string? Ts, bool Found);
