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

/// <summary>An option of a select, radio group or checkbox group (text ≤ 75, value ≤ 150).</summary>
public sealed record OptionObject
{
    public const int MaxTextLength = 75;
    public const int MaxValueLength = 150;

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

public static class BlockLimits
{
    public const int MessageBlocks = 50;
    public const int ModalBlocks = 100;
    public const int SectionText = 3000;
    public const int HeaderText = 150;
    public const int ButtonText = 75;
    public const int ButtonValue = 2000;
    public const int SelectOptions = 100;
    public const int ModalTitle = 24;
    public const int PrivateMetadata = 3000;
    public const int MessageText = 4000;

    /// <summary>Cuts text to a Block Kit limit, marking the cut with an ellipsis (never splitting a surrogate pair).</summary>
    public static string Truncate(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var keep = max - 1;
        if (keep > 0 && char.IsHighSurrogate(text[keep - 1]))
        {
            keep--;
        }

        return string.Concat(text.AsSpan(0, keep), "…");
    }
}
