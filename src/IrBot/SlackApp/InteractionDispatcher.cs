using IrBot.Data;
using IrBot.Slack;
using IrBot.Slack.BlockKit;
using IrBot.Slack.Payloads;
using IrBot.Slack.WebApi;
using IrBot.Work;

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
    ILogger<InteractionDispatcher> logger)
{
    public async Task<IResult> AcceptAsync(InteractionPayload payload, string json, CancellationToken cancellationToken)
    {
        switch (payload.Type)
        {
            case InteractionTypes.ViewSubmission when payload.View?.CallbackId is { } callbackId:
                if (submissions.Resolve(services, callbackId) is not IViewSubmissionHandler submission)
                {
                    logger.LogWarning("No handler for view submission {CallbackId}", callbackId);
                    return Results.Ok();
                }

                var result = await submission.HandleAsync(payload, payload.View, cancellationToken);
                return result.ToResult();

            case InteractionTypes.BlockSuggestion when payload.ActionId is { } actionId:
                if (suggestions.Resolve(services, actionId) is not IBlockSuggestionHandler suggestion)
                {
                    logger.LogWarning("No handler for block suggestion {ActionId}", actionId);
                    return Results.Json(OptionsResponse.None, SlackJson.Options);
                }

                return Results.Json(await suggestion.SuggestAsync(payload, cancellationToken), SlackJson.Options);

            case InteractionTypes.BlockActions when payload.Actions is { Count: > 0 } && payload.Actions.All(OpensModal):
                await OpenModalsAsync(payload, cancellationToken);
                return Results.Ok();

            case InteractionTypes.BlockActions when payload.Actions is { Count: > 0 }:
            case InteractionTypes.MessageAction or InteractionTypes.Shortcut when payload.CallbackId is not null:
                if (!IsHandled(payload))
                {
                    logger.LogInformation("Ignoring {Type} interaction nobody handles", payload.Type);
                    return Results.Ok();
                }

                work.Add(db, SlackInteractionWork.Kind, new SlackInteractionRequest(json));
                await db.SaveChangesAsync(cancellationToken);
                return Results.Ok();

            default:
                logger.LogInformation("Ignoring interaction of type {Type}", payload.Type);
                return Results.Ok();
        }
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
