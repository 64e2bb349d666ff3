using System.Collections.Concurrent;
using IrBot.Slack.WebApi;
using Microsoft.Extensions.Options;

namespace IrBot.Timeline;

/// <summary>
/// "Name (team)" for the Who column, from users.info, cached: names are resolved when publishing,
/// never on the <c>/note</c> request path.
/// </summary>
public sealed class TimelineAuthors(IServiceScopeFactory scopes, IOptionsMonitor<TimelineOptions> options, TimeProvider time, ILogger<TimelineAuthors> logger)
{
    private readonly ConcurrentDictionary<string, (string Who, string Name, DateTimeOffset At)> _cache = new(StringComparer.Ordinal);

    /// <summary>"Name (team)", for the Who column.</summary>
    public async Task<string> DescribeAsync(string userId, CancellationToken cancellationToken) =>
        (await LookUpAsync(userId, cancellationToken)).Who;

    /// <summary>The name alone, for mentions inside a note.</summary>
    public async Task<string> NameAsync(string userId, CancellationToken cancellationToken) =>
        (await LookUpAsync(userId, cancellationToken)).Name;

    private async Task<(string Who, string Name)> LookUpAsync(string userId, CancellationToken cancellationToken)
    {
        var maxAge = TimeSpan.FromMinutes(Math.Max(1, options.CurrentValue.AuthorCacheMinutes));
        if (_cache.TryGetValue(userId, out var cached) && time.GetUtcNow() - cached.At < maxAge)
        {
            return (cached.Who, cached.Name);
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var slack = scope.ServiceProvider.GetRequiredService<ISlackApi>();
            var response = await slack.UserInfoAsync(SlackWebApiExtensions.Form(("user", userId)), cancellationToken);
            var who = Describe(response.User, userId, options.CurrentValue.TeamProfileFieldId);
            var name = response.User is null ? userId : NameOf(response.User);
            _cache[userId] = (who, name, time.GetUtcNow());
            return (who, name);
        }
        catch (Exception ex) when (ex is SlackApiException or HttpRequestException or Refit.ApiException or TaskCanceledException)
        {
            // A name is nice to have: publish with the last known name, or the id, rather than not at all.
            logger.LogWarning("Could not read Slack user {UserId} for the timeline: {Error}", userId, ex.Message);
            return (cached.Who ?? userId, cached.Name ?? userId);
        }
    }

    public static string Describe(SlackUser? user, string userId, string? teamFieldId)
    {
        if (user is null)
        {
            return userId;
        }

        var name = NameOf(user);
        var team = teamFieldId is { Length: > 0 } && user.Profile?.Fields?.GetValueOrDefault(teamFieldId)?.Value is { Length: > 0 } field
            ? field
            : user.Profile?.Title;
        return string.IsNullOrWhiteSpace(team) ? name : $"{name} ({team.Trim()})";
    }

    private static string NameOf(SlackUser user) => user.Profile?.RealName is { Length: > 0 } real ? real : user.DisplayName;
}
