using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;

namespace IrBot.Integrations.Jira;

/// <summary>
/// Email → the Jira person to assign, kept <c>Jira:UserCacheHours</c> in the <see cref="HybridCache"/>: user
/// search has its own tenant-wide rate limit. Cloud: exactly one active Atlassian account, by accountId.
/// Data Center: exactly one active user, by name. Anything else is "no match" (the issue stays unassigned).
/// </summary>
public sealed class JiraUsers(HybridCache cache, IServiceScopeFactory scopes, IOptions<JiraOptions> options)
{
    public async Task<JiraUserRef?> FindByEmailAsync(string email, CancellationToken cancellationToken)
    {
        var maxAge = TimeSpan.FromHours(Math.Max(1, options.Value.UserCacheHours));
        var dataCenter = options.Value.IsDataCenter;
        var found = await cache.GetOrCreateAsync(
            $"jira-{(dataCenter ? "name" : "account")}:{email.ToUpperInvariant()}",
            async ct =>
            {
                await using var scope = scopes.CreateAsyncScope();
                var api = scope.ServiceProvider.GetRequiredService<IJiraApi>();
                var users = dataCenter
                    ? await api.SearchUsersByUsernameAsync(email, ct)
                    : await api.SearchUsersAsync(email, ct);
                var matches = users
                    .Where(u => u.Active && (dataCenter ? u.Name is not null : u.AccountId is not null && u.AccountType is null or "atlassian"))
                    .Where(u => u.EmailAddress is null || string.Equals(u.EmailAddress, email, StringComparison.OrdinalIgnoreCase))
                    .ToList();
                // "" for no match: a cached answer like any other.
                return matches.Count == 1 ? (dataCenter ? matches[0].Name! : matches[0].AccountId!) : string.Empty;
            },
            new HybridCacheEntryOptions { Expiration = maxAge, LocalCacheExpiration = maxAge },
            cancellationToken: cancellationToken);
        return found.Length == 0 ? null
            : dataCenter ? new JiraUserRef { Name = found }
            : new JiraUserRef { AccountId = found };
    }
}
