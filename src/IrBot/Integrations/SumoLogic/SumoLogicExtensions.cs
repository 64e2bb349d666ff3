using System.Net;
using Microsoft.Extensions.Options;

namespace IrBot.Integrations.SumoLogic;

public static class SumoLogicExtensions
{
    public static IServiceCollection AddSumoLogic(this IServiceCollection services)
    {
        services.AddOptions<SumoLogicOptions>().BindConfiguration(SumoLogicOptions.Section)
            .Validate(o => !o.Enabled || Uri.TryCreate(o.CollectorUrl, UriKind.Absolute, out _), "SumoLogic:CollectorUrl must be an absolute URL.")
            .Validate(o => o.BatchBytes is > 0 and <= SumoLogicOptions.MaxBatchBytes, "SumoLogic:BatchBytes must be between 1 and 1000000.")
            .ValidateOnStart();
        // Resending a batch is safe (it is only marked sent after a 200), so every transient answer is
        // retried, POST or not. No circuit breaker: the sender already waits between failing batches.
        // Sumo answers within 30 s or sends 408, so an attempt gets at least 35 s.
        services.AddHttpClient(SumoLogicCollector.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .AddIntegrationResilience(
                "SumoLogic",
                (outcome, _) => outcome.Exception is HttpRequestException or Polly.Timeout.TimeoutRejectedException
                    || outcome.Result?.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
                    || (int?)outcome.Result?.StatusCode >= 500,
                circuitBreaker: false,
                minAttemptTimeoutSeconds: 35);
        services.AddSingleton<SumoLogicCollector>();
        services.AddSingleton(sp => new IntegrationStatus(
            "Sumo Logic", sp.GetRequiredService<IOptions<SumoLogicOptions>>().Value.Enabled));
        return services;
    }
}
