using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace IrBot.Integrations.Jira;

/// <summary>
/// Email → the Jira person to assign, cached: user search has its own tenant-wide rate limit. Cloud: exactly
/// one active Atlassian account, by accountId. Data Center: exactly one active user, by name. Anything else
/// is "no match" (the issue stays unassigned).
/// </summary>
public sealed class JiraUsers(IServiceScopeFactory scopes, IOptions<JiraOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, (JiraUserRef? User, DateTimeOffset At)> _cache = new(StringComparer.OrdinalIgnoreCase);

    public async Task<JiraUserRef?> FindByEmailAsync(string email, CancellationToken cancellationToken)
    {
        var maxAge = TimeSpan.FromHours(Math.Max(1, options.Value.UserCacheHours));
        if (_cache.TryGetValue(email, out var cached) && time.GetUtcNow() - cached.At < maxAge)
        {
            return cached.User;
        }

        await using var scope = scopes.CreateAsyncScope();
        var api = scope.ServiceProvider.GetRequiredService<IJiraApi>();
        var dataCenter = options.Value.IsDataCenter;
        var users = dataCenter
            ? await api.SearchUsersByUsernameAsync(email, cancellationToken)
            : await api.SearchUsersAsync(email, cancellationToken);
        var matches = users
            .Where(u => u.Active && (dataCenter ? u.Name is not null : u.AccountId is not null && u.AccountType is null or "atlassian"))
            .Where(u => u.EmailAddress is null || string.Equals(u.EmailAddress, email, StringComparison.OrdinalIgnoreCase))
            .ToList();
        JiraUserRef? user = matches.Count != 1 ? null
            : dataCenter ? new JiraUserRef { Name = matches[0].Name }
            : new JiraUserRef { AccountId = matches[0].AccountId };
        _cache[email] = (user, time.GetUtcNow());
        return user;
    }
}
