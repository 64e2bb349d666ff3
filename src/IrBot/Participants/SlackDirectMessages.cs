using System.Collections.Concurrent;
using IrBot.Incidents;
using IrBot.Incidents.Steps;
using IrBot.Slack.WebApi;

namespace IrBot.Participants;

public static class SlackDirectMessages
{
    /// <summary>
    /// Opens the DM with one person and posts to it once (<see cref="TaggedMessages"/>): with <paramref name="lookFirst"/>
    /// (an earlier try may have posted it) the DM's history is searched for the tag first, which needs <c>im:history</c>.
    /// </summary>
    public static async Task<TaggedPostResult> SendDirectOnceAsync(
        this ISlackConversationsApi conversations, ISlackChatApi chat, string userId, string text, Incident incident, string eventType, string occasion, bool lookFirst, CancellationToken cancellationToken)
    {
        var channel = await conversations.OpenDmAsync(userId, cancellationToken);
        return await TaggedMessages.PostOnceAsync(chat, conversations, incident, eventType, new ChatMessage { Channel = channel, Text = text }, cancellationToken, occasion, lookFirst);
    }

    /// <summary>All members of a channel, following cursors.</summary>
    public static async Task<IReadOnlyList<string>> AllMembersAsync(this ISlackConversationsApi conversations, string channelId, CancellationToken cancellationToken)
    {
        var members = new List<string>();
        string? cursor = null;
        do
        {
            var page = await conversations.MembersAsync(
                new ListConversationMembers { Channel = channelId, Limit = 200, Cursor = cursor }, cancellationToken);
            members.AddRange(page.Members ?? []);
            cursor = page.ResponseMetadata?.NextCursor;
        }
        while (!string.IsNullOrEmpty(cursor));

        return members;
    }
}
