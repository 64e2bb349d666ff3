using System.Collections.Concurrent;
using IrBot.Slack.WebApi;

namespace IrBot.Workflows.Running;

/// <summary>
/// What triggers and actions need to know of the workspace, cached per process: the names the workspace
/// answers to (team.info name and domain) and channel names by id.
/// </summary>
public sealed class SlackWorkspace(IServiceScopeFactory scopes, TimeProvider time)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    private readonly ConcurrentDictionary<string, (string Name, DateTimeOffset At)> _channelNames = new(StringComparer.Ordinal);
    private (IReadOnlyCollection<string> Names, DateTimeOffset At)? _team;

    public async Task<IReadOnlyCollection<string>> TeamNamesAsync(CancellationToken cancellationToken)
    {
        if (_team is { } cached && time.GetUtcNow() - cached.At < Lifetime) return cached.Names;
        await using var scope = scopes.CreateAsyncScope();
        var team = (await scope.ServiceProvider.GetRequiredService<ISlackTeamApi>().InfoAsync(cancellationToken)).Team;
        IReadOnlyCollection<string> names = new[] { team?.Name, team?.Domain, team?.Id }.OfType<string>().Where(n => n.Length > 0).ToArray();
        _team = (names, time.GetUtcNow());
        return names;
    }

    public async Task<string> ChannelNameAsync(string channelId, CancellationToken cancellationToken)
    {
        if (_channelNames.TryGetValue(channelId, out var cached) && time.GetUtcNow() - cached.At < Lifetime) return cached.Name;
        await using var scope = scopes.CreateAsyncScope();
        var channel = (await scope.ServiceProvider.GetRequiredService<ISlackConversationsApi>()
            .InfoAsync(new GetConversationInfo { Channel = channelId }, cancellationToken)).Channel;
        var name = channel?.Name ?? channelId;
        _channelNames[channelId] = (name, time.GetUtcNow());
        return name;
    }
}
