namespace IrBot.Integrations.Confluence;

public static class ConfluenceExtensions
{
    public static IServiceCollection AddConfluence(this IServiceCollection services)
    {
        services.AddOptions<ConfluenceOptions>().BindConfiguration(ConfluenceOptions.Section)
            .Validate(o => !o.Enabled || Uri.TryCreate(o.BaseUrl, UriKind.Absolute, out _), "Confluence:BaseUrl must be an absolute URL.")
            .Validate(
                o => string.IsNullOrWhiteSpace(o.SiteUrl) || Uri.TryCreate(o.SiteUrl, UriKind.Absolute, out _),
                "Confluence:SiteUrl must be an absolute URL (the site people browse, e.g. https://example.atlassian.net).")
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
