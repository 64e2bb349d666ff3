using System.Globalization;
using IrBot.Data;
using IrBot.IrTeam;
using IrBot.Slack.Payloads;
using IrBot.Work;
using Microsoft.Extensions.Options;

namespace IrBot.SlackApp;

/// <summary>
/// Retry under an admin channel report of a failed job (IR team only): one more attempt. A second click, or
/// a second person, is told the job is already queued or done.
/// </summary>
public sealed class RetryFailedWorkButton(
    IrBotDbContext db,
    WorkQueue work,
    IrTeamDirectory irTeam,
    ClickerReplies replies,
    IOptions<WorkOptions> options,
    ILogger<RetryFailedWorkButton> logger) : IBlockActionHandler
{
    public const string Refusal = ":no_entry: Only the IR team can retry IR Bot's jobs.";

    public static string ActionId => WorkFailureReports.RetryAction;

    public static string NothingToRetry(long id) => $"Job {id} is already queued again or done; nothing to retry.";

    public async Task HandleAsync(InteractionPayload payload, BlockAction action, CancellationToken cancellationToken)
    {
        var userId = payload.User?.Id ?? string.Empty;
        if (!await irTeam.IsMemberAsync(userId, cancellationToken))
        {
            await replies.TellAsync(payload, Refusal, cancellationToken);
            return;
        }

        if (!long.TryParse(action.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return;
        }

        if (await work.RetryFailedAsync(db, id, options.Value.MaxAttempts, cancellationToken))
        {
            logger.LogInformation("Work item {WorkItemId} retried by {UserId}", id, userId);
            await replies.TellAsync(payload, $"Job {id} is queued again; a new failure will be reported here.", cancellationToken);
        }
        else
        {
            await replies.TellAsync(payload, NothingToRetry(id), cancellationToken);
        }
    }
}
