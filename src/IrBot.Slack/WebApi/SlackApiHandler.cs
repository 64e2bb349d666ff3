using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IrBot.Slack.WebApi;

/// <summary>
/// Sits under the Refit client: adds the bot token (unless the call carries the app token), waits out 429s as Slack's <c>Retry-After</c> says
/// (a 429 means the call was not carried out, so repeating it is safe even for posts), and turns
/// <c>ok:false</c> answers into <see cref="SlackApiException"/>.
/// </summary>
public sealed class SlackApiHandler(IOptionsMonitor<SlackOptions> options, TimeProvider time, ILogger<SlackApiHandler> logger)
    : DelegatingHandler
{
    /// <summary>
    /// A request option (Refit <c>[Property]</c>): when true, a 429 throws <c>ratelimited</c> (with <see cref="SlackApiException.RetryAfter"/>)
    /// at once instead of being waited out, for callers that must answer within Slack's three seconds.
    /// </summary>
    public const string NoRateLimitWait = "IrBot.Slack.NoRateLimitWait";

    internal const int MaxRateLimitRetries = 3;
    private static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(30);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // The bot token, unless the method carries its own (apps.* take the app-level token).
        request.Headers.Authorization ??= new AuthenticationHeaderValue("Bearer", options.CurrentValue.BotToken);
        var method = request.RequestUri?.Segments.LastOrDefault()?.Trim('/') ?? "unknown";

        for (var attempt = 0; ; attempt++)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.TooManyRequests && NoWait(request))
            {
                var retryAfter = response.Headers.RetryAfter?.Delta;
                response.Dispose();
                throw new SlackApiException(method, "ratelimited") { RetryAfter = retryAfter };
            }

            if (response.StatusCode == HttpStatusCode.TooManyRequests && attempt < MaxRateLimitRetries)
            {
                var wait = response.Headers.RetryAfter?.Delta ?? DefaultRetryAfter;
                wait = wait > MaxRetryAfter ? MaxRetryAfter : wait;
                logger.LogWarning("Slack {Method} rate limited; retrying in {Seconds}s", method, wait.TotalSeconds);
                response.Dispose();
                await Task.Delay(wait, time, cancellationToken);
                continue;
            }

            if (!response.IsSuccessStatusCode)
            {
                var status = (int)response.StatusCode;
                response.Dispose();
                throw new SlackApiException(method, status == 429 ? "ratelimited" : $"http_{status}");
            }

            await ThrowIfNotOkAsync(method, response, cancellationToken);
            return response;
        }
    }

    private static bool NoWait(HttpRequestMessage request) =>
        ((IDictionary<string, object?>)request.Options).TryGetValue(NoRateLimitWait, out var value) && value is true;

    private static async Task ThrowIfNotOkAsync(string method, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        // Buffer so Refit can still read the body after we peeked at it.
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (bytes.Length == 0)
        {
            return;
        }

        try
        {
            using var doc = JsonDocument.Parse(bytes);
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("ok", out var ok)
                && ok.ValueKind == JsonValueKind.False)
            {
                var error = root.TryGetProperty("error", out var e) ? e.GetString() ?? "unknown_error" : "unknown_error";
                var needed = root.TryGetProperty("needed", out var n) ? n.GetString() : null;
                throw new SlackApiException(method, error, needed);
            }
        }
        catch (JsonException)
        {
            throw new SlackApiException(method, "invalid_response");
        }
    }
}
