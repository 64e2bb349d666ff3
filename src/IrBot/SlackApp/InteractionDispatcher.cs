using IrBot.Data;
using IrBot.Slack.Payloads;
using IrBot.Slack.WebApi;
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
    ClickerReplies responses,
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

                work.Add(db, SlackInteractionWork.Kind, new SlackInteractionWork(json));
                await db.SaveChangesAsync(cancellationToken);
                work.Notify();
                return Results.Ok();

            default:
                logger.LogInformation("Ignoring interaction of type {Type}", payload.Type);
                return Results.Ok();
        }
    }

    private bool OpensModal(BlockAction action) => actions.FirstOrDefault(h => h.ActionId == action.ActionId)?.OpensModal == true;

    private async Task OpenModalsAsync(InteractionPayload payload, CancellationToken cancellationToken)
    {
        foreach (var action in payload.Actions!)
        {
            var handler = actions.First(h => h.ActionId == action.ActionId);
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

/// <summary>
/// An ephemeral answer to whoever clicked or used a shortcut: through the payload's response_url, else
/// chat.postEphemeral where they were (in the thread, for a thread message). A lost answer is logged, not
/// retried: the work it confirms is already stored.
/// </summary>
public sealed class ClickerReplies(ISlackChatApi chat, SlackResponseUrlClient responseUrl, ILogger<ClickerReplies> logger)
{
    public async Task TellAsync(InteractionPayload payload, string text, CancellationToken cancellationToken)
    {
        try
        {
            if (payload.ResponseUrl is { Length: > 0 } url)
            {
                await responseUrl.SendAsync(url, ResponseUrlMessage.Ephemeral(text), cancellationToken);
                return;
            }

            if ((payload.Channel?.Id ?? payload.Container?.ChannelId) is { } channel && payload.User?.Id is { } user)
            {
                await chat.PostEphemeralAsync(new EphemeralMessage { Channel = channel, User = user, Text = text, ThreadTs = payload.Message?.ThreadTs }, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is SlackApiException or HttpRequestException or Refit.ApiException)
        {
            logger.LogWarning("Could not answer the clicker: {Error}", ex.Message);
        }
    }
}
