using System.Globalization;
using IrBot.Telemetry;

namespace IrBot.SlackApp;

/// <summary>
/// The three Slack request URLs: the signature is checked, then <see cref="SlackDispatcher"/> answers within
/// Slack's 3 s, as it does for Socket Mode. Not needed when <c>Slack:AppToken</c> is set.
/// </summary>
public static class SlackEndpoints
{
    public static IEndpointRouteBuilder MapSlack(this IEndpointRouteBuilder app)
    {
        var slack = app.MapGroup("/slack")
            .AddEndpointFilter<SlackRequestMetrics>()
            .AddEndpointFilter(app.ServiceProvider.GetRequiredService<SlackSignatureFilter>())
            .DisableAntiforgery();
        slack.MapPost("/commands", (HttpContext http, SlackDispatcher dispatcher) => DispatchAsync(http, dispatcher, SlackPayloadKind.Command));
        slack.MapPost("/interactivity", (HttpContext http, SlackDispatcher dispatcher) => DispatchAsync(http, dispatcher, SlackPayloadKind.Interaction));
        slack.MapPost("/events", (HttpContext http, SlackDispatcher dispatcher) => DispatchAsync(http, dispatcher, SlackPayloadKind.Event));
        return app;
    }

    private static async Task<IResult> DispatchAsync(HttpContext http, SlackDispatcher dispatcher, SlackPayloadKind kind)
    {
        var retry = int.TryParse(http.Request.Headers["X-Slack-Retry-Num"].FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : (int?)null;
        var ack = await dispatcher.DispatchAsync(kind, SlackPayload.Http(kind, SlackSignatureFilter.Body(http), retry), http.RequestAborted);
        return ack.ToResult();
    }
}
