using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Refit;

namespace IrBot.Integrations;

/// <summary>What every external system's options have: a base URL (empty = the integration is off).</summary>
public interface IIntegrationOptions
{
    string? BaseUrl { get; }

    bool Enabled => !string.IsNullOrWhiteSpace(BaseUrl);
}

public static class IntegrationClients
{
    /// <summary>
    /// Registers a Refit client for an external system with one resilience pipeline: a total timeout,
    /// retries on network errors, 408, 429 (honouring Retry-After), 502, 503 and 504 with exponential
    /// backoff and jitter, no retry on other 4xx, and a circuit breaker for that system. Creates (POST)
    /// are not retried blindly: callers look the object up before trying again.
    /// </summary>
    public static IHttpClientBuilder AddIntegrationClient<TApi, TOptions>(
        this IServiceCollection services,
        string name,
        Action<IServiceProvider, HttpClient> configure)
        where TApi : class
        where TOptions : class, IIntegrationOptions
    {
        // Without this the named options stay at their defaults and Resilience:{name} is ignored.
        services.AddOptions<IntegrationResilienceOptions>(name).BindConfiguration($"Resilience:{name}");
        var settings = new RefitSettings(new SystemTextJsonContentSerializer(IntegrationJson.Options))
        {
            TransportExceptionFactory = (_, exception, _) => exception,
        };
        var builder = services.AddRefitGeneratedClient<TApi>(settings)
            .ConfigureHttpClient((sp, http) =>
            {
                var options = sp.GetRequiredService<IOptions<TOptions>>().Value;
                if (options.Enabled)
                {
                    http.BaseAddress = new Uri(options.BaseUrl!.TrimEnd('/') + "/");
                }

                // The resilience pipeline owns timeouts.
                http.Timeout = Timeout.InfiniteTimeSpan;
                configure(sp, http);
            });
        builder.AddResilienceHandler(name, (pipeline, context) =>
        {
            var resilience = context.ServiceProvider.GetRequiredService<IOptionsMonitor<IntegrationResilienceOptions>>().Get(name);
            pipeline.AddTimeout(TimeSpan.FromSeconds(resilience.TotalTimeoutSeconds));
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = resilience.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(resilience.BaseDelayMilliseconds),
                MaxDelay = TimeSpan.FromSeconds(60),
                ShouldRetryAfterHeader = true,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome)),
            });
            pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                FailureRatio = 0.5,
                MinimumThroughput = resilience.CircuitMinimumThroughput,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = TimeSpan.FromSeconds(resilience.CircuitBreakSeconds),
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
            });
            pipeline.AddTimeout(TimeSpan.FromSeconds(resilience.AttemptTimeoutSeconds));
        });
        return builder;
    }

    /// <summary>Basic auth for Atlassian Cloud: <c>email:api_token</c>.</summary>
    public static AuthenticationHeaderValue Basic(string email, string token) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{email}:{token}")));

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome) =>
        IsTransient(outcome)
        // A timed-out or failed create may have happened; the caller looks it up instead of repeating it.
        && outcome.Result?.RequestMessage?.Method != HttpMethod.Post
        || outcome.Result?.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable or HttpStatusCode.BadGateway;

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is HttpRequestException or Polly.Timeout.TimeoutRejectedException
        || outcome.Result?.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
            or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;
}

/// <summary>
/// <c>Resilience:{System}</c> settings. The defaults suit production; tests shorten the delays.
/// </summary>
public sealed class IntegrationResilienceOptions
{
    public int MaxRetries { get; set; } = 4;
    public int BaseDelayMilliseconds { get; set; } = 1000;
    public int AttemptTimeoutSeconds { get; set; } = 20;
    public int TotalTimeoutSeconds { get; set; } = 90;
    public int CircuitBreakSeconds { get; set; } = 30;
    public int CircuitMinimumThroughput { get; set; } = 10;
}

public static class IntegrationJson
{
    public static System.Text.Json.JsonSerializerOptions Options { get; } = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };
}
