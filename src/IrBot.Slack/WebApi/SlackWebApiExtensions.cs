using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Refit;

namespace IrBot.Slack.WebApi;

public static class SlackWebApiExtensions
{
    /// <summary>
    /// Binds and validates the <c>Slack</c> section, registers every Web API family (<see cref="ISlackAuthApi"/>,
    /// <see cref="ISlackChatApi"/>, <see cref="ISlackConversationsApi"/>, <see cref="ISlackUsersApi"/>,
    /// <see cref="ISlackUserGroupsApi"/>, <see cref="ISlackViewsApi"/>, <see cref="ISlackFilesApi"/>, <see cref="ISlackTeamApi"/>, <see cref="ISlackAppsApi"/>) with the same base URL
    /// (<c>Slack:ApiBaseUrl</c>), token and <see cref="SlackApiHandler"/>, and <see cref="SlackResponseUrlClient"/>.
    /// <paramref name="configureClient"/> runs on each client (the app adds its metrics under <see cref="SlackApiHandler"/>).
    /// </summary>
    public static IServiceCollection AddSlackWebApi(this IServiceCollection services, IConfiguration configuration, Action<IHttpClientBuilder>? configureClient = null)
    {
        services.AddOptions<SlackOptions>()
            .Bind(configuration.GetSection(SlackOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddTransient<SlackApiHandler>();
        services.AddSingleton<SlackRateLimits>();
        services.AddTransient<SlackPacingHandler>();
        var settings = RefitSettings();
        configureClient ??= _ => { };
        configureClient(services.AddSlackFamily<ISlackAuthApi>(settings));
        configureClient(services.AddSlackFamily<ISlackChatApi>(settings));
        configureClient(services.AddSlackFamily<ISlackConversationsApi>(settings));
        configureClient(services.AddSlackFamily<ISlackUsersApi>(settings));
        configureClient(services.AddSlackFamily<ISlackUserGroupsApi>(settings));
        configureClient(services.AddSlackFamily<ISlackViewsApi>(settings));
        configureClient(services.AddSlackFamily<ISlackTeamApi>(settings));
        configureClient(services.AddSlackFamily<ISlackFilesApi>(settings));
        configureClient(services.AddSlackFamily<ISlackAppsApi>(settings));
        // The upload URL is Slack's file host, not the Web API: a plain client, no token, no ok:false check.
        configureClient(services.AddHttpClient<SlackFileUploader>(http => http.Timeout = TimeSpan.FromSeconds(60)));
        configureClient(services.AddHttpClient<SlackResponseUrlClient>(http => http.Timeout = TimeSpan.FromSeconds(10)));
        return services;
    }

    /// <summary>
    /// JSON bodies and answers through <see cref="SlackJson"/>; form fields (read methods) named by the same
    /// snake_case policy, nulls left out, booleans as <c>true</c>/<c>false</c>.
    /// </summary>
    internal static RefitSettings RefitSettings() =>
        new(new SystemTextJsonContentSerializer(SlackJson.Options))
        {
            // Let Slack's own error (ok:false, rate limits) reach callers as SlackApiException, unwrapped.
            TransportExceptionFactory = (_, exception, _) => exception,
            UrlParameterKeyFormatter = new SnakeCaseKeys(),
            FormUrlEncodedParameterFormatter = new SlackFormValues(),
        };

    private static IHttpClientBuilder AddSlackFamily<T>(this IServiceCollection services, RefitSettings settings)
        where T : class =>
        services.AddRefitGeneratedClient<T>(settings)
            .ConfigureHttpClient((sp, http) =>
            {
                var baseUrl = sp.GetRequiredService<IOptions<SlackOptions>>().Value.ApiBaseUrl;
                http.BaseAddress = new Uri(baseUrl.TrimEnd('/'));
                // Above SlackApiHandler's rate-limit waits (3 × at most 30 s) plus the calls themselves.
                http.Timeout = TimeSpan.FromSeconds(150);
            })
            .AddHttpMessageHandler<SlackApiHandler>()
            .AddHttpMessageHandler<SlackPacingHandler>();

    private sealed class SnakeCaseKeys : IUrlParameterKeyFormatter
    {
        public string Format(string key) => SlackJson.Options.PropertyNamingPolicy!.ConvertName(key);
    }

    private sealed class SlackFormValues : IFormUrlEncodedParameterFormatter
    {
        public string? Format(object? value, string? formatString) => value switch
        {
            null => null,
            bool b => b ? "true" : "false",
            IFormattable f => f.ToString(formatString, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
    }
}
