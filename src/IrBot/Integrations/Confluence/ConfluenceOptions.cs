namespace IrBot.Integrations.Confluence;

/// <summary>The <c>Confluence</c> section. An empty <see cref="BaseUrl"/> turns the integration off.</summary>
public sealed class ConfluenceOptions : IIntegrationOptions
{
    public const string Section = "Confluence";

    /// <summary>The site, e.g. <c>https://example.atlassian.net</c> (paths add <c>/wiki/…</c>).</summary>
    public string? BaseUrl { get; set; }
    /// <summary>
    /// The site people browse (<c>https://example.atlassian.net</c>), for links when an answer carries no
    /// <c>_links.base</c>. Needed with a scoped token, whose <see cref="BaseUrl"/> is
    /// <c>https://api.atlassian.com/ex/confluence/{cloudId}</c>; empty means <see cref="BaseUrl"/>.
    /// </summary>
    public string? SiteUrl { get; set; }

    /// <summary>Where page links start: <see cref="SiteUrl"/> (else <see cref="BaseUrl"/>) + <c>/wiki</c>.</summary>
    public string WikiBaseUrl => (string.IsNullOrWhiteSpace(SiteUrl) ? BaseUrl ?? string.Empty : SiteUrl).TrimEnd('/') + "/wiki";

    public string? Email { get; set; }
    public string? ApiToken { get; set; }
    public string? SpaceKey { get; set; }
    public string? ParentPageId { get; set; }

    /// <summary>A page template id (v1 template API); or use <see cref="TemplatePageId"/>.</summary>
    public string? TemplateId { get; set; }

    /// <summary>A page whose body is copied for every incident.</summary>
    public string? TemplatePageId { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(BaseUrl);
}
