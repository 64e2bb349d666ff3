using IrBot.Data;
using IrBot.Slack;
using IrBot.Slack.BlockKit;
using IrBot.Slack.Payloads;
using IrBot.Slack.WebApi;
using IrBot.Work;
using Microsoft.EntityFrameworkCore;

namespace IrBot.SlackApp;

/// <summary>
/// Modal submissions are answered inline (Slack wants field errors in the response), and so are
/// block_suggestions (the options are the response). Buttons and
/// shortcuts are stored as durable work and answered 200 at once; their handlers run right after.
/// Each finds only the handler its callback_id or action_id names.
/// </summary>
public sealed class InteractionDispatcher(
    IServiceProvider services,
    [FromKeyedServices(typeof(IViewSubmissionHandler))] HandlerRegistry submissions,
    [FromKeyedServices(typeof(IBlockActionHandler))] HandlerRegistry actions,
    [FromKeyedServices(typeof(IShortcutHandler))] HandlerRegistry shortcuts,
    [FromKeyedServices(typeof(IBlockSuggestionHandler))] HandlerRegistry suggestions,
    IrBotDbContext db,
    WorkQueue work,
    ClickerReplies responses,
    TimeProvider time,
    ILogger<InteractionDispatcher> logger)
{
    public async Task<SlackAck> AcceptAsync(InteractionPayload payload, string json, CancellationToken cancellationToken)
    {
        switch (payload.Type)
        {
            case InteractionTypes.ViewSubmission when payload.View?.CallbackId is { } callbackId:
                if (submissions.Resolve(services, callbackId) is not IViewSubmissionHandler submission)
                {
                    logger.LogWarning("No handler for view submission {CallbackId}", callbackId);
                    return SlackAck.Empty;
                }

                return await SubmitOnceAsync(submission, payload, payload.View, cancellationToken);

            case InteractionTypes.BlockSuggestion when payload.ActionId is { } actionId:
                if (suggestions.Resolve(services, actionId) is not IBlockSuggestionHandler suggestion)
                {
                    logger.LogWarning("No handler for block suggestion {ActionId}", actionId);
                    return SlackAck.With(OptionsResponse.None);
                }

                return SlackAck.With(await suggestion.SuggestAsync(payload, cancellationToken));

            case InteractionTypes.BlockActions when payload.Actions is { Count: > 0 } && payload.Actions.All(OpensModal):
                await OpenModalsAsync(payload, cancellationToken);
                return SlackAck.Empty;

            case InteractionTypes.BlockActions when payload.Actions is { Count: > 0 }:
            case InteractionTypes.MessageAction or InteractionTypes.Shortcut when payload.CallbackId is not null:
                if (!IsHandled(payload))
                {
                    logger.LogInformation("Ignoring {Type} interaction nobody handles", payload.Type);
                    return SlackAck.Empty;
                }

                await QueueOnceAsync(payload, json, cancellationToken);
                return SlackAck.Empty;

            default:
                logger.LogInformation("Ignoring interaction of type {Type}", payload.Type);
                return SlackAck.Empty;
        }
    }

    /// <summary>
    /// Stores the click with its identity in one save: a second delivery of the same click (same action_ts, same
    /// trigger) finds the identity taken and is stored only to tell the clicker it is already being handled.
    /// </summary>
    private async Task QueueOnceAsync(InteractionPayload payload, string json, CancellationToken cancellationToken)
    {
        var requester = payload.User?.Id is { } userId
            ? new WorkRequester(userId, payload.Type == InteractionTypes.BlockActions ? "what you clicked" : "the shortcut you used", payload.ResponseUrl)
            : null;
        var claim = Claim(InteractionIdentity.Of(payload), payload.Type);
        var item = work.Add(db, SlackInteractionWork.Kind, new SlackInteractionRequest(json), requester: requester);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (claim is not null)
        {
            if (!await IsClaimedAsync(claim.EventId))
            {
                throw;
            }

            db.Entry(claim).State = EntityState.Detached;
            db.Entry(item).State = EntityState.Detached;
            logger.LogInformation("A {Type} interaction arrived again; the clicker is told it is already being handled", payload.Type);
            work.Add(db, SlackInteractionWork.Kind, new SlackInteractionRequest(json, Duplicate: true));
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Runs a submission with its identity added to the handler's own save, so that of three submits of one modal
    /// exactly one commits what it caused; the others close the modal without acting.
    /// </summary>
    private async Task<SlackAck> SubmitOnceAsync(IViewSubmissionHandler submission, InteractionPayload payload, ViewPayload view, CancellationToken cancellationToken)
    {
        var claim = Claim(InteractionIdentity.OfSubmission(view), payload.Type);
        try
        {
            var result = await submission.HandleAsync(payload, view, cancellationToken);
            if (claim is not null && db.Entry(claim).State == EntityState.Added)
            {
                // Not saved (field errors, or nothing to store): a corrected submit of the same view must still act.
                db.Entry(claim).State = EntityState.Detached;
            }

            return result.ToAck();
        }
        catch (DbUpdateException) when (claim is not null)
        {
            if (!await IsClaimedAsync(claim.EventId))
            {
                throw;
            }

            logger.LogInformation("Modal {CallbackId} was submitted again; the first submit acts", view.CallbackId);
            return SlackAck.Empty;
        }
    }

    private ProcessedEvent? Claim(string? identity, string type)
    {
        if (identity is null)
        {
            return null;
        }

        var claim = new ProcessedEvent { EventId = identity, EventType = type, ReceivedAt = time.GetUtcNow().UtcDateTime };
        db.ProcessedEvents.Add(claim);
        return claim;
    }

    private async Task<bool> IsClaimedAsync(string identity)
    {
        // A fresh context: this one holds the failed save.
        await using var scope = services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        var fresh = scope.ServiceProvider.GetRequiredService<IrBotDbContext>();
        return await fresh.ProcessedEvents.AsNoTracking().AnyAsync(e => e.EventId == identity, CancellationToken.None);
    }

    private bool OpensModal(BlockAction action) => actions.Find(action.ActionId)?.OpensModal == true;

    private async Task OpenModalsAsync(InteractionPayload payload, CancellationToken cancellationToken)
    {
        foreach (var action in payload.Actions!)
        {
            var handler = (IBlockActionHandler)actions.Resolve(services, action.ActionId)!;
            try
            {
                await handler.HandleAsync(payload, action, cancellationToken);
            }
            catch (SlackApiException ex) when (ex.Error is "expired_trigger_id" or "exchanged_trigger_id")
            {
                logger.LogWarning("Could not open the modal for {ActionId}: {Error}", action.ActionId, ex.Error);
                await responses.TellAsync(payload, "Slack took too long to open the form; please click again.", cancellationToken);
            }
        }
    }

    private bool IsHandled(InteractionPayload payload) =>
        payload.Type == InteractionTypes.BlockActions
            ? payload.Actions!.Any(a => actions.Find(a.ActionId) is not null)
            : shortcuts.Find(payload.CallbackId!) is not null;
}
