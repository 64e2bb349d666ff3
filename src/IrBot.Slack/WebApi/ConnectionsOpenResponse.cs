namespace IrBot.Slack.WebApi;

/// <summary>The answer of <c>apps.connections.open</c>: the <c>wss://</c> URL to connect to.</summary>
public sealed record ConnectionsOpenResponse : SlackResponse
{
    public string? Url { get; init; }
}
