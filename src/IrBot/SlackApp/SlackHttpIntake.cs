using System.Globalization;
using IrBot.Slack;
using IrBot.Slack.WebApi;
using IrBot.Telemetry;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace IrBot.SlackApp;

/// <summary>
/// One request to a Slack URL, start to end: the body read once, Slack's signature checked before anything parses it,
/// <see cref="SlackDispatcher"/>'s answer written, and the request counted and timed (refusals too). One instance serves
/// every request (its dependencies are singletons); only the dispatcher comes from the request's scope.
/// </summary>
/// <remarks>
/// The steps are plain calls in one method rather than endpoint filters around a bound handler: on <c>/note</c>, the
/// hot path, the filters' invocation contexts, the parameter binding and the result objects were a measurable share of
/// a request's CPU (README, Performance).
/// </remarks>
public sealed class SlackHttpIntake(IOptionsMonitor<SlackOptions> options, IrBotMetrics metrics, TimeProvider time, ILogger<SlackHttpIntake> logger)
{
    private const int MaxBodyBytes = 1024 * 1024;

    public async Task HandleAsync(HttpContext http, SlackPayloadKind kind)
    {
        var started = time.GetTimestamp();
        var status = StatusCodes.Status500InternalServerError;
        try
        {
            status = await AnswerAsync(http, kind);
        }
        finally
        {
            metrics.SlackRequest(EndpointOf(kind), status, time.GetElapsedTime(started));
        }
    }

    private async Task<int> AnswerAsync(HttpContext http, SlackPayloadKind kind)
    {
        var request = http.Request;
        var body = await ReadBodyAsync(request, http.RequestAborted);
        if (body is null)
        {
            logger.LogWarning("Slack request to {Path} rejected: body too large", request.Path);
            return Answer(http, StatusCodes.Status413PayloadTooLarge);
        }

        if (IsSslCheck(request, body))
        {
            // Slack's TLS check of a command URL: an empty 200 before the signature, as Slack's SDKs answer it.
            // It runs nothing, so answering it unverified gives nothing away.
            return Answer(http, StatusCodes.Status200OK);
        }

        var secret = options.CurrentValue.SigningSecret;
        if (string.IsNullOrWhiteSpace(secret))
        {
            // Socket Mode without a signing secret: nothing can be verified, so nothing comes in over HTTP
            // (an empty key would let anyone sign).
            logger.LogWarning("Slack request to {Path} rejected: Slack:SigningSecret is not set (Socket Mode takes no HTTP requests)", request.Path);
            return await ProblemAsync(http, StatusCodes.Status401Unauthorized, "Slack:SigningSecret is not set");
        }

        var check = SlackSignatureVerifier.Verify(
            secret,
            First(request.Headers["X-Slack-Request-Timestamp"]),
            First(request.Headers["X-Slack-Signature"]),
            body,
            time.GetUtcNow());
        if (check != SignatureCheck.Valid)
        {
            // The reason, never the signature or the secret.
            logger.LogWarning("Slack request to {Path} rejected: {Reason}", request.Path, check);
            return await ProblemAsync(http, StatusCodes.Status401Unauthorized, "Invalid Slack signature");
        }

        var retry = int.TryParse(First(request.Headers["X-Slack-Retry-Num"]), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : (int?)null;
        var dispatcher = http.RequestServices.GetRequiredService<SlackDispatcher>();
        var ack = await dispatcher.DispatchAsync(kind, SlackPayload.Http(kind, body, retry), http.RequestAborted);
        if (ack.IsBadRequest)
        {
            return await ProblemAsync(http, ack.StatusCode, ack.Problem);
        }

        http.Response.StatusCode = ack.StatusCode;
        if (ack.Body is { } answer)
        {
            await http.Response.WriteAsJsonAsync(answer, answer.GetType(), SlackJson.Options, http.RequestAborted);
        }

        return ack.StatusCode;
    }

    private static int Answer(HttpContext http, int status)
    {
        http.Response.StatusCode = status;
        return status;
    }

    private static async Task<int> ProblemAsync(HttpContext http, int status, string? title)
    {
        await Results.Problem(statusCode: status, title: title).ExecuteAsync(http);
        return status;
    }

    private static string EndpointOf(SlackPayloadKind kind) => kind switch
    {
        SlackPayloadKind.Command => "commands",
        SlackPayloadKind.Interaction => "interactivity",
        SlackPayloadKind.Event => "events",
        _ => "other",
    };

    private static string? First(StringValues values) => values.Count > 0 ? values[0] : null;

    // The cheap byte search first: HasFormContentType parses the Content-Type header.
    private static bool IsSslCheck(HttpRequest request, byte[] body) =>
        body.AsSpan().IndexOf("ssl_check="u8) >= 0
        && request.HasFormContentType
        && SlackForm.Parse(body).TryGetValue("ssl_check", out var value) && value == "1";

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        if (request.ContentLength is { } length)
        {
            // Slack always sends Content-Length: read straight into the array the handlers will parse.
            var body = new byte[length];
            var filled = await request.Body.ReadAtLeastAsync(body, body.Length, throwOnEndOfStream: false, cancellationToken);

            // Kestrel ends the body at Content-Length; a shorter one (client gone) simply fails the signature.
            return filled == body.Length ? body : body[..filled];
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
