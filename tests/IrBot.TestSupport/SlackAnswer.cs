using System.Net;
using System.Text.Json.Nodes;

namespace IrBot.TestSupport;

/// <summary>
/// IR Bot's answer to one delivery: over HTTP the response's status and JSON body; over Socket Mode 200 once the
/// envelope is acknowledged, with the acknowledgement's <c>payload</c>. No body (null) when IR Bot sent none.
/// </summary>
public sealed record SlackAnswer(HttpStatusCode Status, JsonNode? Body)
{
    /// <summary>The body's <c>text</c>, or null.</summary>
    public string? Text => (string?)Body?["text"];
}
