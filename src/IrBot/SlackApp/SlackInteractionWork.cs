using IrBot.Slack.Payloads;
using IrBot.Work;

namespace IrBot.SlackApp;

/// <summary>Runs a stored button click or shortcut with the one handler its action id or callback id names.</summary>
public sealed class SlackInteractionWork(
    IServiceProvider services,
    [FromKeyedServices(typeof(IBlockActionHandler))] HandlerRegistry actions,
    [FromKeyedServices(typeof(IShortcutHandler))] HandlerRegistry shortcuts,
    ClickerReplies replies) : IWorkHandler
{
    public static string Kind => "slackapp.slack-interaction";

    public static IReadOnlyList<string> FormerKinds => ["slack-interaction"];

    public async Task<WorkResult> ExecuteAsync(WorkContext context, CancellationToken cancellationToken)
    {
        var request = context.Payload<SlackInteractionRequest>();
        var payload = InteractionPayload.Parse(request.PayloadJson)
            ?? throw new InvalidOperationException("Empty interaction payload");
        if (request.Duplicate)
        {
            await replies.TellAsync(payload, ":hourglass_flowing_sand: That click is already in progress or done; it acts once.", cancellationToken);
            return WorkResult.Done;
        }

        if (payload.Type == InteractionTypes.BlockActions)
        {
            foreach (var action in payload.Actions ?? [])
            {
                if (action.ActionId is { } id && actions.Resolve(services, id) is IBlockActionHandler handler)
                {
                    await handler.HandleAsync(payload, action, cancellationToken);
                }
            }
        }
        else if (payload.CallbackId is { } callbackId && shortcuts.Resolve(services, callbackId) is IShortcutHandler shortcut)
        {
            await shortcut.HandleAsync(payload, cancellationToken);
        }

        return WorkResult.Done;
    }
}
