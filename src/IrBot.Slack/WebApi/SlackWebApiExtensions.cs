using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Refit;

namespace IrBot.Slack.WebApi;

public static class SlackWebApiExtensions
{
    /// <summary>
    /// Binds and validates the <c>Slack</c> section, and registers <see cref="ISlackApi"/> (base URL from
    /// <c>Slack:ApiBaseUrl</c>) and <see cref="SlackResponseUrlClient"/>.
    /// </summary>
    public static IServiceCollection AddSlackWebApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SlackOptions>()
            .Bind(configuration.GetSection(SlackOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddTransient<SlackApiHandler>();
        var settings = new RefitSettings(new SystemTextJsonContentSerializer(SlackJson.Options))
        {
            // Let Slack's own error (ok:false, rate limits) reach callers as SlackApiException, unwrapped.
            TransportExceptionFactory = (_, exception, _) => exception,
        };
        services.AddRefitGeneratedClient<ISlackApi>(settings)
            .ConfigureHttpClient((sp, http) =>
            {
                var baseUrl = sp.GetRequiredService<IOptions<SlackOptions>>().Value.ApiBaseUrl;
                http.BaseAddress = new Uri(baseUrl.TrimEnd('/'));
                // Above SlackApiHandler's rate-limit waits (3 × at most 30 s) plus the calls themselves.
                http.Timeout = TimeSpan.FromSeconds(150);
            })
            .AddHttpMessageHandler<SlackApiHandler>();
        services.AddHttpClient<SlackResponseUrlClient>(http => http.Timeout = TimeSpan.FromSeconds(10));
        return services;
    }

    public static IDictionary<string, string> Form(params (string Key, string? Value)[] fields) =>
        fields.Where(f => f.Value is not null).ToDictionary(f => f.Key, f => f.Value!);
}
