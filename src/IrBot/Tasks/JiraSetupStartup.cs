using IrBot.Admin;
using IrBot.Integrations;
using IrBot.Integrations.Jira;
using Microsoft.Extensions.Options;

namespace IrBot.Tasks;

/// <summary>
/// At start: when Jira answers, a wrong project, issue type, priority or security level stops the start
/// with the setting named. When Jira does not answer, the start goes on and the check runs in the
/// background until Jira answers, telling the admin channel once if something is wrong.
/// </summary>
public sealed class JiraSetupStartup(
    IServiceScopeFactory scopes,
    IOptions<JiraOptions> options,
    TimeProvider time,
    ILogger<JiraSetupStartup> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task? _background;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!o.Enabled)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(o.SecurityLevelId))
        {
            logger.LogWarning("Jira:SecurityLevelId is empty: task issues in {Project} are not restricted and anyone who can browse the project can read them", o.ProjectKey);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(o.StartupCheckSeconds), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        IReadOnlyList<string> problems;
        try
        {
            problems = await CheckAsync(linked.Token);
        }
        catch (Exception ex) when (ErrorClassifier.IsTransient(ex) || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            logger.LogWarning("Jira did not answer the configuration check at start ({Error}); checking in the background", IntegrationErrorName(ex));
            _background = Task.Run(() => CheckInBackgroundAsync(_stopping.Token), CancellationToken.None);
            return;
        }

        if (problems.Count > 0)
        {
            throw new OptionsValidationException(JiraOptions.Section, typeof(JiraOptions), problems);
        }

        logger.LogInformation("Jira configuration checked: project {Project}, issue type {IssueType}, priorities and security level exist", o.ProjectKey, o.IssueType);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_background is not null)
        {
            await _background.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    // Cancel only, as BackgroundService does: a host may call StopAsync after disposing its services.
    public void Dispose() => _stopping.Cancel();

    private async Task CheckInBackgroundAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(options.Value.SetupCheckRetrySeconds), time, stopping);
                var problems = await CheckAsync(stopping);
                if (problems.Count > 0)
                {
                    foreach (var problem in problems)
                    {
                        logger.LogError("Jira configuration: {Problem}", problem);
                    }

                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<AdminChannel>().PostAsync(
                        ":warning: *Jira configuration problem* — task issues will fail until it is fixed:\n• " + string.Join("\n• ", problems),
                        cancellationToken: stopping);
                }

                return;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ErrorClassifier.IsTransient(ex))
            {
                logger.LogInformation("Jira still unreachable for the configuration check: {Error}", IntegrationErrorName(ex));
            }
            catch (Exception ex)
            {
                // Not something waiting fixes (a Slack failure posting the report, say): log it and stop.
                logger.LogError(ex, "The Jira configuration check failed");
                return;
            }
        }
    }

    private async Task<IReadOnlyList<string>> CheckAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<JiraSetupCheck>().ProblemsAsync(cancellationToken);
    }

    private static string IntegrationErrorName(Exception ex) => ex is Refit.ApiException api ? $"HTTP {(int)api.StatusCode}" : ex.GetType().Name;
}
