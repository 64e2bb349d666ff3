using IrBot.Incidents.Steps;
using IrBot.Admin;
using IrBot.Slack.Payloads;
using IrBot.Integrations;
using IrBot.Work;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IrBot.Incidents.Archiving;

/// <summary>
/// Runs the archive steps of one incident in order, saving after each (like <see cref="OpenIncidentWork"/>),
/// so a restart resumes at the first unfinished step and nothing is done twice. The incident is Closed once
/// the Slack side is done (closing message, channel archived); a failed page or case update is retried later
/// and reported to the admin channel.
/// </summary>
public sealed class ArchiveIncidentWork(
    IEnumerable<IArchiveStep> steps,
    IncidentStepRunner runner,
    AdminChannel admin,
    IOptions<WorkOptions> workOptions,
    TimeProvider time,
    ILogger<ArchiveIncidentWork> logger) : IWorkHandler
{
    public static string Kind => "incidents.archive-incident";

    public static IReadOnlyList<string> FormerKinds => ["archive-incident"];

    public async Task<WorkResult> ExecuteAsync(WorkContext context, CancellationToken cancellationToken)
    {
        var incident = await context.Db.Incidents.SingleAsync(i => i.Id == context.Item.IncidentId, cancellationToken);
        var request = context.Payload<ArchiveIncidentRequest>();
        var state = context.State<ArchiveState>();
        var ordered = steps.OrderBy(s => s.Order).ToList();
        var failures = await runner.RunAsync(
            context, state, ordered, new ArchiveContext(incident, context.Db, request), incident, request.RequestedBy, "Archiving", cancellationToken);

        if (!failures.Any(s => s.Required) && incident.Status != IncidentStatus.Closed)
        {
            incident.Status = IncidentStatus.Closed;
            incident.ClosedAt = time.GetUtcNow().UtcDateTime;
            await context.Db.SaveChangesAsync(cancellationToken);
        }

        var pending = state.Describe(failures);
        if (failures.Any(s => s.Required))
        {
            throw new InvalidOperationException($"Incident {incident.Number} is not archived: {pending}");
        }

        if (failures.Count > 0)
        {
            state.Retries++;
            await context.SaveStateAsync(state, cancellationToken);
            if (state.Retries >= PendingSteps.MaxRetries)
            {
                logger.LogError("Archiving incident {Number}: gave up on {Pending}", incident.Number, pending);
                await TellAdminsAsync($":x: {SlackMentions.Escape(IncidentMessages.Name(incident))}: IR Bot gave up on {SlackMentions.Escape(pending)}. Please do it by hand.", cancellationToken);
                return WorkResult.Done;
            }

            if (state.Retries == 1)
            {
                // Once per archive, like the opening: what is done and what is pending.
                await TellAdminsAsync(
                    $":construction: {SlackMentions.Escape(IncidentMessages.Name(incident))} is closed, but IR Bot is still retrying: {SlackMentions.Escape(pending)}",
                    cancellationToken: cancellationToken);
            }

            return WorkResult.Later(PendingSteps.Delay(state.Retries, workOptions.Value.MaxBackoffSeconds), $"Pending: {pending}");
        }

        logger.LogInformation("Incident {Number} is closed", incident.Number);
        return WorkResult.Done;
    }

    private async Task TellAdminsAsync(string text, CancellationToken cancellationToken)
    {
        try
        {
            await admin.PostAsync(text, cancellationToken: cancellationToken);
        }
        catch (Exception ex) when (ex is Slack.WebApi.SlackApiException or HttpRequestException)
        {
            logger.LogWarning("Could not tell the admin channel: {Error}", ex.Message);
        }
    }
}
