using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;

namespace IrBot.Integrations.Jira;

/// <summary>
/// Email → Jira account id, kept <c>Jira:UserCacheHours</c> in the <see cref="HybridCache"/>: user search has its own
/// tenant-wide rate limit. Accepts exactly one active Atlassian account; anything else is "no match" (the issue
/// stays unassigned).
/// </summary>
public sealed class JiraUsers(HybridCache cache, IServiceScopeFactory scopes, IOptions<JiraOptions> options)
{
    public async Task<string?> AccountIdAsync(string email, CancellationToken cancellationToken)
    {
        var maxAge = TimeSpan.FromHours(Math.Max(1, options.Value.UserCacheHours));
        var found = await cache.GetOrCreateAsync(
            $"jira-account:{email.ToUpperInvariant()}",
            async ct =>
            {
                await using var scope = scopes.CreateAsyncScope();
                var users = await scope.ServiceProvider.GetRequiredService<IJiraApi>().SearchUsersAsync(email, ct);
                var matches = users
                    .Where(u => u.Active && u.AccountId is not null && (u.AccountType is null or "atlassian"))
                    .Where(u => u.EmailAddress is null || string.Equals(u.EmailAddress, email, StringComparison.OrdinalIgnoreCase))
                    .ToList();
                // "" for no match: a cached answer like any other.
                return matches.Count == 1 ? matches[0].AccountId! : string.Empty;
            },
            new HybridCacheEntryOptions { Expiration = maxAge, LocalCacheExpiration = maxAge },
            cancellationToken: cancellationToken);
        return found.Length == 0 ? null : found;
    }
}
