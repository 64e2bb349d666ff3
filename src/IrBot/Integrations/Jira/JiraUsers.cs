using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace IrBot.Integrations.Jira;

/// <summary>
/// Email → Jira account id, cached: user search has its own tenant-wide rate limit. Accepts exactly one
/// active Atlassian account; anything else is "no match" (the issue stays unassigned).
/// </summary>
public sealed class JiraUsers(IServiceScopeFactory scopes, IOptions<JiraOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, (string? AccountId, DateTimeOffset At)> _cache = new(StringComparer.OrdinalIgnoreCase);

    public async Task<string?> AccountIdAsync(string email, CancellationToken cancellationToken)
    {
        var maxAge = TimeSpan.FromHours(Math.Max(1, options.Value.UserCacheHours));
        if (_cache.TryGetValue(email, out var cached) && time.GetUtcNow() - cached.At < maxAge)
        {
            return cached.AccountId;
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = await scope.ServiceProvider.GetRequiredService<IJiraApi>().SearchUsersAsync(email, cancellationToken);
        var matches = users
            .Where(u => u.Active && u.AccountId is not null && (u.AccountType is null or "atlassian"))
            .Where(u => u.EmailAddress is null || string.Equals(u.EmailAddress, email, StringComparison.OrdinalIgnoreCase))
            .ToList();
        var accountId = matches.Count == 1 ? matches[0].AccountId : null;
        _cache[email] = (accountId, time.GetUtcNow());
        return accountId;
    }
}
