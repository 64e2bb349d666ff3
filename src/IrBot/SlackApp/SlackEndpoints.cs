using IrBot.Slack;
using System.Text.Json;
using IrBot.Data;
using IrBot.Slack.Payloads;
using IrBot.Telemetry;
using IrBot.Work;
using Microsoft.EntityFrameworkCore;

namespace IrBot.SlackApp;

/// <summary>The three Slack request URLs. Each answers within Slack's 3 s: verify, record, reply; work runs after.</summary>
public static class SlackEndpoints
{
    public static IEndpointRouteBuilder MapSlack(this IEndpointRouteBuilder app)
    {
        var slack = app.MapGroup("/slack")
            .AddEndpointFilter<SlackRequestMetrics>()
            .AddEndpointFilter(app.ServiceProvider.GetRequiredService<SlackSignatureFilter>())
            .DisableAntiforgery();
        slack.MapPost("/commands", HandleCommandAsync);
        slack.MapPost("/interactivity", HandleInteractionAsync);
        slack.MapPost("/events", HandleEventAsync);
        return app;
    }

    private static async Task<IResult> HandleCommandAsync(HttpContext http, SlashCommandDispatcher dispatcher, ILogger<SlashCommandDispatcher> logger)
    {
        var form = SlackForm.Parse(SlackSignatureFilter.Body(http));
        var command = SlashCommand.FromForm(form);
        if (command is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not a slash command: command, user_id and channel_id are required");
        }

        try
        {
            var reply = await dispatcher.DispatchAsync(command, http.RequestAborted);
            return reply.ToResult();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Slash command {Command} failed", command.Command);
            return CommandReply.Ephemeral(":warning: IR Bot could not run that command because of an internal error. The IR team has it in the logs; please try again.").ToResult();
        }
    }

    private static async Task<IResult> HandleInteractionAsync(
        HttpContext http,
        InteractionDispatcher dispatcher,
        ILogger<InteractionDispatcher> logger)
    {
        var form = SlackForm.Parse(SlackSignatureFilter.Body(http));
        if (!form.TryGetValue("payload", out var json) || string.IsNullOrWhiteSpace(json))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Missing the payload field");
        }

        InteractionPayload? payload;
        try
        {
            payload = InteractionPayload.Parse(json);
        }
        catch (JsonException ex)
        {
            logger.LogWarning("Interaction payload is not valid JSON: {Error}", ex.Message);
            payload = null;
        }

        if (payload is null || payload.User is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The payload is not a Slack interaction");
        }

        return await dispatcher.AcceptAsync(payload, json, http.RequestAborted);
    }

    private static async Task<IResult> HandleEventAsync(
        HttpContext http,
        IrBotDbContext db,
        WorkQueue work,
        TimeProvider time,
        ILogger<EventEnvelope> logger)
    {
        var body = SlackSignatureFilter.Body(http);
        EventEnvelope? envelope;
        try
        {
            envelope = EventEnvelope.Parse(body);
        }
        catch (JsonException ex)
        {
            // An expected 4xx (a misdirected or forged-but-signed post); the message only, never the body.
            logger.LogInformation("Event body is not valid JSON: {Error}", ex.Message);
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The body is not a Slack event");
        }

        if (envelope is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The body is not a Slack event");
        }

        if (envelope.Type == EventEnvelope.UrlVerification)
        {
            return Results.Json(new { challenge = envelope.Challenge ?? string.Empty });
        }

        // From here on, always 200: a signed event we ignore or fail on must not make Slack retry.
        if (envelope.Type != EventEnvelope.EventCallback || envelope.Event is null || string.IsNullOrEmpty(envelope.EventId))
        {
            logger.LogInformation("Ignoring Slack envelope of type {Type}", envelope.Type);
            return Results.Ok();
        }

        var retry = http.Request.Headers["X-Slack-Retry-Num"].FirstOrDefault();
        // Slack retries whenever it did not see our 200 in 3 s: normal, so Debug, and found without a failed insert.
        if (await db.ProcessedEvents.AsNoTracking().AnyAsync(e => e.EventId == envelope.EventId, http.RequestAborted))
        {
            logger.LogDebug("Slack event {EventId} already accepted (retry {Retry}); ignoring", envelope.EventId, retry);
            return Results.Ok();
        }

        db.ProcessedEvents.Add(new ProcessedEvent
        {
            EventId = envelope.EventId,
            EventType = envelope.Event.Type,
            ReceivedAt = time.GetUtcNow().UtcDateTime,
        });
        using var doc = JsonDocument.Parse(body);
        work.Add(db, SlackEventWork.Kind, new SlackEventRequest(
            envelope.EventId,
            doc.RootElement.GetProperty("event").GetRawText(),
            envelope.Authorizations?.FirstOrDefault(a => a.IsBot == true)?.UserId));
        try
        {
            await db.SaveChangesAsync(http.RequestAborted);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (!await db.ProcessedEvents.AsNoTracking().AnyAsync(e => e.EventId == envelope.EventId, CancellationToken.None))
            {
                throw;
            }

            logger.LogDebug("Slack event {EventId} accepted by a parallel request (retry {Retry}); ignoring", envelope.EventId, retry);
            return Results.Ok();
        }

        return Results.Ok();
    }
}
