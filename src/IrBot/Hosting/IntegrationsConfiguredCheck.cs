using IrBot.Integrations;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IrBot.Hosting;

/// <summary>
/// Names the integrations that are on. An enabled integration with incomplete settings already stops the
/// start (its options are validated on start); this check makes what is on visible in the readiness answer.
/// </summary>
internal sealed class IntegrationsConfiguredCheck(IEnumerable<IntegrationStatus> integrations) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var on = integrations.Where(i => i.Enabled).Select(i => i.Name).ToList();
        return Task.FromResult(HealthCheckResult.Healthy(on.Count == 0 ? "no integration is on" : $"configured: {string.Join(", ", on)}"));
    }
}
