using IrBot.Incidents;
using IrBot.TestSupport;

namespace IrBot.IntegrationTests.Incidents;

/// <summary>
/// With a scoped token IR Bot calls api.atlassian.com/ex/confluence/{cloudId}, but people browse the site:
/// page links come from the answers' <c>_links.base</c> (or <c>Confluence:SiteUrl</c>), never from the URL called.
/// </summary>
public sealed class ConfluenceLinksTests
{
    private const string Site = "https://example.atlassian.net";

    [Fact]
    public async Task An_adopted_page_links_to_the_site_named_in_the_answer_not_to_the_api_gateway()
    {
        await using var env = await IncidentIntegrations.StartAsync((confluence, _) =>
        {
            confluence.SiteUrl = Site;
            confluence.AddPage("777001", $"{ChannelNames.ForDate(DateTime.UtcNow)}: Adopted page", "<p>made by a create whose answer was lost</p>");
        });

        var incident = await env.OpenAsync("Adopted page");

        Assert.Equal("777001", incident.ConfluencePageId);
        Assert.Equal(Site + "/wiki/spaces/" + FakeConfluence.SpaceKey + "/pages/777001", incident.ConfluencePageUrl);
        Assert.DoesNotContain(env.Confluence.BaseUrl, incident.ConfluencePageUrl!, StringComparison.Ordinal);
    }
}
