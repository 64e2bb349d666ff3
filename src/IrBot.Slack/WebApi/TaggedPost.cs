using System.Text.Json;

namespace IrBot.Slack.WebApi;

/// <summary>
/// Posts a message at most once across lost answers, crashes and retries: the message carries message metadata (the tag),
/// and before posting the conversation's recent history is searched for a message with that exact tag; a thread reply
/// (<see cref="ChatMessage.ThreadTs"/>) is searched for in its thread (conversations.replies), which history does not
/// show. Reading a DM's history needs <c>im:history</c>, a public channel's <c>channels:history</c>, a private one's
/// <c>groups:history</c>.
/// </summary>
public static class TaggedPost
{
    /// <summary>How far back a retry looks: a resumed job comes back within minutes, long before 100 newer messages.</summary>
    public const int HistoryDepth = 100;

    /// <summary>How many replies of a thread one page brings (Slack recommends at most 200).</summary>
    public const int ThreadPage = 200;

    /// <summary>How many pages of a thread are read at most: a task's thread of a thousand replies is read whole.</summary>
    public const int ThreadPages = 5;

    /// <summary>
    /// Posts <paramref name="message"/> tagged <paramref name="tag"/> unless such a message is already there; answers where the
    /// message is (found or posted). With <paramref name="lookFirst"/> false the history is not read: for a caller that knows
    /// it has never tried this post before (it saved that it was about to), so the usual path costs no history call.
    /// </summary>
    public static async Task<TaggedPostResult> PostOnceAsync(
        ISlackChatApi chat, ISlackConversationsApi conversations, ChatMessage message, MessageMetadata tag, CancellationToken cancellationToken, bool lookFirst = true)
    {
        if (lookFirst && await FindAsync(conversations, message.Channel, tag, cancellationToken, message.ThreadTs) is { } ts)
        {
            return new TaggedPostResult(message.Channel, ts, Found: true);
        }

        var posted = await chat.PostMessageAsync(message with { Metadata = tag }, cancellationToken);
        return new TaggedPostResult(posted.Channel ?? message.Channel, posted.Ts, Found: false);
    }

    /// <summary>
    /// The ts of the newest message in <paramref name="channel"/>'s recent history tagged exactly <paramref name="tag"/>, if any;
    /// with <paramref name="threadTs"/>, of the newest reply so tagged in that thread.
    /// </summary>
    public static async Task<string?> FindAsync(
        ISlackConversationsApi conversations, string channel, MessageMetadata tag, CancellationToken cancellationToken, string? threadTs = null)
    {
        if (threadTs is not null)
        {
            return await FindInThreadAsync(conversations, channel, threadTs, tag, cancellationToken);
        }

        var history = await conversations.HistoryAsync(
            new ReadConversationHistory { Channel = channel, Limit = HistoryDepth, IncludeAllMetadata = true },
            cancellationToken);
        return history.Messages?.FirstOrDefault(m => Matches(m.Metadata, tag))?.Ts;
    }

    /// <summary>The newest reply tagged <paramref name="tag"/> in the thread of <paramref name="threadTs"/>: pages come oldest first, so all are read.</summary>
    private static async Task<string?> FindInThreadAsync(
        ISlackConversationsApi conversations, string channel, string threadTs, MessageMetadata tag, CancellationToken cancellationToken)
    {
        string? found = null;
        string? cursor = null;
        for (var page = 0; page < ThreadPages; page++)
        {
            HistoryResponse replies;
            try
            {
                replies = await conversations.RepliesAsync(
                    new ReadConversationReplies { Channel = channel, Ts = threadTs, Cursor = cursor, Limit = ThreadPage, IncludeAllMetadata = true },
                    cancellationToken);
            }
            catch (SlackApiException ex) when (ex.Error == "thread_not_found")
            {
                // No such parent: nothing can have been posted under it; the post itself will say what is wrong.
                return null;
            }

            found = replies.Messages?.LastOrDefault(m => m.Ts != threadTs && Matches(m.Metadata, tag))?.Ts ?? found;
            cursor = replies.ResponseMetadata?.NextCursor;
            if (string.IsNullOrEmpty(cursor))
            {
                break;
            }
        }

        return found;
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
