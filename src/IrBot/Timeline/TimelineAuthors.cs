using System.Collections.Concurrent;
using IrBot.Slack.WebApi;
using Microsoft.Extensions.Options;
using IrBot.Integrations;

namespace IrBot.Timeline;

/// <summary>
/// "Name (team)" for the Who column, from users.info, cached: names are resolved when publishing,
/// never on the <c>/note</c> request path.
/// </summary>
public sealed class TimelineAuthors(IServiceScopeFactory scopes, IOptionsMonitor<TimelineOptions> options, TimeProvider time, ILogger<TimelineAuthors> logger)
{
    private readonly ConcurrentDictionary<string, (AuthorParts Parts, DateTimeOffset At)> _cache = new(StringComparer.Ordinal);

    /// <summary>"Name (team)", for the Who column.</summary>
    public async Task<string> DescribeAsync(string userId, CancellationToken cancellationToken) =>
        (await PartsAsync(userId, cancellationToken)).Who;

    /// <summary>The name alone, for mentions inside a note.</summary>
    public async Task<string> NameAsync(string userId, CancellationToken cancellationToken) =>
        (await PartsAsync(userId, cancellationToken)).Name;

    /// <summary>Name and team apart, for tables with an Author and a Team column.</summary>
    public async Task<AuthorParts> PartsAsync(string userId, CancellationToken cancellationToken)
    {
        var maxAge = TimeSpan.FromMinutes(Math.Max(1, options.CurrentValue.AuthorCacheMinutes));
        if (_cache.TryGetValue(userId, out var cached) && time.GetUtcNow() - cached.At < maxAge)
        {
            return cached.Parts;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<ISlackUsersApi>();
            var response = await users.InfoAsync(new GetUserInfo { User = userId }, cancellationToken);
            var fieldId = options.CurrentValue.TeamProfileFieldId;
            var fields = response.User?.Profile?.Fields;
            if (fieldId is { Length: > 0 } && response.User is not null && fields?.ContainsKey(fieldId) != true)
            {
                // users.info usually leaves custom profile fields out; users.profile.get has them.
                fields = (await users.GetProfileAsync(new GetUserProfile { User = userId }, cancellationToken)).Profile?.Fields;
            }

            var parts = Parts(response.User, userId, fieldId, fields);
            _cache[userId] = (parts, time.GetUtcNow());
            return parts;
        }
        catch (Exception ex) when (ErrorClassifier.IsExternal(ex, cancellationToken))
        {
            // A name is nice to have: publish with the last known name, or the id, rather than not at all.
            logger.LogWarning("Could not read Slack user {UserId} for the timeline: {Error}", userId, ex.Message);
            return cached.Parts ?? new AuthorParts(userId, null);
        }
    }

    public static string Describe(SlackUser? user, string userId, string? teamFieldId) =>
        Parts(user, userId, teamFieldId, user?.Profile?.Fields).Who;

    private static AuthorParts Parts(SlackUser? user, string userId, string? teamFieldId, IReadOnlyDictionary<string, ProfileField>? fields)
    {
        if (user is null)
        {
            return new AuthorParts(userId, null);
        }

        var team = teamFieldId is { Length: > 0 } && fields?.GetValueOrDefault(teamFieldId)?.Value is { Length: > 0 } field
            ? field
            : user.Profile?.Title;
        return new AuthorParts(NameOf(user), string.IsNullOrWhiteSpace(team) ? null : team.Trim());
    }

    private static string NameOf(SlackUser user) => user.Profile?.RealName is { Length: > 0 } real ? real : user.DisplayName;
}

/// <summary>Who wrote a note: the name people know, and their team or title when the profile has one.</summary>
public sealed record AuthorParts(string Name, string? Team)
{
    public string Who => Team is null ? Name : $"{Name} ({Team})";
}
