using IrBot.Slack.BlockKit;

namespace IrBot.Slack.WebApi;

/// <summary>The body posted to a <c>response_url</c>.</summary>
public sealed record ResponseUrlMessage
{
    public required string Text { get; init; }
    public IReadOnlyList<Block>? Blocks { get; init; }
    /// <summary><c>ephemeral</c> (default) or <c>in_channel</c>.</summary>
    public string? ResponseType { get; init; }

    /// <summary>True: this answer takes the place of the message it answers (for a slash command, the command's own reply).</summary>
    public bool? ReplaceOriginal { get; init; }

    public static ResponseUrlMessage Ephemeral(string text, IReadOnlyList<Block>? blocks = null) =>
        new() { Text = text, Blocks = blocks, ResponseType = "ephemeral" };
}
