using IrBot.Slack.BlockKit;

namespace IrBot.SlackApp;

/// <summary>The immediate answer to a slash command or interaction, sent in the HTTP response or the Socket Mode acknowledgement.</summary>
public sealed record CommandReply
{
    public required string Text { get; init; }
    public IReadOnlyList<Block>? Blocks { get; init; }
    public bool InChannel { get; init; }

    /// <summary>Only the person who ran the command sees it.</summary>
    public static CommandReply Ephemeral(string text, IReadOnlyList<Block>? blocks = null) => new() { Text = text, Blocks = blocks };

    public static CommandReply Public(string text, IReadOnlyList<Block>? blocks = null) => new() { Text = text, Blocks = blocks, InChannel = true };

    /// <summary>Nothing to show (for example a modal was opened instead).</summary>
    public static readonly CommandReply None = new() { Text = string.Empty };

    public SlackAck ToAck() =>
        Text.Length == 0 && Blocks is null
            ? SlackAck.Empty
            : SlackAck.With(new { response_type = InChannel ? "in_channel" : "ephemeral", text = Text, blocks = Blocks });
}
