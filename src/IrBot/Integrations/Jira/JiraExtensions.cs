using Microsoft.Extensions.Options;

namespace IrBot.Integrations.Jira;

public static class JiraExtensions
{
    public static IServiceCollection AddJira(this IServiceCollection services)
    {
        services.AddOptions<JiraOptions>().BindConfiguration(JiraOptions.Section)
            .Validate(o => !o.Enabled || Uri.TryCreate(o.BaseUrl, UriKind.Absolute, out _), "Jira:BaseUrl must be an absolute URL.")
            .Validate(o => !o.Enabled || o.IsDataCenter || !string.IsNullOrWhiteSpace(o.Email), "Jira:Email is required for Jira Cloud (Jira:Deployment = Cloud).")
            .Validate(o => !o.Enabled || !string.IsNullOrWhiteSpace(o.ApiToken), "Jira:ApiToken is required when Jira:BaseUrl is set (Cloud: an API token; Data Center: a personal access token).")
            .Validate(o => o.LostCreateSearchSeconds >= 0 && o.StartupCheckSeconds >= 1 && o.SetupCheckRetrySeconds >= 1,
                "Jira:LostCreateSearchSeconds must be 0 or more; Jira:StartupCheckSeconds and Jira:SetupCheckRetrySeconds 1 or more.")
            .Validate(o => !o.Enabled || !string.IsNullOrWhiteSpace(o.ProjectKey), "Jira:ProjectKey is required when Jira:BaseUrl is set.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.IssueType), "Jira:IssueType must not be empty (default Task).")
            .ValidateOnStart();
        services.AddIntegrationClient<IJiraApi, JiraOptions>("Jira", (sp, http) =>
        {
            var options = sp.GetRequiredService<IOptions<JiraOptions>>().Value;
            if (options.Enabled)
            {
                http.DefaultRequestHeaders.Authorization = options.IsDataCenter
                    ? new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", options.ApiToken)
                    : IntegrationClients.Basic(options.Email!, options.ApiToken!);
            }
        });
        services.AddHybridCache();
        services.AddSingleton<JiraUsers>();
        services.AddSingleton(sp => new IntegrationStatus("Jira", sp.GetRequiredService<IOptions<JiraOptions>>().Value.Enabled));
        return services;
    }
}
