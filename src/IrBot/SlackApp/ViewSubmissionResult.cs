using IrBot.Slack.BlockKit;
using IrBot.Slack.Payloads;

namespace IrBot.SlackApp;

/// <summary>What a view_submission answers: close the modal, show errors next to the inputs, or show another view.</summary>
public sealed record ViewSubmissionResult
{
    public IReadOnlyDictionary<string, string>? Errors { get; private init; }

    /// <summary>The view that replaces the submitted one (<c>response_action: update</c>).</summary>
    public ModalView? View { get; private init; }

    public static readonly ViewSubmissionResult Close = new();

    /// <summary>Keys are input <c>block_id</c>s.</summary>
    public static ViewSubmissionResult WithErrors(IReadOnlyDictionary<string, string> errors) => new() { Errors = errors };

    /// <summary>For a modal with no input to hang an error on: say it in the modal itself.</summary>
    public static ViewSubmissionResult UpdateTo(ModalView view) => new() { View = view };

    public SlackAck ToAck() =>
        Errors is { Count: > 0 } ? SlackAck.With(new { response_action = "errors", errors = Errors })
        : View is not null ? SlackAck.With(new { response_action = "update", view = View })
        : SlackAck.Empty;
}
