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
