namespace IrBot.Slack.WebApi;

/// <summary>Every Web API answer: <c>ok</c>, and on failure Slack's <c>error</c> code (HTTP 200 all the same).</summary>
public record SlackResponse
{
    public bool Ok { get; init; }
    public string? Error { get; init; }
    public ResponseMetadata? ResponseMetadata { get; init; }
}

/// <summary>Paging of list methods.</summary>
public sealed record ResponseMetadata
{
    /// <summary>Empty, null or missing when there are no more pages.</summary>
    public string? NextCursor { get; init; }
}
