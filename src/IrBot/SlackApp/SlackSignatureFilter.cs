using IrBot.Slack;
using IrBot.Slack.WebApi;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace IrBot.SlackApp;

/// <summary>
/// Checks Slack's signature before anything else reads the request. The raw body is kept in
/// <see cref="HttpContext.Items"/> so handlers parse exactly the bytes that were verified. One instance serves
/// every request (its dependencies are singletons), rather than one built per request.
/// </summary>
public sealed class SlackSignatureFilter(IOptionsMonitor<SlackOptions> options, TimeProvider time, ILogger<SlackSignatureFilter> logger)
    : IEndpointFilter
{
    private const string BodyKey = "irbot.slack.body";
    private const int MaxBodyBytes = 1024 * 1024;

    public static byte[] Body(HttpContext context) =>
        context.Items[BodyKey] as byte[] ?? throw new InvalidOperationException("The Slack body was not verified.");

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var body = await ReadBodyAsync(http.Request, http.RequestAborted);
        if (body is null)
        {
            logger.LogWarning("Slack request to {Path} rejected: body too large", http.Request.Path);
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        if (IsSslCheck(http.Request, body))
        {
            // Slack's TLS check of a command URL: an empty 200 before the signature, as Slack's SDKs answer it.
            // It runs nothing, so answering it unverified gives nothing away.
            return Results.Ok();
        }

        var secret = options.CurrentValue.SigningSecret;
        if (string.IsNullOrWhiteSpace(secret))
        {
            // Socket Mode without a signing secret: nothing can be verified, so nothing comes in over HTTP
            // (an empty key would let anyone sign).
            logger.LogWarning("Slack request to {Path} rejected: Slack:SigningSecret is not set (Socket Mode takes no HTTP requests)", http.Request.Path);
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Slack:SigningSecret is not set");
        }

        var headers = http.Request.Headers;
        var check = SlackSignatureVerifier.Verify(
            secret,
            First(headers["X-Slack-Request-Timestamp"]),
            First(headers["X-Slack-Signature"]),
            body,
            time.GetUtcNow());
        if (check != SignatureCheck.Valid)
        {
            // The reason, never the signature or the secret.
            logger.LogWarning("Slack request to {Path} rejected: {Reason}", http.Request.Path, check);
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Invalid Slack signature");
        }

        http.Items[BodyKey] = body;
        return await next(context);
    }

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
