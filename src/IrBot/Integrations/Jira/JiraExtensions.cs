using Microsoft.Extensions.Options;

namespace IrBot.Integrations.Jira;

public static class JiraExtensions
{
    public static IServiceCollection AddJira(this IServiceCollection services)
    {
        services.AddOptions<JiraOptions>().BindConfiguration(JiraOptions.Section)
            .Validate(o => !o.Enabled || Uri.TryCreate(o.BaseUrl, UriKind.Absolute, out _), "Jira:BaseUrl must be an absolute URL.")
            .Validate(o => !o.Enabled || !string.IsNullOrWhiteSpace(o.Email), "Jira:Email is required when Jira:BaseUrl is set.")
            .Validate(o => !o.Enabled || !string.IsNullOrWhiteSpace(o.ApiToken), "Jira:ApiToken is required when Jira:BaseUrl is set.")
            .Validate(o => !o.Enabled || !string.IsNullOrWhiteSpace(o.ProjectKey), "Jira:ProjectKey is required when Jira:BaseUrl is set.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.IssueType), "Jira:IssueType must not be empty (default Task).")
            .ValidateOnStart();
        services.AddIntegrationClient<IJiraApi, JiraOptions>("Jira", (sp, http) =>
        {
            var options = sp.GetRequiredService<IOptions<JiraOptions>>().Value;
            if (options.Enabled)
            {
                http.DefaultRequestHeaders.Authorization = IntegrationClients.Basic(options.Email!, options.ApiToken!);
            }
        });
        services.AddHybridCache();
        services.AddSingleton<JiraUsers>();
        services.AddSingleton(sp => new IntegrationStatus("Jira", sp.GetRequiredService<IOptions<JiraOptions>>().Value.Enabled));
        return services;
    }
}
