using IrBot.SlackApp;
using IrBot.Slack.WebApi;
using Microsoft.Extensions.Options;
using IrBot.Integrations;

namespace IrBot.Timeline;

/// <summary>
/// "Name (team)" for the Who column, from the <see cref="UserDirectory"/>: names are resolved when publishing,
/// never on the <c>/note</c> request path.
/// </summary>
public sealed class TimelineAuthors(UserDirectory directory, IOptionsMonitor<TimelineOptions> options, ILogger<TimelineAuthors> logger)
{
    /// <summary>"Name (team)", for the Who column.</summary>
    public async Task<string> DescribeAsync(string userId, CancellationToken cancellationToken) =>
        (await PartsAsync(userId, cancellationToken)).Who;

    /// <summary>The name alone, for mentions inside a note.</summary>
    public async Task<string> NameAsync(string userId, CancellationToken cancellationToken) =>
        (await PartsAsync(userId, cancellationToken)).Name;

    /// <summary>Name and team apart, for tables with an Author and a Team column.</summary>
    public async Task<AuthorParts> PartsAsync(string userId, CancellationToken cancellationToken)
    {
        try
        {
            // A classic bot message (added with the shortcut) has a bot id as author: users.info does not know it.
            if (userId.StartsWith('B'))
            {
                return new AuthorParts(await directory.BotNameAsync(userId, cancellationToken) ?? userId, null);
            }

            var user = await directory.FindAsync(userId, cancellationToken);
            var fieldId = options.CurrentValue.TeamProfileFieldId;
            var fields = user?.Profile?.Fields;
            if (fieldId is { Length: > 0 } && user is not null && fields?.ContainsKey(fieldId) != true)
            {
                // users.info usually leaves custom profile fields out; users.profile.get has them.
                fields = await directory.ProfileFieldsAsync(userId, cancellationToken);
            }

            return Parts(user, userId, fieldId, fields);
        }
        catch (Exception ex) when (ErrorClassifier.IsExternal(ex, cancellationToken))
        {
            // A name is nice to have: publish with the id rather than not at all.
            logger.LogWarning("Could not read Slack user {UserId} for the timeline: {Error}", userId, ex.Message);
            return new AuthorParts(userId, null);
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
