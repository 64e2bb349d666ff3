using IrBot.Integrations.Confluence;
using Microsoft.Extensions.Options;

namespace IrBot.Incidents.Archiving;

/// <summary>
/// Sets the page status to "Resolved" after every other page edit of the archive (the timeline's last
/// publish is step 40): setting the content state publishes a new page version, so it goes last. How it is
/// shown depends on the space (<see cref="ConfluencePageStatus"/>); a resume writes nothing.
/// </summary>
public sealed class PageResolvedStep(IConfluenceApi confluence, IOptions<ConfluenceOptions> options) : IArchiveStep
{
    public static string Resolved => PageStatus.Resolved.Name;

    public string Name => "confluence-status";
    public string Description => "Confluence page status Resolved";
    public int Order => 50;
    public bool Required => false;
    public bool IsEnabled => options.Value.Enabled;

    public async Task RunAsync(ArchiveContext context, CancellationToken cancellationToken)
    {
        if (context.Incident.ConfluencePageId is { } pageId)
        {
            await ConfluencePageStatus.SetAsync(confluence, options.Value.SpaceKey!, pageId, PageStatus.Resolved, cancellationToken);
        }
    }
}
