using System.Text;
using System.Text.Json;
using IrBot.Data;
using IrBot.Slack.Payloads;
using IrBot.Work;
using Microsoft.EntityFrameworkCore;

namespace IrBot.SlackApp;

/// <summary>
/// The one way in for everything Slack delivers, over HTTP (after the signature check) or Socket Mode:
/// parse by kind, hand to the command or interaction dispatcher or store the event, and give the answer
/// Slack expects within 3 s. Events act once per <c>event_id</c>; Socket Mode deliveries once per <c>envelope_id</c>.
/// </summary>
/// <remarks>
/// The interaction dispatcher and the database context are taken from the request's scope only on the paths that use
/// them: a slash command over HTTP (<c>/note</c>, the hot path) needs neither, and renting and resetting a pooled
/// context, and building the interaction handlers' dependencies, for every note was a measurable part of its cost.
/// </remarks>
public sealed class SlackDispatcher(
    SlashCommandDispatcher commands,
    IServiceProvider services,
    WorkQueue work,
    TimeProvider time,
    ILogger<SlackDispatcher> logger)
{
    private IrBotDbContext Db => field ??= services.GetRequiredService<IrBotDbContext>();

    public async Task<SlackAck> DispatchAsync(SlackPayloadKind kind, SlackPayload payload, CancellationToken cancellationToken)
    {
        if (payload.DeliveryId is { } deliveryId && kind != SlackPayloadKind.Event && !await ClaimAsync(deliveryId, kind, cancellationToken))
        {
            return SlackAck.Empty;
        }

        return kind switch
        {
            SlackPayloadKind.Command => await CommandAsync(payload, cancellationToken),
            SlackPayloadKind.Interaction => await InteractionAsync(payload, cancellationToken),
            SlackPayloadKind.Event => await EventAsync(payload, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a Slack payload kind"),
        };
    }

    private async Task<SlackAck> CommandAsync(SlackPayload payload, CancellationToken cancellationToken)
    {
        SlashCommand? command;
        try
        {
            if (payload.IsForm)
            {
                command = SlashCommand.FromForm(SlackForm.Parse(payload.Body.Span));
            }
            else
            {
                using var doc = JsonDocument.Parse(payload.Body);
                command = SlashCommand.FromJson(doc.RootElement);
            }
        }
        catch (JsonException)
        {
            command = null;
        }

        if (command is null)
        {
            return SlackAck.BadRequest("Not a slash command: command, user_id and channel_id are required");
        }

        try
        {
            var reply = await commands.DispatchAsync(command, cancellationToken);
            return reply.ToAck();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Slash command {Command} failed", command.Command);
            return CommandReply.Ephemeral(":warning: IR Bot could not run that command because of an internal error. The IR team has it in the logs; please try again.").ToAck();
        }
    }

    private async Task<SlackAck> InteractionAsync(SlackPayload payload, CancellationToken cancellationToken)
    {
        string? json;
        if (payload.IsForm)
        {
            json = SlackForm.Parse(payload.Body.Span).GetValueOrDefault("payload");
            if (string.IsNullOrWhiteSpace(json))
            {
                return SlackAck.BadRequest("Missing the payload field");
            }
        }
        else
        {
            json = Encoding.UTF8.GetString(payload.Body.Span);
        }

        InteractionPayload? interaction;
        try
        {
            interaction = InteractionPayload.Parse(json);
        }
        catch (JsonException ex)
        {
            logger.LogWarning("Interaction payload is not valid JSON: {Error}", ex.Message);
            interaction = null;
        }

        if (interaction is null || interaction.User is null)
        {
            return SlackAck.BadRequest("The payload is not a Slack interaction");
        }

        return await services.GetRequiredService<InteractionDispatcher>().AcceptAsync(interaction, json, cancellationToken);
    }

    private async Task<SlackAck> EventAsync(SlackPayload payload, CancellationToken cancellationToken)
    {
        EventEnvelope? envelope;
        try
        {
            envelope = EventEnvelope.Parse(payload.Body.Span);
        }
        catch (JsonException ex)
        {
            // An expected 4xx (a misdirected or forged-but-signed post); the message only, never the body.
            logger.LogInformation("Event body is not valid JSON: {Error}", ex.Message);
            return SlackAck.BadRequest("The body is not a Slack event");
        }

        if (envelope is null)
        {
            return SlackAck.BadRequest("The body is not a Slack event");
        }

        if (envelope.Type == EventEnvelope.UrlVerification)
        {
            return SlackAck.With(new { challenge = envelope.Challenge ?? string.Empty });
        }

        // From here on, always 200: a signed event we ignore or fail on must not make Slack retry.
        if (envelope.Type != EventEnvelope.EventCallback || envelope.Event is null || string.IsNullOrEmpty(envelope.EventId))
        {
            logger.LogInformation("Ignoring Slack envelope of type {Type}", envelope.Type);
            return SlackAck.Empty;
        }

        var retry = payload.RetryAttempt;
        // Slack retries whenever it did not see our 200 in 3 s: normal, so Debug, and found without a failed insert.
        if (await Db.ProcessedEvents.AsNoTracking().AnyAsync(e => e.EventId == envelope.EventId, cancellationToken))
        {
            logger.LogDebug("Slack event {EventId} already accepted (retry {Retry}); ignoring", envelope.EventId, retry);
            return SlackAck.Empty;
        }

        Db.ProcessedEvents.Add(new ProcessedEvent
        {
            EventId = envelope.EventId,
            EventType = envelope.Event.Type,
            ReceivedAt = time.GetUtcNow().UtcDateTime,
        });
        using var doc = JsonDocument.Parse(payload.Body);
        work.Add(Db, SlackEventWork.Kind, new SlackEventRequest(
            envelope.EventId,
            doc.RootElement.GetProperty("event").GetRawText(),
            envelope.Authorizations?.FirstOrDefault(a => a.IsBot == true)?.UserId));
        if (!await SaveOnceAsync(envelope.EventId, cancellationToken))
        {
            logger.LogDebug("Slack event {EventId} accepted by a parallel request (retry {Retry}); ignoring", envelope.EventId, retry);
        }

        return SlackAck.Empty;
    }

    /// <summary>
    /// Records a Socket Mode delivery of a command or interaction before it acts: a second delivery (here or on
    /// another instance) finds it and does nothing. At most once, as over HTTP, where Slack never repeats these.
    /// </summary>
    private async Task<bool> ClaimAsync(string deliveryId, SlackPayloadKind kind, CancellationToken cancellationToken)
    {
        if (await Db.ProcessedEvents.AsNoTracking().AnyAsync(e => e.EventId == deliveryId, cancellationToken))
        {
            logger.LogDebug("Socket Mode envelope {EnvelopeId} already handled; ignoring", deliveryId);
            return false;
        }

        Db.ProcessedEvents.Add(new ProcessedEvent
        {
            EventId = deliveryId,
            EventType = kind == SlackPayloadKind.Command ? "slash_commands" : "interactive",
            ReceivedAt = time.GetUtcNow().UtcDateTime,
        });
        if (!await SaveOnceAsync(deliveryId, cancellationToken))
        {
            logger.LogDebug("Socket Mode envelope {EnvelopeId} handled by a parallel delivery; ignoring", deliveryId);
            return false;
        }

        return true;
    }

    /// <summary>Saves the pending rows; false when a parallel delivery stored the same id first.</summary>
    private async Task<bool> SaveOnceAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            await Db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            Db.ChangeTracker.Clear();
            if (!await Db.ProcessedEvents.AsNoTracking().AnyAsync(e => e.EventId == id, CancellationToken.None))
            {
                throw;
            }

            return false;
        }
    }
}
