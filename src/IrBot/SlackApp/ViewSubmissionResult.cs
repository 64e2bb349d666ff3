using IrBot.Slack.Payloads;

namespace IrBot.SlackApp;

/// <summary>What a view_submission answers: close the modal, or show errors next to the inputs.</summary>
public sealed record ViewSubmissionResult
{
    public IReadOnlyDictionary<string, string>? Errors { get; private init; }

    public static readonly ViewSubmissionResult Close = new();

    /// <summary>Keys are input <c>block_id</c>s.</summary>
    public static ViewSubmissionResult WithErrors(IReadOnlyDictionary<string, string> errors) => new() { Errors = errors };

    public SlackAck ToAck() =>
        Errors is { Count: > 0 }
            ? SlackAck.With(new { response_action = "errors", errors = Errors })
            : SlackAck.Empty;
}
