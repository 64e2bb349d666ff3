namespace IrBot.Telemetry;

/// <summary>
/// Counts each Slack request by endpoint and status and times the answer. Outermost on the Slack group,
/// so refused signatures and failures count too.
/// </summary>
public sealed class SlackRequestMetrics(IrBotMetrics metrics, TimeProvider time) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var started = time.GetTimestamp();
        var endpoint = EndpointOf(context.HttpContext.Request.Path);
        var status = StatusCodes.Status500InternalServerError;
        try
        {
            var result = await next(context);
            status = result is IStatusCodeHttpResult { StatusCode: { } code } ? code : StatusCodes.Status200OK;
            return result;
        }
        finally
        {
            metrics.SlackRequest(endpoint, status, time.GetElapsedTime(started));
        }
    }

    private static string EndpointOf(PathString path)
    {
        var value = path.Value ?? string.Empty;
        return value.EndsWith("/commands", StringComparison.Ordinal) ? "commands"
            : value.EndsWith("/interactivity", StringComparison.Ordinal) ? "interactivity"
            : value.EndsWith("/events", StringComparison.Ordinal) ? "events"
            : "other";
    }
}
