namespace IrBot.Slack.WebApi;

/// <summary>The answer of <c>auth.test</c>.</summary>
public sealed record AuthTestResponse : SlackResponse
{
    public string? UserId { get; init; }
}
