using IrBot.Slack.WebApi;
using Microsoft.Extensions.Options;
using IrBot.Integrations;

namespace IrBot.IrTeam;

/// <summary>
/// Answers "is this person on the IR team?" and "who is on it?", caching the user group. The cache is filled at
/// start and kept fresh in the background (<see cref="IrTeamRefresher"/>). A slash command has three seconds: when
/// the cache is cold or stale, the refresh runs in the background and the answer waits for it at most
/// <see cref="RefreshBudget"/>, then goes with what is known (IrTeam:Members and the last group read). A Slack 429
/// is never waited out: the refresh fails at once, and until Slack's Retry-After has passed answers go with what is
/// known without asking again.
/// </summary>
public sealed class IrTeamDirectory(
    IOptionsMonitor<IrTeamOptions> options,
    IServiceScopeFactory scopes,
    TimeProvider time,
    ILogger<IrTeamDirectory> logger) : IDisposable
{
    public static readonly TimeSpan RefreshBudget = TimeSpan.FromSeconds(1.5);
    private static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(30);
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _disposed = new();
    private Task<IReadOnlySet<string>>? _refresh;
    // One reference, swapped whole by the background refresh, so a reader never sees half an update.
    private volatile GroupSnapshot _group = new(new HashSet<string>(), DateTimeOffset.MinValue);
    private long _rateLimitedUntilTicks;

    /// <summary>Until when Slack asked us not to read the user group again (its Retry-After).</summary>
    public DateTimeOffset RateLimitedUntil => new(Interlocked.Read(ref _rateLimitedUntilTicks), TimeSpan.Zero);

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
    }

    /// <summary>Asked on every privileged command (and every <c>/note</c>): answered without building the member set.</summary>
    public async ValueTask<bool> IsMemberAsync(string userId, CancellationToken cancellationToken)
    {
        foreach (var member in options.CurrentValue.Members)
        {
            if (member is not null && member.AsSpan().Trim().SequenceEqual(userId))
            {
                return true;
            }
        }

        return (await GroupMembersAsync(cancellationToken)).Contains(userId);
    }

    public async Task<IReadOnlySet<string>> MembersAsync(CancellationToken cancellationToken)
    {
        var configured = options.CurrentValue.Members.Where(m => !string.IsNullOrWhiteSpace(m)).Select(m => m.Trim());
        var group = await GroupMembersAsync(cancellationToken);
        return configured.Concat(group).ToHashSet(StringComparer.Ordinal);
    }

    private static readonly IReadOnlySet<string> NoMembers = new HashSet<string>();

    private ValueTask<IReadOnlySet<string>> GroupMembersAsync(CancellationToken cancellationToken)
    {
        var groupId = options.CurrentValue.UserGroupId;
        if (string.IsNullOrWhiteSpace(groupId))
        {
            return ValueTask.FromResult(NoMembers);
        }

        var maxAge = TimeSpan.FromMinutes(Math.Max(1, options.CurrentValue.UserGroupCacheMinutes));
        var known = _group;
        // Fresh enough, or Slack said to wait (429): answer with what is known; the refresher tries again later.
        var now = time.GetUtcNow();
        return now - known.FetchedAt < maxAge || now < RateLimitedUntil
            ? ValueTask.FromResult(known.Members)
            : new ValueTask<IReadOnlySet<string>>(RefreshWithinBudgetAsync(groupId, known, cancellationToken));
    }

    private async Task<IReadOnlySet<string>> RefreshWithinBudgetAsync(string groupId, GroupSnapshot known, CancellationToken cancellationToken)
    {
        var refresh = StartRefresh(groupId);
        try
        {
            // Wall clock on purpose: the budget is Slack's three seconds, whatever a test's clock says.
            return await refresh.WaitAsync(RefreshBudget, TimeProvider.System, cancellationToken);
        }
        catch (TimeoutException)
        {
            logger.LogInformation("IR team user group {UserGroupId} is slow to answer; using the members known so far", groupId);
            return known.Members;
        }
    }

    /// <summary>Reads the user group now (unless Slack's Retry-After has not passed), for the background refresher.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var groupId = options.CurrentValue.UserGroupId;
        if (!string.IsNullOrWhiteSpace(groupId) && time.GetUtcNow() >= RateLimitedUntil)
        {
            await StartRefresh(groupId).WaitAsync(cancellationToken);
        }
    }

    /// <summary>One refresh at a time, not tied to any request: it finishes (and fills the cache) after the answer.</summary>
    private Task<IReadOnlySet<string>> StartRefresh(string groupId)
    {
        lock (_gate)
        {
            if (_refresh is { IsCompleted: false } running)
            {
                return running;
            }

            _refresh = Task.Run(() => FetchAsync(groupId, _disposed.Token), CancellationToken.None);
            return _refresh;
        }
    }

    private async Task<IReadOnlySet<string>> FetchAsync(string groupId, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var userGroups = scope.ServiceProvider.GetRequiredService<ISlackUserGroupsApi>();
            var response = await userGroups.ListUsersWithoutWaitingAsync(new ListUserGroupUsers { Usergroup = groupId }, cancellationToken: cancellationToken);
            _group = new GroupSnapshot((response.Users ?? []).ToHashSet(StringComparer.Ordinal), time.GetUtcNow());
        }
        catch (SlackApiException ex) when (ex.Error == "ratelimited")
        {
            var wait = ex.RetryAfter ?? DefaultRetryAfter;
            Interlocked.Exchange(ref _rateLimitedUntilTicks, (time.GetUtcNow() + wait).UtcTicks);
            logger.LogInformation("IR team user group {UserGroupId} is rate limited for {Seconds} s; using the members known so far", groupId, wait.TotalSeconds);
        }
        catch (Exception ex) when (ErrorClassifier.IsExternal(ex, cancellationToken))
        {
            // Keep the last known membership rather than locking the team out during a Slack hiccup.
            logger.LogWarning("Could not read IR team user group {UserGroupId}: {Error}", groupId, ex.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down.
        }

        return _group.Members;
    }

    private sealed record GroupSnapshot(IReadOnlySet<string> Members, DateTimeOffset FetchedAt);
}
