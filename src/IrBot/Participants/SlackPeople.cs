using System.Collections.Concurrent;
using IrBot.Slack.WebApi;

namespace IrBot.Participants;

/// <summary>
/// users.info with a cache (Sumo Logic lines and the reminders ask about the same people again and again),
/// and DMs by user id.
/// </summary>
public sealed class SlackPeople(IServiceScopeFactory scopes, TimeProvider time)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromHours(6);
    private readonly ConcurrentDictionary<string, (SlackUser? User, DateTimeOffset At)> _cache = new(StringComparer.Ordinal);

    /// <summary>The user, or null when Slack does not know them (deleted, not visible). Other errors throw.</summary>
    public async Task<SlackUser?> FindAsync(string userId, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(userId, out var cached) && time.GetUtcNow() - cached.At < MaxAge)
        {
            return cached.User;
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<ISlackUsersApi>();
        SlackUser? user;
        try
        {
            user = (await users.InfoAsync(new GetUserInfo { User = userId }, cancellationToken)).User;
        }
        catch (SlackApiException ex) when (ex.Error is "user_not_found" or "user_not_visible")
        {
            user = null;
        }

        _cache[userId] = (user, time.GetUtcNow());
        return user;
    }

    public async Task<bool> IsBotAsync(string userId, CancellationToken cancellationToken)
    {
        var user = await FindAsync(userId, cancellationToken);
        return user is { IsBot: true } || user?.Id == "USLACKBOT";
    }
}

public static class SlackDirectMessages
{
    /// <summary>Errors that mean this person cannot get a DM at all; trying again would not help.</summary>
    public static bool CannotReach(SlackApiException ex) =>
        ex.Error is "user_not_found" or "user_disabled" or "cannot_dm_bot" or "user_not_visible" or "restricted_action" or "messages_tab_disabled";

    /// <summary>Opens the DM with one person and posts to it.</summary>
    public static async Task SendDirectAsync(this ISlackConversationsApi conversations, ISlackChatApi chat, string userId, string text, CancellationToken cancellationToken, IReadOnlyList<Slack.BlockKit.Block>? blocks = null)
    {
        var dm = await conversations.OpenAsync(new OpenConversation { Users = userId }, cancellationToken);
        var channel = dm.Channel?.Id ?? throw new InvalidOperationException("conversations.open returned no channel");
        await chat.PostMessageAsync(new ChatMessage { Channel = channel, Text = text, Blocks = blocks }, cancellationToken);
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
