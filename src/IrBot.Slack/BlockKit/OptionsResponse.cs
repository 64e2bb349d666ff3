namespace IrBot.Slack.BlockKit;

/// <summary>
/// The answer to a <c>block_suggestion</c> (an external select asking for options), within 3 s: at most
/// <see cref="BlockLimits.SelectOptions"/> options, or as many option groups.
/// </summary>
public sealed record OptionsResponse
{
    public IReadOnlyList<OptionObject>? Options { get; init; }
    public IReadOnlyList<OptionGroup>? OptionGroups { get; init; }

    public static OptionsResponse None { get; } = new() { Options = [] };
}
