using IrBot.Incidents.Steps;
using IrBot.Integrations.Confluence;
using IrBot.Integrations.TheHive;
using Microsoft.Extensions.Options;

namespace IrBot.Incidents.Opening;

/// <summary>Adds the case number and link to the top of the page (once: it looks for the link first).</summary>
public sealed class CaseOnPageStep(IConfluenceApi confluence, IOptions<ConfluenceOptions> confluenceOptions, IOptions<TheHiveOptions> theHiveOptions) : IOpeningStep
{
    public string Name => "case-on-page";
    public string Description => "Case linked on the page";
    public int Order => 50;
    public bool Required => false;
    public bool IsEnabled => confluenceOptions.Value.Enabled && theHiveOptions.Value.Enabled;

    public Task RunAsync(OpeningContext context, CancellationToken cancellationToken)
    {
        var incident = context.Incident;
        var pageId = incident.ConfluencePageId ?? throw new WaitingException("Waiting for the Confluence page");
        var caseUrl = incident.TheHiveCaseUrl ?? throw new WaitingException("Waiting for the TheHive case");
        var href = ConfluencePages.Escape(caseUrl);
        var paragraph = $"<p>TheHive case <a href=\"{href}\">#{incident.TheHiveCaseNumber}</a></p>";
        return ConfluencePages.AddSectionOnceAsync(confluence, pageId, href, paragraph, SectionPlace.Top, cancellationToken);
    }
}
