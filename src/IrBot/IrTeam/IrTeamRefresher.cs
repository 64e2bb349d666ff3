using Microsoft.Extensions.Options;

namespace IrBot.IrTeam;

/// <summary>
/// Reads the IR team user group at start and again before the cache goes stale, so no slash command has to wait
/// for Slack (nor for its rate limit) to learn who is on the team.
/// </summary>
public sealed class IrTeamRefresher(IrTeamDirectory directory, IOptionsMonitor<IrTeamOptions> options, TimeProvider time, ILogger<IrTeamRefresher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var configured = options.CurrentValue;
            var every = TimeSpan.FromMinutes(Math.Max(1, configured.UserGroupCacheMinutes)) / 2;
            if (!string.IsNullOrWhiteSpace(configured.UserGroupId))
            {
                try
                {
                    await directory.RefreshAsync(stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex)
                {
                    // The directory logs Slack's failures; anything else must not stop the refreshing.
                    logger.LogWarning(ex, "Could not refresh the IR team user group");
                }
            }

            // Back as soon as Slack allows after a 429, else halfway through the cache's life.
            var limited = directory.RateLimitedUntil - time.GetUtcNow();
            var wait = limited > TimeSpan.Zero && limited < every ? limited + TimeSpan.FromMilliseconds(100) : every;
            try
            {
                await Task.Delay(wait, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
