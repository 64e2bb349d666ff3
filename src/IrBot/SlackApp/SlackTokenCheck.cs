using System.Runtime.CompilerServices;
using IrBot.Slack.WebApi;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IrBot.SlackApp;

/// <summary>
/// Whether Slack accepts our bot token: <c>auth.test</c> at start (before requests are served), then again in
/// the background. Readiness reads the cached answer, so a probe never calls Slack. A rejected token makes the
/// service not ready and is logged once at Error with the setting to fix; Slack merely unreachable is only
/// Degraded (a Slack outage must not take every replica out of service).
/// </summary>
public sealed class SlackTokenCheck(IServiceScopeFactory scopes, TimeProvider time, ILogger<SlackTokenCheck> logger) : BackgroundService, IHealthCheck
{
    /// <summary>Slack's answers that mean the token itself is wrong, not that Slack is having a moment.</summary>
    private static readonly HashSet<string> Rejections = ["invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired", "not_allowed_token_type"];

    private static readonly TimeSpan Recheck = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan RecheckWhileFailing = TimeSpan.FromSeconds(30);

    // Boxed so that a probe reads a whole answer while the background check writes a new one.
    private volatile StrongBox<HealthCheckResult> _answer = new(HealthCheckResult.Unhealthy("Slack:BotToken not checked yet (auth.test)"));
    private string? _loggedRejection;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_answer.Value);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Checked before the first request, so the start-up log says at once when the token is wrong.
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(5), TimeProvider.System);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
        await CheckAsync(timeout.Token);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(_answer.Value.Status == HealthStatus.Healthy ? Recheck : RecheckWhileFailing, time, stoppingToken);
            await CheckAsync(stoppingToken);
        }
    }

    private async Task CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var auth = await scope.ServiceProvider.GetRequiredService<ISlackAuthApi>().TestAsync(cancellationToken);
            if (_answer.Value.Status != HealthStatus.Healthy && _loggedRejection is not null)
            {
                logger.LogInformation("Slack accepts Slack:BotToken again (bot user {UserId})", auth.UserId);
            }

            _loggedRejection = null;
            _answer = new(HealthCheckResult.Healthy($"Slack accepts Slack:BotToken (bot user {auth.UserId})"));
        }
        catch (SlackApiException ex) when (Rejections.Contains(ex.Error))
        {
            _answer = new(HealthCheckResult.Unhealthy($"Slack rejected Slack:BotToken ({ex.Error}): set the app's Bot User OAuth Token (xoxb-…)"));
            if (_loggedRejection != ex.Error)
            {
                _loggedRejection = ex.Error;
                logger.LogError("Slack rejected Slack:BotToken ({SlackError}): every Slack call will fail until the app's Bot User OAuth Token (xoxb-…) is set", ex.Error);
            }
        }
        catch (Exception ex) when (ex is SlackApiException or HttpRequestException or Refit.ApiException or TimeoutException or OperationCanceledException)
        {
            // Slack unreachable or slow: the token may well be fine. Keep a good answer; else say we could not tell.
            if (_answer.Value.Status != HealthStatus.Healthy)
            {
                _answer = new(HealthCheckResult.Degraded($"could not check Slack:BotToken with auth.test: {ex.Message}"));
            }

            logger.LogWarning("Could not check Slack:BotToken with auth.test: {Error}", ex.Message);
        }
    }
}
