using IrBot.Slack.WebApi;
using Microsoft.Extensions.Options;
using IrBot.Integrations;

namespace IrBot.IrTeam;

/// <summary>Answers "is this person on the IR team?" and "who is on it?", caching the user group.</summary>
public sealed class IrTeamDirectory(
    IOptionsMonitor<IrTeamOptions> options,
    IServiceScopeFactory scopes,
    TimeProvider time,
    ILogger<IrTeamDirectory> logger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IReadOnlySet<string> _groupMembers = new HashSet<string>();
    private DateTimeOffset _groupFetchedAt = DateTimeOffset.MinValue;

    public void Dispose() => _gate.Dispose();

    public async Task<bool> IsMemberAsync(string userId, CancellationToken cancellationToken) =>
        (await MembersAsync(cancellationToken)).Contains(userId);

    public async Task<IReadOnlySet<string>> MembersAsync(CancellationToken cancellationToken)
    {
        var configured = options.CurrentValue.Members.Where(m => !string.IsNullOrWhiteSpace(m)).Select(m => m.Trim());
        var group = await GroupMembersAsync(cancellationToken);
        return configured.Concat(group).ToHashSet(StringComparer.Ordinal);
    }

    private async Task<IReadOnlySet<string>> GroupMembersAsync(CancellationToken cancellationToken)
    {
        var groupId = options.CurrentValue.UserGroupId;
        if (string.IsNullOrWhiteSpace(groupId))
        {
            return new HashSet<string>();
        }

        var maxAge = TimeSpan.FromMinutes(Math.Max(1, options.CurrentValue.UserGroupCacheMinutes));
        if (time.GetUtcNow() - _groupFetchedAt < maxAge)
        {
            return _groupMembers;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (time.GetUtcNow() - _groupFetchedAt < maxAge)
            {
                return _groupMembers;
            }

            await using var scope = scopes.CreateAsyncScope();
            var userGroups = scope.ServiceProvider.GetRequiredService<ISlackUserGroupsApi>();
            var response = await userGroups.ListUsersAsync(new ListUserGroupUsers { Usergroup = groupId }, cancellationToken);
            _groupMembers = (response.Users ?? []).ToHashSet(StringComparer.Ordinal);
            _groupFetchedAt = time.GetUtcNow();
            return _groupMembers;
        }
        catch (Exception ex) when (ErrorClassifier.IsExternal(ex, cancellationToken))
        {
            // Keep the last known membership rather than locking the team out during a Slack hiccup.
            logger.LogWarning("Could not read IR team user group {UserGroupId}: {Error}", groupId, ex.Message);
            return _groupMembers;
        }
        finally
        {
            _gate.Release();
        }
    }
}
