namespace IrBot.Integrations.Confluence;

/// <summary>The <c>Confluence</c> section. An empty <see cref="BaseUrl"/> turns the integration off.</summary>
public sealed class ConfluenceOptions : IIntegrationOptions
{
    public const string Section = "Confluence";

    /// <summary>The site, e.g. <c>https://example.atlassian.net</c> (paths add <c>/wiki/…</c>).</summary>
    public string? BaseUrl { get; set; }
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
