using Microsoft.Extensions.DependencyInjection.Extensions;
using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Refit;

namespace IrBot.Integrations;

/// <summary>
/// <c>Resilience:{System}</c> settings. The defaults suit production; tests shorten the delays.
/// </summary>
public sealed class IntegrationResilienceOptions
{
    /// <summary>Retries after the first attempt; 0 sends each request once.</summary>
    [Range(0, 20, ErrorMessage = "{0} must be between 0 and 20.")]
    public int MaxRetries { get; set; } = 4;

    [Range(1, 60_000, ErrorMessage = "{0} must be between 1 and 60000.")]
    public int BaseDelayMilliseconds { get; set; } = 1000;

    [Range(1, 600, ErrorMessage = "{0} must be between 1 and 600.")]
    public int AttemptTimeoutSeconds { get; set; } = 20;

    [Range(1, 3600, ErrorMessage = "{0} must be between 1 and 3600.")]
    public int TotalTimeoutSeconds { get; set; } = 90;

    [Range(1, 3600, ErrorMessage = "{0} must be between 1 and 3600.")]
    public int CircuitBreakSeconds { get; set; } = 30;

    [Range(2, 10_000, ErrorMessage = "{0} must be between 2 and 10000.")]
    public int CircuitMinimumThroughput { get; set; } = 10;
}
