using System.Globalization;
using IrBot.Integrations.Confluence;
using Microsoft.Extensions.Options;

namespace IrBot.Incidents.Opening;

/// <summary>
/// The incident page: built from the major-incident template, titled "channel: title" under the parent page,
/// labelled, page status "In progress" (as the space allows: see <see cref="ConfluencePageStatus"/>).
/// Design: the issue lists the page before the channel, but the page title carries the channel name and that
/// name is only final once Slack has accepted it (a taken name moves to the next suffix). So the channel is
/// made first (order 20), the team is invited (30) so that a slow Confluence never keeps responders out, and
/// then the page is made (40) with the name the channel really has.
/// </summary>
public sealed class ConfluencePageStep(IConfluenceApi confluence, IOptions<ConfluenceOptions> options, ILogger<ConfluencePageStep> logger) : IOpeningStep
{
    public const string Label = "major-incident";

    public string Name => "confluence-page";
    public string Description => "Confluence page";
    public int Order => 40;
    public bool Required => false;
    public bool IsEnabled => options.Value.Enabled;

    public static string PageTitle(Incident incident) => $"{incident.ChannelName}: {incident.Title}";

    public async Task RunAsync(OpeningContext context, CancellationToken cancellationToken)
    {
        var incident = context.Incident;
        _ = incident.ChannelName ?? throw new InvalidOperationException("The channel does not exist yet");
        var settings = options.Value;
        if (incident.ConfluencePageId is null)
        {
            var spaces = await confluence.GetSpacesAsync(settings.SpaceKey!, cancellationToken);
            var spaceId = (spaces.Results.Count > 0 ? spaces.Results[0].Id : null)
                ?? throw new InvalidOperationException($"Confluence space {settings.SpaceKey} was not found");
            var title = PageTitle(incident);

            // Look before creating: a create that timed out (or a crash after it) may have made the page.
            var list = await confluence.FindPagesAsync(spaceId, title, cancellationToken);
            var page = list.Results.Count > 0 ? list.Results[0] : null;
            if (page is not null)
            {
                logger.LogInformation("Incident {Number}: adopting existing Confluence page {PageId}", incident.Number, page.Id);
            }
            else
            {
                page = await confluence.CreatePageAsync(
                    new CreatePageRequest
                    {
                        SpaceId = spaceId,
                        Title = title,
                        ParentId = string.IsNullOrWhiteSpace(settings.ParentPageId) ? null : settings.ParentPageId,
                        Body = new StorageBody { Value = await BodyAsync(incident, cancellationToken) },
                    },
                    cancellationToken);
            }

            incident.ConfluencePageId = page.Id;
            incident.ConfluencePageUrl = page.WebUrl(list.Links?.Base ?? settings.WikiBaseUrl);
            await context.Db.SaveChangesAsync(cancellationToken);
        }

        // Labels are idempotent and the status is written only when the page does not show it yet,
        // so a resumed step simply does both again.
        await confluence.AddLabelsAsync(
            incident.ConfluencePageId,
            [new ConfluenceLabel { Name = Label }, new ConfluenceLabel { Name = incident.ChannelName!.ToLowerInvariant() }],
            cancellationToken);
        await ConfluencePageStatus.SetAsync(confluence, settings.SpaceKey!, incident.ConfluencePageId, PageStatus.InProgress, cancellationToken);
    }

    private async Task<string> BodyAsync(Incident incident, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        string? template = null;
        if (!string.IsNullOrWhiteSpace(settings.TemplateId))
        {
            template = (await confluence.GetTemplateAsync(settings.TemplateId, cancellationToken)).Body?.Storage?.Value;
        }
        else if (!string.IsNullOrWhiteSpace(settings.TemplatePageId))
        {
            template = (await confluence.GetPageAsync(settings.TemplatePageId, cancellationToken)).Body?.Storage?.Value;
        }

        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["title"] = incident.Title,
            ["incident"] = IncidentMessages.Name(incident),
            ["number"] = incident.Number.ToString(CultureInfo.InvariantCulture),
            ["channel"] = incident.ChannelName ?? string.Empty,
            ["opened"] = incident.OpenedAt.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
        };
        return template is null
            ? $"<h2>Summary</h2><p>{ConfluencePages.Escape(IncidentMessages.Name(incident))}</p><p>Slack channel: #{ConfluencePages.Escape(incident.ChannelName ?? string.Empty)}</p>"
            : ConfluencePages.FromTemplate(template, values);
    }
}
