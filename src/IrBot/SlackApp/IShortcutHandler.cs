using IrBot.Slack.Payloads;

namespace IrBot.SlackApp;

/// <summary>A message or global shortcut, registered under its <c>callback_id</c>.</summary>
public interface IShortcutHandler
{
    static abstract string CallbackId { get; }

    Task HandleAsync(InteractionPayload payload, CancellationToken cancellationToken);
}
