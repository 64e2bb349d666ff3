using IrBot.Slack.Payloads;

namespace IrBot.SlackApp;

/// <summary>A modal submission, registered under the view's <c>callback_id</c>.</summary>
public interface IViewSubmissionHandler
{
    static abstract string CallbackId { get; }

    /// <summary>Must answer within 3 s: validate, store, queue; return field errors or close.</summary>
    Task<ViewSubmissionResult> HandleAsync(InteractionPayload payload, ViewPayload view, CancellationToken cancellationToken);
}
