using IrBot.Slack.WebApi;
using IrBot.Work;

namespace IrBot.AppHome;

/// <summary>Republishes the Home tabs of recent viewers after something they show changed. Publishing again is harmless.</summary>
public sealed class RefreshHomesWork(HomePublisher publisher, ILogger<RefreshHomesWork> logger) : IWorkHandler
{
    public static string Kind => "apphome.refresh-homes";

    public async Task<WorkResult> ExecuteAsync(WorkContext context, CancellationToken cancellationToken)
    {
        foreach (var userId in await publisher.RecentViewersAsync(cancellationToken))
        {
            try
            {
                await publisher.PublishAsync(userId, cancellationToken);
            }
            catch (SlackApiException ex) when (ex.Error is "user_not_found" or "account_inactive" or "not_enabled")
            {
                // Gone or the tab is off: skip them, refresh the others.
                logger.LogInformation("Home tab of {UserId} not refreshed: {Error}", userId, ex.Error);
            }
        }

        return WorkResult.Done;
    }
}

public sealed record RefreshHomesRequest;
