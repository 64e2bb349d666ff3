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

public static class ConfluenceExtensions
{
    public static IServiceCollection AddConfluence(this IServiceCollection services)
    {
        services.AddOptions<ConfluenceOptions>().BindConfiguration(ConfluenceOptions.Section)
            .Validate(o => !o.Enabled || Uri.TryCreate(o.BaseUrl, UriKind.Absolute, out _), "Confluence:BaseUrl must be an absolute URL.")
            .Validate(o => !o.Enabled || !string.IsNullOrWhiteSpace(o.Email), "Confluence:Email is required when Confluence:BaseUrl is set.")
            .Validate(o => !o.Enabled || !string.IsNullOrWhiteSpace(o.ApiToken), "Confluence:ApiToken is required when Confluence:BaseUrl is set.")
            .Validate(o => !o.Enabled || !string.IsNullOrWhiteSpace(o.SpaceKey), "Confluence:SpaceKey is required when Confluence:BaseUrl is set.")
            .Validate(
                o => string.IsNullOrWhiteSpace(o.TemplateId) || string.IsNullOrWhiteSpace(o.TemplatePageId),
                "Set Confluence:TemplateId (a page template) or Confluence:TemplatePageId (a page to copy), not both.")
            .ValidateOnStart();
        services.AddIntegrationClient<IConfluenceApi, ConfluenceOptions>("Confluence", (sp, http) =>
        {
            var options = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<ConfluenceOptions>>().Value;
            if (options.Enabled)
            {
                http.DefaultRequestHeaders.Authorization = IntegrationClients.Basic(options.Email!, options.ApiToken!);
            }
        });
        services.AddSingleton(sp => new IntegrationStatus(
            "Confluence", sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<ConfluenceOptions>>().Value.Enabled));
        return services;
    }
}
