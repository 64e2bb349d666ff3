using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace IrBot.Slack.WebApi;

/// <summary>
/// Sits under <see cref="SlackApiHandler"/> (so its retries are paced too): waits for the method's slot in
/// <see cref="SlackRateLimits"/>, and for <c>chat.postMessage</c> also for the channel's, before the call goes out;
/// a 429 holds the method or channel back for Slack's <c>Retry-After</c> so that the callers queued behind it wait
/// instead of each meeting the same 429. Off with <c>Slack:Pacing=false</c>.
/// </summary>
public sealed class SlackPacingHandler(SlackRateLimits limits, IOptionsMonitor<SlackOptions> options, TimeProvider time) : DelegatingHandler
{
    private static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(1);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!options.CurrentValue.Pacing)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        var method = request.RequestUri?.Segments.LastOrDefault()?.Trim('/') ?? "unknown";
        var methodPace = SlackRateLimits.ForMethod(method);
        var channel = method == "chat.postMessage" ? await ChannelOfAsync(request, cancellationToken) : null;
        // The channel first, then the workspace: a slot is taken only when the call can use it, so posts held back by
        // their channel (several callers fanning out at once) neither waste the workspace's slots nor go out together.
        if (channel is not null)
        {
            await WaitAsync(limits.Reserve(method + "/" + channel, SlackRateLimits.PostPerChannel), cancellationToken);
        }

        await WaitAsync(limits.Reserve(method, methodPace), cancellationToken);
        if (channel is not null)
        {
            // It goes out now, maybe later than its channel slot: count it from now.
            limits.Sent(method + "/" + channel, SlackRateLimits.PostPerChannel);
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            var retryAfter = response.Headers.RetryAfter?.Delta ?? DefaultRetryAfter;
            if (channel is not null)
            {
                limits.Hold(method + "/" + channel, SlackRateLimits.PostPerChannel, retryAfter);
            }
            else
            {
                limits.Hold(method, methodPace, retryAfter);
            }
        }

        return response;
    }

    private Task WaitAsync(TimeSpan wait, CancellationToken cancellationToken) =>
        wait > TimeSpan.Zero ? Task.Delay(wait, time, cancellationToken) : Task.CompletedTask;

    /// <summary>The <c>channel</c> of a JSON or form body (reading it buffers it; the send still has it).</summary>
    private static async Task<string?> ChannelOfAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is null)
        {
            return null;
        }

        var body = await request.Content.ReadAsByteArrayAsync(cancellationToken);
        if (request.Content.Headers.ContentType?.MediaType == "application/x-www-form-urlencoded")
        {
            var form = System.Text.Encoding.UTF8.GetString(body);
            foreach (var pair in form.Split('&'))
            {
                if (pair.StartsWith("channel=", StringComparison.Ordinal))
                {
                    return Uri.UnescapeDataString(pair["channel=".Length..].Replace('+', ' '));
                }
            }

            return null;
        }

        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isChannel = reader.ValueTextEquals("channel"u8);
                reader.Read();
                if (isChannel && reader.TokenType == JsonTokenType.String)
                {
                    return reader.GetString();
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // Not ours to judge: Slack will answer it.
        }

        return null;
    }
}
