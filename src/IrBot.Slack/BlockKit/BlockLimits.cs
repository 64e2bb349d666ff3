namespace IrBot.Slack.BlockKit;

/// <summary>
/// Slack's Block Kit limits, in one place (https://api.slack.com/reference/block-kit), and the one way to cut
/// text to them.
/// </summary>
public static class BlockLimits
{
    public const int MessageBlocks = 50;
    public const int ModalBlocks = 100;
    public const int SectionText = 3000;
    public const int HeaderText = 150;
    public const int ButtonText = 75;
    public const int ButtonValue = 2000;
    public const int OptionText = 75;
    public const int OptionValue = 150;
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
