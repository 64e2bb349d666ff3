using IrBot.Slack;
using System.Text.Json;
using IrBot.Slack.Payloads;
using IrBot.Work;

namespace IrBot.SlackApp;

/// <summary>Reacts to one inner event type (<c>member_joined_channel</c>, <c>channel_archive</c>, …). Runs as durable work.</summary>
public interface ISlackEventHandler
{
    string EventType { get; }

    Task HandleAsync(SlackEventContext context, CancellationToken cancellationToken);
}

public sealed record SlackEventContext(string EventId, SlackEvent Event, JsonElement Raw, string? BotUserId);

/// <summary>The queued form of an accepted event.</summary>
public sealed record SlackEventWork(string EventId, string EventJson, string? BotUserId)
{
    public const string Kind = "slack-event";
}

/// <summary>Hands a stored event to every handler of its type.</summary>
public sealed class SlackEventWorkHandler(IEnumerable<ISlackEventHandler> handlers, BotIdentity bot, ILogger<SlackEventWorkHandler> logger)
    : IWorkHandler
{
    public string Kind => SlackEventWork.Kind;

    public async Task<WorkResult> ExecuteAsync(WorkContext context, CancellationToken cancellationToken)
    {
        var work = context.Payload<SlackEventWork>();
        using var doc = JsonDocument.Parse(work.EventJson);
        var slackEvent = doc.RootElement.Deserialize<SlackEvent>(SlackJson.Options)
            ?? throw new InvalidOperationException("Empty event");
        var botUserId = work.BotUserId ?? await bot.UserIdAsync(cancellationToken);

        var matching = handlers.Where(h => h.EventType == slackEvent.Type).ToList();
        if (matching.Count == 0)
        {
            logger.LogDebug("No handler for Slack event type {Type}", slackEvent.Type);
        }

        foreach (var handler in matching)
        {
            await handler.HandleAsync(new SlackEventContext(work.EventId, slackEvent, doc.RootElement, botUserId), cancellationToken);
        }

        return WorkResult.Done;
    }
}
