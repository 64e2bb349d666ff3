using IrBot.Slack.Payloads;

namespace IrBot.SlackApp;

/// <summary>A button or select in a message or modal, registered under its <see cref="ActionId"/>.</summary>
public interface IBlockActionHandler
{
    static abstract string ActionId { get; }

    /// <summary>
    /// True for buttons that open a modal: they run inside the request, because the trigger_id expires
    /// 3 s after the click and queued work may wait behind slow jobs. Keep them to a check and views.open.
    /// </summary>
    static virtual bool OpensModal => false;

    /// <summary>Runs after Slack has been answered; refuse or confirm with an ephemeral message.</summary>
    Task HandleAsync(InteractionPayload payload, BlockAction action, CancellationToken cancellationToken);
}
