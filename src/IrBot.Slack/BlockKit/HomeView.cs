namespace IrBot.Slack.BlockKit;

/// <summary>The App Home tab's view for views.publish: at most 100 blocks, no title or buttons of its own.</summary>
public sealed record HomeView
{
    public string Type { get; init; } = "home";
    public required IReadOnlyList<Block> Blocks { get; init; }
    public string? CallbackId { get; init; }
    public string? PrivateMetadata { get; init; }
    public string? ExternalId { get; init; }
}
