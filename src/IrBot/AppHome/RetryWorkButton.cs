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
/// Retry on a failed job in the Home tab (IR team only): puts it back in the queue for one more attempt. The
/// update only matches a Failed item, so a second click, or two people clicking, cannot run it twice.
/// </summary>
public sealed class RetryWorkButton(
    IrBotDbContext db,
    IncidentAccess access,
    HomePublisher publisher,
    IOptions<WorkOptions> options,
    TimeProvider time,
    ILogger<RetryWorkButton> logger) : IBlockActionHandler
{
    public static string ActionId => HomeBuilder.RetryAction;

    public async Task HandleAsync(InteractionPayload payload, BlockAction action, CancellationToken cancellationToken)
    {
        var userId = payload.User?.Id ?? string.Empty;
        if (!await access.IsIrTeamAsync(userId, cancellationToken))
        {
            logger.LogWarning("Retry of work item {Value} refused for {UserId}: not on the IR team", action.Value, userId);
            return;
        }

        if (long.TryParse(action.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            var now = time.GetUtcNow().UtcDateTime;
            // One more attempt: a new failure marks it Failed again rather than starting a new series of retries.
            var attempts = Math.Max(0, options.Value.MaxAttempts - 1);
            var retried = await db.WorkItems
                .Where(w => w.Id == id && w.Status == WorkStatus.Failed)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(w => w.Status, WorkStatus.Pending)
                        .SetProperty(w => w.Attempts, attempts)
                        .SetProperty(w => w.NextAttemptAt, now)
                        .SetProperty(w => w.LockedUntil, (DateTime?)null)
                        .SetProperty(w => w.LockedBy, (string?)null)
                        .SetProperty(w => w.UpdatedAt, now),
                    cancellationToken);
            if (retried == 1)
            {
                logger.LogInformation("Work item {WorkItemId} retried by {UserId}", id, userId);
            }
            else
            {
                logger.LogInformation("Work item {WorkItemId} not retried for {UserId}: it has not failed (any more)", id, userId);
            }
        }

        await publisher.PublishAsync(userId, cancellationToken);
    }
}
