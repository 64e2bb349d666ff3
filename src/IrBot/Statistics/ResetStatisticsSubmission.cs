using System.Text.Json;
using IrBot.Data;
using IrBot.Slack;
using IrBot.Slack.Payloads;
using IrBot.SlackApp;
using IrBot.Work;

namespace IrBot.Statistics;

/// <summary>The confirmed reset: checks again who asks, records it (nothing is deleted) and queues the answer.</summary>
public sealed class ResetStatisticsSubmission(
    IrBotDbContext db,
    StatisticsAccess access,
    WorkQueue work,
    TimeProvider time,
    ILogger<ResetStatisticsSubmission> logger) : IViewSubmissionHandler
{
    public static string CallbackId => ResetStatisticsModal.CallbackId;

    public async Task<ViewSubmissionResult> HandleAsync(InteractionPayload payload, ViewPayload view, CancellationToken cancellationToken)
    {
        var userId = payload.User?.Id ?? string.Empty;
        if (!await access.IsAllowedAsync(userId, cancellationToken))
        {
            // The modal has no input to hang an error on: the modal itself says nothing was done, and why.
            logger.LogWarning("Statistics reset refused for {UserId}", userId);
            return ViewSubmissionResult.UpdateTo(ResetStatisticsModal.Refused());
        }

        var now = time.GetUtcNow().UtcDateTime;
        db.StatisticsResets.Add(new StatisticsReset { ResetBy = userId, ResetAt = now });
        var metadata = string.IsNullOrEmpty(view.PrivateMetadata)
            ? null
            : JsonSerializer.Deserialize<ResetStatisticsModal.ResetMetadata>(view.PrivateMetadata, SlackJson.Options);
        if (metadata?.ResponseUrl is { Length: > 0 } responseUrl)
        {
            work.Add(db, StatisticsResetAnswerWork.Kind, new StatisticsResetAnswerRequest(responseUrl, userId, now));
        }

        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Statistics reset by {UserId}", userId);
        return ViewSubmissionResult.Close;
    }
}
