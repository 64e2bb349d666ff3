using System.Net;
using System.Text.Json.Nodes;

namespace IrBot.TestSupport;

/// <summary>
/// Delivers as Slack does over Socket Mode: each payload in an envelope (<c>slash_commands</c>, <c>interactive</c>,
/// <c>events_api</c>) on an open connection of <see cref="FakeSocketMode"/>; the answer is the acknowledgement's payload.
/// </summary>
public sealed class SocketModeSlackDelivery(FakeSocketMode socket, FakeSlack slack) : ISlackDelivery
{
    public string Mode => "Socket Mode";

    public Task<SlackAnswer> SendCommandAsync(string command, string text, string userId, string channelId) =>
        SendAsync("slash_commands", SlackPayloads.SlashCommandObject(command, text, userId, channelId, slack.ResponseUrl()), acceptsResponsePayload: true);

    public Task<SlackAnswer> SendInteractionAsync(string payloadJson)
    {
        var payload = JsonNode.Parse(payloadJson)!;
        // Slack lets the acknowledgement carry an answer only where one means something: errors for a
        // submission, options for a suggestion; clicks and shortcuts are answered through their response_url.
        var accepts = (string?)payload["type"] is "view_submission" or "block_suggestion";
        return SendAsync("interactive", payload, accepts);
    }

    public Task<SlackAnswer> SendEventAsync(string eventJson, int retryAttempt = 0) =>
        SendAsync("events_api", JsonNode.Parse(eventJson)!, acceptsResponsePayload: false, retryAttempt);

    private async Task<SlackAnswer> SendAsync(string type, JsonNode payload, bool acceptsResponsePayload, int retryAttempt = 0)
    {
        var ack = await socket.SendAsync(type, payload, acceptsResponsePayload, retryAttempt: retryAttempt);
        return new SlackAnswer(HttpStatusCode.OK, ack["payload"]?.DeepClone());
    }
}
