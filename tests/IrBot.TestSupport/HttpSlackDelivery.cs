using System.Text.Json.Nodes;

namespace IrBot.TestSupport;

/// <summary>Delivers as Slack does to the three request URLs: signed POSTs to <c>/slack/commands</c>, <c>/slack/interactivity</c>, <c>/slack/events</c>.</summary>
public sealed class HttpSlackDelivery(IrBotApp app) : ISlackDelivery
{
    public string Mode => "HTTP";

    public async Task<SlackAnswer> SendCommandAsync(string command, string text, string userId, string channelId) =>
        await AnswerAsync(await app.SendCommandAsync(text, userId, channelId, command));

    public async Task<SlackAnswer> SendInteractionAsync(string payloadJson) =>
        await AnswerAsync(await app.SendInteractionAsync(payloadJson));

    public async Task<SlackAnswer> SendEventAsync(string eventJson, int retryAttempt = 0) =>
        await AnswerAsync(await app.SendEventAsync(eventJson, retryAttempt > 0 ? retryAttempt : null));

    private static async Task<SlackAnswer> AnswerAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            var json = response.Content.Headers.ContentType?.MediaType == "application/json" && body.Length > 0 ? JsonNode.Parse(body) : null;
            return new SlackAnswer(response.StatusCode, json);
        }
    }
}
