using System.ComponentModel;
using IrBot.Slack.WebApi;
using Microsoft.Extensions.Caching.Hybrid;

namespace IrBot.SlackApp;

/// <summary>
/// Slack users by id: the one place that reads <c>users.info</c> and <c>users.profile.get</c>, kept an hour in the
/// <see cref="HybridCache"/> (reminders, Sumo Logic lines and the timeline ask about the same people again and
/// again; concurrent asks for one person make one call). Errors are not cached: the next ask tries again.
/// </summary>
public sealed class UserDirectory(HybridCache cache, IServiceScopeFactory scopes)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromHours(1);

    /// <summary>Every entry carries this tag: <c>HybridCache.RemoveByTagAsync(Tag)</c> forgets them all.</summary>
    public const string Tag = "slack-users";

    private static readonly string[] Tags = [Tag];

    private static readonly HybridCacheEntryOptions Entry = new() { Expiration = MaxAge, LocalCacheExpiration = MaxAge };

    /// <summary>The user (<c>users.info</c>), or null when Slack does not know them (deleted, not visible). Other errors throw.</summary>
    public async Task<SlackUser?> FindAsync(string userId, CancellationToken cancellationToken) =>
        (await cache.GetOrCreateAsync(
            $"slack-user:{userId}",
            async ct =>
            {
                await using var scope = scopes.CreateAsyncScope();
                var users = scope.ServiceProvider.GetRequiredService<ISlackUsersApi>();
                try
                {
                    return new Found<SlackUser>((await users.InfoAsync(new GetUserInfo { User = userId }, ct)).User);
                }
                catch (SlackApiException ex) when (ex.Error is "user_not_found" or "user_not_visible")
                {
                    return new Found<SlackUser>(null);
                }
            },
            Entry,
            Tags,
            cancellationToken)).Value;

    /// <summary>A bot's name (<c>bots.info</c>), or null when Slack does not know the bot. Other errors throw.</summary>
    public async Task<string?> BotNameAsync(string botId, CancellationToken cancellationToken) =>
        (await cache.GetOrCreateAsync(
            $"slack-bot:{botId}",
            async ct =>
            {
                await using var scope = scopes.CreateAsyncScope();
                var users = scope.ServiceProvider.GetRequiredService<ISlackUsersApi>();
                try
                {
                    return new Found<string>((await users.BotInfoAsync(new GetBotInfo { Bot = botId }, ct)).Bot?.Name);
                }
                catch (SlackApiException ex) when (ex.Error is "bot_not_found")
                {
                    return new Found<string>(null);
                }
            },
            Entry,
            Tags,
            cancellationToken)).Value;

    /// <summary>The user's custom profile fields (<c>users.profile.get</c>: users.info and users.list usually leave them out).</summary>
    public async Task<IReadOnlyDictionary<string, ProfileField>?> ProfileFieldsAsync(string userId, CancellationToken cancellationToken) =>
        (await cache.GetOrCreateAsync(
            $"slack-profile:{userId}",
            async ct =>
            {
                await using var scope = scopes.CreateAsyncScope();
                var users = scope.ServiceProvider.GetRequiredService<ISlackUsersApi>();
                var profile = await users.GetProfileAsync(new GetUserProfile { User = userId }, ct);
                return new Found<IReadOnlyDictionary<string, ProfileField>>(profile.Profile?.Fields);
            },
            Entry,
            Tags,
            cancellationToken)).Value;

    public async Task<bool> IsBotAsync(string userId, CancellationToken cancellationToken)
    {
        var user = await FindAsync(userId, cancellationToken);
        return user is { IsBot: true } || user?.Id == "USLACKBOT";
    }

    // A wrapper so that "Slack does not know them" is cached like an answer. Immutable: HybridCache keeps the
    // instance itself instead of a serialized copy (there is no second-level cache to serialize for).
    [ImmutableObject(true)]
    private sealed record Found<T>(T? Value) where T : class;
}
