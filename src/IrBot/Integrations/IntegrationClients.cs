using Microsoft.Extensions.DependencyInjection.Extensions;
using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using IrBot.Telemetry;
using Refit;

namespace IrBot.Integrations;

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
        var settings = new RefitSettings(new BufferedJsonContentSerializer(IntegrationJson.Options))
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
        builder.AddIntegrationResilience(name, ShouldRetry);
        return builder;
    }

    /// <summary>
    /// The resilience pipeline of one external system, tuned by <c>Resilience:{name}</c> (validated on start):
    /// a total timeout; retries with exponential backoff and jitter, honouring <c>Retry-After</c>, for what
    /// <paramref name="shouldRetry"/> accepts (given the outcome and the request's method); optionally a
    /// circuit breaker on transient failures; and a timeout per attempt.
    /// </summary>
    public static IHttpClientBuilder AddIntegrationResilience(
        this IHttpClientBuilder builder,
        string name,
        Func<Outcome<HttpResponseMessage>, HttpMethod?, bool> shouldRetry,
        bool circuitBreaker = true,
        int minAttemptTimeoutSeconds = 1)
    {
        builder.Services.AddOptions<IntegrationResilienceOptions>(name)
            .BindConfiguration($"Resilience:{name}")
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IntegrationResilienceOptions>, IntegrationResilienceValidator>());
        builder.AddResilienceHandler(name, (pipeline, context) =>
        {
            var resilience = context.ServiceProvider.GetRequiredService<IOptionsMonitor<IntegrationResilienceOptions>>().Get(name);
            pipeline.AddTimeout(TimeSpan.FromSeconds(resilience.TotalTimeoutSeconds));
            // MaxRetries = 0 means one attempt: Polly refuses a retry strategy of zero attempts, so there is none.
            if (resilience.MaxRetries > 0)
            {
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = resilience.MaxRetries,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = TimeSpan.FromMilliseconds(resilience.BaseDelayMilliseconds),
                    MaxDelay = TimeSpan.FromSeconds(60),
                    ShouldRetryAfterHeader = true,
                    ShouldHandle = args => ValueTask.FromResult(shouldRetry(args.Outcome, args.Context.GetRequestMessage()?.Method)),
                });
            }

            if (circuitBreaker)
            {
                pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    FailureRatio = 0.5,
                    MinimumThroughput = resilience.CircuitMinimumThroughput,
                    SamplingDuration = TimeSpan.FromSeconds(30),
                    BreakDuration = TimeSpan.FromSeconds(resilience.CircuitBreakSeconds),
                    ShouldHandle = args => ValueTask.FromResult(ErrorClassifier.IsTransient(args.Outcome)),
                });
            }

            pipeline.AddTimeout(TimeSpan.FromSeconds(Math.Max(resilience.AttemptTimeoutSeconds, minAttemptTimeoutSeconds)));
        });
        // Inside the pipeline: each attempt counts, with the status it got.
        builder.AddExternalCallMetrics(name.ToLowerInvariant());
        return builder;
    }

    /// <summary>Basic auth for Atlassian Cloud: <c>email:api_token</c>.</summary>
    public static AuthenticationHeaderValue Basic(string email, string token) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{email}:{token}")));

    /// <summary>
    /// A POST (a create) that timed out or broke may have happened: the caller looks the object up
    /// instead of repeating it. Only answers that say "not done, come back" (429, 503) are retried for it.
    /// </summary>
    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, HttpMethod? method) =>
        method == HttpMethod.Post
            ? outcome.Result?.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable
            : ErrorClassifier.IsTransient(outcome);
}
