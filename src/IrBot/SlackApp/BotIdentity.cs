using IrBot.Integrations;
using IrBot.Slack.WebApi;
using Microsoft.Extensions.Caching.Hybrid;

namespace IrBot.SlackApp;

/// <summary>
/// The bot's own Slack user id (from auth.test, asked once a day at most and kept in the <see cref="HybridCache"/>),
/// to ignore our own messages and invites. A failed ask is not kept: the next one tries again.
/// </summary>
public sealed class BotIdentity(HybridCache cache, IServiceScopeFactory scopes, ILogger<BotIdentity> logger)
{
    private static readonly HybridCacheEntryOptions Entry = new() { Expiration = TimeSpan.FromDays(1), LocalCacheExpiration = TimeSpan.FromDays(1) };

    public async Task<string?> UserIdAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await cache.GetOrCreateAsync(
                "slack-bot-user-id",
                async ct =>
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var auth = scope.ServiceProvider.GetRequiredService<ISlackAuthApi>();
                    return (await auth.TestAsync(ct)).UserId ?? throw new SlackApiException("auth.test", "no_user_id");
                },
                Entry,
                cancellationToken: cancellationToken);
        }
        catch (Exception ex) when (ErrorClassifier.IsExternal(ex, cancellationToken))
        {
            logger.LogWarning("auth.test failed: {Error}", ex.Message);
            return null;
        }
    }
}
