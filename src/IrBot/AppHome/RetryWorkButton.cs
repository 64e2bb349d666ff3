using System.Globalization;
using IrBot.Data;
using IrBot.Incidents;
using IrBot.Slack.Payloads;
using IrBot.SlackApp;
using IrBot.Work;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IrBot.AppHome;

/// <summary>
/// Retry on a failed job in the Home tab (IR team only): puts it back in the queue for one more attempt with
/// <see cref="WorkQueue.RetryFailedAsync"/>, as the admin channel's Retry does; a second click cannot run it twice.
/// Someone refused, or a click on a job that is no longer failed, is told by DM (a Home tab click has nowhere to be
/// ephemeral); a retry shows in the refreshed Home tab.
/// </summary>
public sealed class RetryWorkButton(
    IrBotDbContext db,
    IncidentAccess access,
    HomePublisher publisher,
    WorkQueue work,
    ClickerReplies replies,
    IOptions<WorkOptions> options,
    ILogger<RetryWorkButton> logger) : IBlockActionHandler
{
    public static string ActionId => HomeBuilder.RetryAction;

    public async Task HandleAsync(InteractionPayload payload, BlockAction action, CancellationToken cancellationToken)
    {
        var userId = payload.User?.Id ?? string.Empty;
        if (!await access.IsIrTeamAsync(userId, cancellationToken))
        {
            logger.LogWarning("Retry of work item {Value} refused for {UserId}: not on the IR team", action.Value, userId);
            await replies.TellAsync(payload, RetryFailedWorkButton.Refusal, cancellationToken);
            return;
        }

        if (long.TryParse(action.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            // One more attempt: a new failure marks it Failed again rather than starting a new series of retries.
            var retried = await work.RetryFailedAsync(db, id, options.Value.MaxAttempts, cancellationToken);
            if (retried)
            {
                logger.LogInformation("Work item {WorkItemId} retried by {UserId}", id, userId);
            }
            else
            {
                logger.LogInformation("Work item {WorkItemId} not retried for {UserId}: it has not failed (any more)", id, userId);
                await replies.TellAsync(payload, RetryFailedWorkButton.NothingToRetry(id), cancellationToken);
            }
        }

        await publisher.PublishAsync(userId, cancellationToken);
    }
}
