using Microsoft.Extensions.Options;

namespace IrBot.Integrations.TheHive;

/// <summary>The <c>TheHive</c> section. An empty <see cref="BaseUrl"/> turns the integration off.</summary>
public sealed class TheHiveOptions : IIntegrationOptions
{
    public const string Section = "TheHive";

    /// <summary>e.g. <c>https://thehive.example.com</c>.</summary>
    public string? BaseUrl { get; set; }
    public string? ApiKey { get; set; }

    /// <summary>Sent as <c>X-Organisation</c> when set (act in another organisation than the key's default).</summary>
    public string? Organisation { get; set; }

    /// <summary>1 Low, 2 Medium, 3 High, 4 Critical.</summary>
    public int Severity { get; set; } = 3;

    /// <summary>0 white/clear … 4 red; 2 is amber.</summary>
    public int Tlp { get; set; } = 2;

    /// <summary>0 white … 3 red; 2 is amber.</summary>
    public int Pap { get; set; } = 2;

    public bool Enabled => !string.IsNullOrWhiteSpace(BaseUrl);

    /// <summary>The browser link TheHive 5 itself uses: <c>{base}/cases/{_id}/details</c>.</summary>
    public string CaseUrl(string caseId) => $"{BaseUrl!.TrimEnd('/')}/cases/{Uri.EscapeDataString(caseId)}/details";
}

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
