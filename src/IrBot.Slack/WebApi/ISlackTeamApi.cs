using Refit;

namespace IrBot.Slack.WebApi;

/// <summary>Slack's <c>team.*</c> methods. Failures (<c>ok:false</c>) throw <see cref="SlackApiException"/>.</summary>
public interface ISlackTeamApi
{
    /// <summary>
    /// The workspace: its name and domain (scope <c>team:read</c>).
    /// <see href="https://api.slack.com/methods/team.info">team.info</see>; rate limit: Tier 3.
    /// </summary>
    [Post("/team.info")]
    Task<TeamInfoResponse> InfoAsync(CancellationToken cancellationToken = default);
}

/// <summary>The answer of team.info.</summary>
public sealed record TeamInfoResponse : SlackResponse
{
    public SlackTeam? Team { get; init; }
}

/// <summary>A workspace: <see cref="Domain"/> is the <c>example</c> of <c>example.slack.com</c>.</summary>
public sealed record SlackTeam
{
    public required string Id { get; init; }
    public string? Name { get; init; }
    public string? Domain { get; init; }
}
