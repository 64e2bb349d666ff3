using IrBot.Slack;

namespace IrBot.SlackApp;

/// <summary>
/// The answer to one delivery, given within Slack's 3 s: the HTTP response, or the payload of a Socket Mode
/// acknowledgement (an ephemeral command reply, a view submission's <c>response_action</c>).
/// </summary>
public sealed record SlackAck
{
    /// <summary>200, or 400 for a body that is not what the URL takes (HTTP only: Socket Mode just acknowledges).</summary>
    public int StatusCode { get; private init; } = StatusCodes.Status200OK;

    /// <summary>The response body, serialised with <see cref="SlackJson"/>; null for an empty 200.</summary>
    public object? Body { get; private init; }

    /// <summary>What is wrong with a 400's request, as its problem title.</summary>
    public string? Problem { get; private init; }

    public static readonly SlackAck Empty = new();

    public static SlackAck With(object body) => new() { Body = body };

    public static SlackAck BadRequest(string problem) => new() { StatusCode = StatusCodes.Status400BadRequest, Problem = problem };

    public bool IsBadRequest => StatusCode == StatusCodes.Status400BadRequest;

    public override string ToString() => IsBadRequest ? $"400 {Problem}" : Body is null ? "200" : "200 with a body";
}
