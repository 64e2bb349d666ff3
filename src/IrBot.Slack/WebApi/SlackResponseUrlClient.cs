using System.Net.Http.Json;

namespace IrBot.Slack.WebApi;

/// <summary>
/// Posts to an interaction's <c>response_url</c> (up to 5 times within 30 minutes): the only way to
/// answer a slash command later, or to change an ephemeral message.
/// </summary>
public sealed class SlackResponseUrlClient(HttpClient http)
{
    public async Task SendAsync(string responseUrl, ResponseUrlMessage message, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsJsonAsync(new Uri(responseUrl), message, SlackJson.Options, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new SlackApiException("response_url", $"http_{(int)response.StatusCode}");
        }
    }
}
