using Microsoft.Extensions.Options;

namespace IrBot.Integrations.TheHive;

public static class TheHiveExtensions
{
    public static IServiceCollection AddTheHive(this IServiceCollection services)
    {
        services.AddOptions<TheHiveOptions>().BindConfiguration(TheHiveOptions.Section)
            .Validate(o => !o.Enabled || Uri.TryCreate(o.BaseUrl, UriKind.Absolute, out _), "TheHive:BaseUrl must be an absolute URL.")
            .Validate(o => !o.Enabled || !string.IsNullOrWhiteSpace(o.ApiKey), "TheHive:ApiKey is required when TheHive:BaseUrl is set.")
            .Validate(o => o.Severity is >= 1 and <= 4, "TheHive:Severity must be 1 (Low) to 4 (Critical).")
            .Validate(o => o.Tlp is >= 0 and <= 4, "TheHive:Tlp must be 0 to 4.")
            .Validate(o => o.Pap is >= 0 and <= 3, "TheHive:Pap must be 0 to 3.")
            .ValidateOnStart();
        services.AddIntegrationClient<ITheHiveApi, TheHiveOptions>("TheHive", (sp, http) =>
        {
            var options = sp.GetRequiredService<IOptions<TheHiveOptions>>().Value;
            if (!options.Enabled)
            {
                return;
            }

            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", options.ApiKey);
            if (!string.IsNullOrWhiteSpace(options.Organisation))
            {
                http.DefaultRequestHeaders.Add("X-Organisation", options.Organisation);
            }
        });
        services.AddSingleton(sp => new IntegrationStatus("TheHive", sp.GetRequiredService<IOptions<TheHiveOptions>>().Value.Enabled));
        return services;
    }
}
