using IrBot.Incidents.Opening;
using IrBot.Incidents.Steps;
using IrBot.Integrations;
using IrBot.Slack.Payloads;
using IrBot.Slack.WebApi;
using IrBot.Work;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IrBot.Incidents.Archiving;

/// <summary>
/// Runs the archive steps of one incident in the <see cref="IncidentWorkflow"/> shell. The incident is Closed once
/// the Slack side is done (closing message, channel archived); a failed page or case update is retried later
/// and reported to the admin channel. An incident is usable (and may be archived) while its opening still retries
/// the page or the case: the archive waits for that opening to finish, so the page it resolves exists, and tells
/// whoever asked (once, ephemeral in the incident channel) that it will run then.
/// </summary>
public sealed class ArchiveIncidentWork(
    IEnumerable<IArchiveStep> steps,
    IncidentWorkflow workflow,
    ISlackChatApi chat,
    TimeProvider time,
    IOptions<WorkOptions> workOptions,
    ILogger<ArchiveIncidentWork> logger) : IWorkHandler
{
    private static readonly string[] OpeningKinds = [OpenIncidentWork.Kind, .. OpenIncidentWork.FormerKinds];

    public static string Kind => "incidents.archive-incident";

    /// <summary>Many paced calls (page, case, every open task, the channel): the long-work lane.</summary>
    public static bool IsLong => true;

    public static IReadOnlyList<string> FormerKinds => ["archive-incident"];

    public async Task<WorkResult> ExecuteAsync(WorkContext context, CancellationToken cancellationToken)
    {
        var incident = await context.Db.Incidents.SingleAsync(i => i.Id == context.Item.IncidentId, cancellationToken);
        var request = context.Payload<ArchiveIncidentRequest>();
        var state = context.State<ArchiveState>();
        var opening = await context.Db.WorkItems.AsNoTracking()
            .Where(w => w.IncidentId == incident.Id && w.Status == WorkStatus.Pending && OpeningKinds.Contains(w.Kind))
            .Select(w => new { w.NextAttemptAt, w.LastError })
            .FirstOrDefaultAsync(cancellationToken);
        if (opening is not null)
        {
            if (!state.WaitTold)
            {
                await TellWaitingAsync(incident, request.RequestedBy, opening.LastError, cancellationToken);
                state.WaitTold = true;
                await context.SaveStateAsync(state, cancellationToken);
            }

            // Archived while the opening still retries the page or the case: resolving now would skip the page (it has
            // no id yet) and the opening would then make it "In progress" for good. Come back when the opening is due.
            var wait = opening.NextAttemptAt - time.GetUtcNow().UtcDateTime;
            var longest = TimeSpan.FromSeconds(Math.Max(1, workOptions.Value.MaxBackoffSeconds));
            return WorkResult.Later(wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait > longest ? longest : wait, "Waiting for the opening to finish");
        }

        var run = new IncidentRun<ArchiveContext>(context, state, incident, request.RequestedBy, "Archiving", new ArchiveContext(incident, context.Db, request));
        return await workflow.RunAsync(
            run,
            steps,
            new IncidentWorkflowEnd(
                "archived",
                async ct =>
                {
                    if (incident.Status != IncidentStatus.Closed)
                    {
                        incident.Status = IncidentStatus.Closed;
                        incident.ClosedAt = time.GetUtcNow().UtcDateTime;
                        await context.Db.SaveChangesAsync(ct);
                    }
                },
                // Once per archive, like the opening: what is pending.
                (_, pending) => $":construction: {SlackMentions.Escape(IncidentMessages.Name(incident))} is closed, but IR Bot is still retrying: {SlackMentions.Escape(pending)}"),
            cancellationToken);
    }

    /// <summary>
    /// Best effort: the archive is stored and will run whether or not this reaches them, so a Slack error is logged,
    /// not retried (and not told again at the next wait).
    /// </summary>
    private async Task TellWaitingAsync(Incident incident, string requestedBy, string? openingError, CancellationToken cancellationToken)
    {
        if (incident.ChannelId is not { } channel)
        {
            return;
        }

        var pending = openingError is { } error && error.StartsWith(IncidentWorkflow.PendingPrefix, StringComparison.Ordinal)
            ? $" (still retrying: {SlackMentions.Escape(error[IncidentWorkflow.PendingPrefix.Length..])})"
            : string.Empty;
        var text = $":hourglass_flowing_sand: The archive of {SlackMentions.Escape(IncidentMessages.Name(incident))} will run once its opening has finished{pending}. "
            + "The closing message will follow here then.";
        try
        {
            await chat.PostEphemeralAsync(new EphemeralMessage { Channel = channel, User = requestedBy, Text = text }, cancellationToken);
        }
        catch (Exception ex) when (ErrorClassifier.IsExternal(ex, cancellationToken))
        {
            logger.LogWarning("Could not tell {UserId} that the archive of incident {Number} waits for its opening: {Error}", requestedBy, incident.Number, ex.Message);
        }
    }
}
