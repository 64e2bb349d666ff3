namespace IrBot.SlackApp;

/// <summary>
/// The three Slack request URLs: <see cref="SlackHttpIntake"/> checks the signature, then <see cref="SlackDispatcher"/>
/// answers within Slack's 3 s, as it does for Socket Mode. Not needed when <c>Slack:AppToken</c> is set.
/// </summary>
public static class SlackEndpoints
{
    public static IEndpointRouteBuilder MapSlack(this IEndpointRouteBuilder app)
    {
        var intake = app.ServiceProvider.GetRequiredService<SlackHttpIntake>();
        var slack = app.MapGroup("/slack").DisableAntiforgery();
        slack.MapPost("/commands", http => intake.HandleAsync(http, SlackPayloadKind.Command));
        slack.MapPost("/interactivity", http => intake.HandleAsync(http, SlackPayloadKind.Interaction));
        slack.MapPost("/events", http => intake.HandleAsync(http, SlackPayloadKind.Event));
        return app;
    }
}
