using IrBot.Integrations.Confluence;
using Microsoft.Extensions.Options;

namespace IrBot.Incidents.Archiving;

/// <summary>Adds the resolution and summary to the page (once, found by its anchor).</summary>
public sealed class ResolvePageStep(IConfluenceApi confluence, IOptions<ConfluenceOptions> options) : IArchiveStep
{
    public const string Anchor = "irbot-resolution";
    public string Name => "confluence-page";
    public string Description => "Resolution on the Confluence page";
    public int Order => 10;
    public bool Required => false;
    public bool IsEnabled => options.Value.Enabled;

    public async Task RunAsync(ArchiveContext context, CancellationToken cancellationToken)
    {
        if (context.Incident.ConfluencePageId is not { } pageId)
        {
            return;
        }

        var request = context.Request;
        var section =
            $"<h2>Resolution</h2><p><ac:structured-macro ac:name=\"anchor\"><ac:parameter ac:name=\"\">{Anchor}</ac:parameter></ac:structured-macro>"
            + $"<strong>Resolution:</strong> {ConfluencePages.Escape(request.ResolutionStatus)}. <strong>Impact:</strong> {ConfluencePages.Escape(request.ImpactStatus)}.</p>"
            + $"<p>{ConfluencePages.Escape(request.Summary).Replace("\n", "<br/>", StringComparison.Ordinal)}</p>";
        await ConfluencePages.AddSectionOnceAsync(confluence, pageId, Anchor, section, SectionPlace.Bottom, cancellationToken);
    }
}
