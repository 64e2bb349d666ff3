namespace IrBot.Slack.BlockKit;

/// <summary>
/// A modal for views.open / views.update. Title, submit and close ≤ 24 characters; at most 100 blocks;
/// <c>private_metadata</c> ≤ 3000 characters comes back in view_submission.
/// </summary>
public sealed record ModalView
{
    public string Type { get; init; } = "modal";
    public required string CallbackId { get; init; }
    public required TextObject Title { get; init; }
    public TextObject? Submit { get; init; }
    public TextObject? Close { get; init; }
    public required IReadOnlyList<Block> Blocks { get; init; }
    public string? PrivateMetadata { get; init; }
    public string? ExternalId { get; init; }
    public bool? NotifyOnClose { get; init; }

    public static ModalView Create(string callbackId, string title, IReadOnlyList<Block> blocks, string? submit = "Submit", string? privateMetadata = null) =>
        new()
        {
            CallbackId = callbackId,
            Title = TextObject.Plain(BlockLimits.Truncate(title, BlockLimits.ModalTitle)),
            Submit = submit is null ? null : TextObject.Plain(submit),
            Close = TextObject.Plain("Cancel"),
            Blocks = blocks,
            PrivateMetadata = privateMetadata,
        };
}
