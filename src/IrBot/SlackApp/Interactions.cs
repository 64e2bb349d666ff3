using IrBot.Slack.Payloads;

namespace IrBot.SlackApp;

/// <summary>A button or select in a message or modal, found by <see cref="ActionId"/>.</summary>
public interface IBlockActionHandler
{
    string ActionId { get; }

    /// <summary>
    /// True for buttons that open a modal: they run inside the request, because the trigger_id expires
    /// 3 s after the click and queued work may wait behind slow jobs. Keep them to a check and views.open.
    /// </summary>
    bool OpensModal => false;

    /// <summary>Runs after Slack has been answered; refuse or confirm with an ephemeral message.</summary>
    Task HandleAsync(InteractionPayload payload, BlockAction action, CancellationToken cancellationToken);
}

/// <summary>A modal submission, found by the view's <c>callback_id</c>.</summary>
public interface IViewSubmissionHandler
{
    string CallbackId { get; }

    /// <summary>Must answer within 3 s: validate, store, queue; return field errors or close.</summary>
    Task<ViewSubmissionResult> HandleAsync(InteractionPayload payload, ViewPayload view, CancellationToken cancellationToken);
}

/// <summary>A message or global shortcut, found by <c>callback_id</c>.</summary>
public interface IShortcutHandler
{
    string CallbackId { get; }

    Task HandleAsync(InteractionPayload payload, CancellationToken cancellationToken);
}

/// <summary>What a view_submission answers: close the modal, or show errors next to the inputs.</summary>
public sealed record ViewSubmissionResult
{
    public IReadOnlyDictionary<string, string>? Errors { get; private init; }

    public static readonly ViewSubmissionResult Close = new();

    /// <summary>Keys are input <c>block_id</c>s.</summary>
    public static ViewSubmissionResult WithErrors(IReadOnlyDictionary<string, string> errors) => new() { Errors = errors };

    public IResult ToResult() =>
        Errors is { Count: > 0 }
            ? Results.Json(new { response_action = "errors", errors = Errors })
            : Results.Ok();
}
