namespace IrBot.Telemetry;

/// <summary>
/// Under an HTTP client's retries: counts every attempt to an external system by its status (or
/// <c>timeout</c> / <c>error</c> when no answer came), times it, and counts Slack's 429s by method.
/// </summary>
public sealed class ExternalCallMetrics(string system, IrBotMetrics metrics, TimeProvider time) : DelegatingHandler
{
    public const string Slack = "slack";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var status = "error";
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            status = IrBotMetrics.Status((int)response.StatusCode);
            if (system == Slack && response.StatusCode == System.Net.HttpStatusCode.TooManyRequests)
            {
                metrics.SlackRateLimited(request.RequestUri?.Segments.LastOrDefault()?.Trim('/') ?? "unknown");
            }

            return response;
        }
        catch (OperationCanceledException)
        {
            // An attempt timeout, the total timeout, or the caller giving up.
            status = "timeout";
            throw;
        }
        finally
        {
            metrics.ExternalCall(system, status, time.GetElapsedTime(started));
        }
    }
}
