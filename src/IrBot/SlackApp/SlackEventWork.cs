using System.Text.Json;
using IrBot.Slack;
using IrBot.Slack.Payloads;
using IrBot.Work;
using Microsoft.Extensions.DependencyInjection;

namespace IrBot.SlackApp;

/// <summary>Hands a stored event to the handler of its type.</summary>
public sealed class SlackEventWork(
    IServiceProvider services,
    [FromKeyedServices(typeof(ISlackEventHandler))] HandlerRegistry handlers,
    BotIdentity bot,
    ILogger<SlackEventWork> logger) : IWorkHandler
{
    public static string Kind => "slackapp.slack-event";

    public static IReadOnlyList<string> FormerKinds => ["slack-event"];

    public async Task<WorkResult> ExecuteAsync(WorkContext context, CancellationToken cancellationToken)
    {
        var work = context.Payload<SlackEventRequest>();
        using var doc = JsonDocument.Parse(work.EventJson);
        var slackEvent = doc.RootElement.Deserialize<SlackEvent>(SlackJson.Options)
            ?? throw new InvalidOperationException("Empty event");
        var botUserId = work.BotUserId ?? await bot.UserIdAsync(cancellationToken);

        if (handlers.Resolve(services, slackEvent.Type) is not ISlackEventHandler handler)
        {
            logger.LogDebug("No handler for Slack event type {Type}", slackEvent.Type);
            return WorkResult.Done;
        }

        await handler.HandleAsync(new SlackEventContext(work.EventId, slackEvent, doc.RootElement, botUserId), cancellationToken);
        return WorkResult.Done;
    }
}
