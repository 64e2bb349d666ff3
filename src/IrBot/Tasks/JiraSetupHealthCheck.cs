using IrBot.Integrations;
using IrBot.Integrations.Jira;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace IrBot.Tasks;

/// <summary>The Jira configuration check on demand (<c>/health/config</c>): healthy, or each problem with the setting named.</summary>
public sealed class JiraSetupHealthCheck(IServiceScopeFactory scopes, IOptions<JiraOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!options.Value.Enabled)
        {
            return HealthCheckResult.Healthy("Jira is not configured.");
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var problems = await scope.ServiceProvider.GetRequiredService<JiraSetupCheck>().ProblemsAsync(cancellationToken);
            return problems.Count == 0
                ? HealthCheckResult.Healthy("Jira project, issue type, priorities and security level exist.")
                : HealthCheckResult.Unhealthy(string.Join(" ", problems));
        }
        catch (Exception ex) when (ErrorClassifier.IsTransient(ex) || ex is Refit.ApiException)
        {
            return HealthCheckResult.Degraded("Jira could not be asked: " + (ex is Refit.ApiException api ? $"HTTP {(int)api.StatusCode}" : ex.GetType().Name));
        }
    }
}
