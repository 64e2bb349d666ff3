using IrBot.Data;
using IrBot.Slack.Payloads;
using IrBot.Work;

namespace IrBot.SlackApp;

/// <summary>
/// Modal submissions are answered inline (Slack wants field errors in the response). Buttons and
/// shortcuts are stored as durable work and answered 200 at once; their handlers run right after.
/// </summary>
public sealed class InteractionDispatcher(
    IEnumerable<IViewSubmissionHandler> submissions,
    IEnumerable<IBlockActionHandler> actions,
    IEnumerable<IShortcutHandler> shortcuts,
    IrBotDbContext db,
    WorkQueue work,
    ILogger<InteractionDispatcher> logger)
{
    public async Task<IResult> AcceptAsync(InteractionPayload payload, string json, CancellationToken cancellationToken)
    {
        switch (payload.Type)
        {
            case InteractionTypes.ViewSubmission when payload.View?.CallbackId is { } callbackId:
                var submission = submissions.FirstOrDefault(s => s.CallbackId == callbackId);
                if (submission is null)
                {
                    logger.LogWarning("No handler for view submission {CallbackId}", callbackId);
                    return Results.Ok();
                }

                var result = await submission.HandleAsync(payload, payload.View, cancellationToken);
                return result.ToResult();

            case InteractionTypes.BlockActions when payload.Actions is { Count: > 0 }:
            case InteractionTypes.MessageAction or InteractionTypes.Shortcut when payload.CallbackId is not null:
                if (!IsHandled(payload))
                {
                    logger.LogInformation("Ignoring {Type} interaction nobody handles", payload.Type);
                    return Results.Ok();
                }

                work.Add(db, SlackInteractionWork.Kind, new SlackInteractionWork(json));
                await db.SaveChangesAsync(cancellationToken);
                work.Notify();
                return Results.Ok();

            default:
                logger.LogInformation("Ignoring interaction of type {Type}", payload.Type);
                return Results.Ok();
        }
    }

    private bool IsHandled(InteractionPayload payload) =>
        payload.Type == InteractionTypes.BlockActions
            ? payload.Actions!.Any(a => actions.Any(h => h.ActionId == a.ActionId))
            : shortcuts.Any(s => s.CallbackId == payload.CallbackId);
}

public sealed record SlackInteractionWork(string PayloadJson)
{
    public const string Kind = "slack-interaction";
}

/// <summary>Runs a stored button click or shortcut.</summary>
public sealed class SlackInteractionWorkHandler(IEnumerable<IBlockActionHandler> actions, IEnumerable<IShortcutHandler> shortcuts)
    : IWorkHandler
{
    public string Kind => SlackInteractionWork.Kind;

    public async Task<WorkResult> ExecuteAsync(WorkContext context, CancellationToken cancellationToken)
    {
        var payload = InteractionPayload.Parse(context.Payload<SlackInteractionWork>().PayloadJson)
            ?? throw new InvalidOperationException("Empty interaction payload");
        if (payload.Type == InteractionTypes.BlockActions)
        {
            foreach (var action in payload.Actions ?? [])
            {
                var handler = actions.FirstOrDefault(h => h.ActionId == action.ActionId);
                if (handler is not null)
                {
                    await handler.HandleAsync(payload, action, cancellationToken);
                }
            }
        }
        else if (shortcuts.FirstOrDefault(s => s.CallbackId == payload.CallbackId) is { } shortcut)
        {
            await shortcut.HandleAsync(payload, cancellationToken);
        }

        return WorkResult.Done;
    }
}
