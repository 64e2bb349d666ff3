using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using IrBot.Slack;

/// <summary>Signed <c>/note</c> requests shaped as Slack sends them (the same fields, about 400 bytes).</summary>
internal sealed class SignedNotes(string secret, string channel, string user)
{
    public HttpRequestMessage Create(string text)
    {
        var body = Encoding.UTF8.GetBytes(string.Join('&', new Dictionary<string, string>
        {
            ["token"] = "unused", ["team_id"] = "T111", ["team_domain"] = "example", ["channel_id"] = channel, ["channel_name"] = "ir-bench",
            ["user_id"] = user, ["user_name"] = "bench", ["command"] = "/note", ["text"] = text,
            ["api_app_id"] = "A111", ["response_url"] = "https://hooks.slack.com/commands/T111/1/x", ["trigger_id"] = "1.2.3",
        }.Select(kv => $"{Uri.EscapeDataString(kv.Key)}={Uri.EscapeDataString(kv.Value)}")));
        return Signed("slack/commands", body, "application/x-www-form-urlencoded", secret);
    }

    public static HttpRequestMessage Signed(string path, byte[] body, string contentType, string secret)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", SlackSignatureVerifier.Sign(secret, timestamp, body));
        return request;
    }
}
