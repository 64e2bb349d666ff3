namespace IrBot.Slack.BlockKit;

/// <summary>A composition text object: <c>plain_text</c> or <c>mrkdwn</c>.</summary>
public sealed record TextObject
{
    public required string Type { get; init; }
    public required string Text { get; init; }
    public bool? Emoji { get; init; }

    public static TextObject Plain(string text) => new() { Type = "plain_text", Text = text, Emoji = true };

    public static TextObject Markdown(string text) => new() { Type = "mrkdwn", Text = text };
}

/// <summary>An option of a select, radio group or checkbox group (see <see cref="BlockLimits"/>).</summary>
public sealed record OptionObject
{
    public const int MaxTextLength = BlockLimits.OptionText;
    public const int MaxValueLength = BlockLimits.OptionValue;

    public required TextObject Text { get; init; }
    public required string Value { get; init; }
    public TextObject? Description { get; init; }

    public static OptionObject Of(string text, string value) =>
        new() { Text = TextObject.Plain(BlockLimits.Truncate(text, MaxTextLength)), Value = value };
}

public sealed record ConfirmObject
{
    public required TextObject Title { get; init; }
    public required TextObject Text { get; init; }
    public required TextObject Confirm { get; init; }
    public required TextObject Deny { get; init; }
}
