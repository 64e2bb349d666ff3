using System.Collections.Frozen;
using System.Net;
using IrBot.Slack.WebApi;
using Polly;

namespace IrBot.Integrations;

/// <summary>
/// The one classification of errors from the systems IR Bot calls (Slack, Confluence, Jira, TheHive, Sumo Logic).
/// Transient: timeouts, connection failures, an open circuit, and the answers the vendors document as "come back"
/// (408, 429, 502, 503, 504; Slack's <c>ratelimited</c> and its 5xx). Permanent: 401 and 403, and Slack's token,
/// scope and channel errors, which no retry fixes. Everything else is Unknown.
/// </summary>
public static class ErrorClassifier
{
    // Slack's documented errors that mean the token, its scopes or the channel are not usable.
    private static readonly FrozenSet<string> PermanentSlackErrors = FrozenSet.ToFrozenSet(
        ["invalid_auth", "not_authed", "account_inactive", "token_revoked", "missing_scope", "channel_not_found", "not_in_channel"],
        StringComparer.Ordinal);

    private static readonly FrozenSet<string> TransientSlackErrors = FrozenSet.ToFrozenSet(
        ["ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout"],
        StringComparer.Ordinal);

    public static ErrorKind Classify(Exception error) => error switch
    {
        SlackApiException slack => ClassifySlack(slack.Error),
        // The connection dropped while the answer's body was read (after a 2xx status line): Refit wraps the
        // network error in an ApiException carrying that status, which says nothing of the failure.
        Refit.ApiException { InnerException: HttpRequestException or IOException } => ErrorKind.Transient,
        Refit.ApiException api => Classify(api.StatusCode),
        HttpRequestException or TaskCanceledException or Polly.Timeout.TimeoutRejectedException
            or Polly.CircuitBreaker.BrokenCircuitException => ErrorKind.Transient,
        _ => ErrorKind.Unknown,
    };

    public static ErrorKind Classify(HttpStatusCode status) => status switch
    {
        // The vendors' retry rules. A 500 or 409 that persists is not an outage to wait out.
        HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway
            or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout => ErrorKind.Transient,
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => ErrorKind.Permanent,
        _ => ErrorKind.Unknown,
    };

    /// <summary>Errors worth waiting out (the system is down or busy), as opposed to a configuration problem.</summary>
    public static bool IsTransient(Exception error) => Classify(error) == ErrorKind.Transient;

    /// <summary>For the HTTP resilience pipelines: an answer or exception worth retrying and counting against the circuit.</summary>
    public static bool IsTransient(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is HttpRequestException or Polly.Timeout.TimeoutRejectedException
        || (outcome.Result is { } response && Classify(response.StatusCode) == ErrorKind.Transient);

    /// <summary>
    /// A failure of a system we call, as opposed to a bug of ours or our own cancellation: what a caller that can
    /// carry on without that call (a reply, a report, a cached lookup) catches, logs and lives with.
    /// </summary>
    public static bool IsExternal(Exception error, CancellationToken cancellationToken) => error switch
    {
        // A timeout of the HTTP client; when we are stopping, the cancellation must go through.
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        SlackApiException or HttpRequestException or Refit.ApiException or Polly.Timeout.TimeoutRejectedException
            or Polly.CircuitBreaker.BrokenCircuitException => true,
        _ => false,
    };

    private static ErrorKind ClassifySlack(string error) =>
        PermanentSlackErrors.Contains(error) ? ErrorKind.Permanent
        : TransientSlackErrors.Contains(error) ? ErrorKind.Transient
        : error.StartsWith("http_", StringComparison.Ordinal) && int.TryParse(error.AsSpan(5), out var status) ? Classify((HttpStatusCode)status)
        : ErrorKind.Unknown;
}
