using IrBot.Incidents.Steps;
using IrBot.Admin;
using IrBot.Integrations;
using IrBot.Slack.Payloads;
using IrBot.Slack.WebApi;
using IrBot.Work;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IrBot.Incidents.Opening;

/// <summary>
/// Runs the opening steps of one incident, saving after each so that a restart resumes, never repeats.
/// A failed required step (the channel) stops the run and the processor retries it with backoff. Failed
/// optional steps (page, case, …) do not hold the incident up: it becomes Active, the admin channel is told
/// what is done and what is pending, and the run comes back later — without counting as a failure, so an
/// outage of hours still ends with the case made once the system is back.
/// </summary>
public sealed class OpenIncidentWork(
    IEnumerable<IOpeningStep> steps,
    IncidentStepRunner runner,
    AdminChannel admin,
    IOptions<WorkOptions> workOptions,
    ILogger<OpenIncidentWork> logger) : IWorkHandler
{
    public static string Kind => "incidents.open-incident";

    public static IReadOnlyList<string> FormerKinds => ["open-incident"];

    public async Task<WorkResult> ExecuteAsync(WorkContext context, CancellationToken cancellationToken)
    {
        var incident = await context.Db.Incidents.SingleAsync(i => i.Id == context.Item.IncidentId, cancellationToken);
        var request = context.Payload<OpenIncidentRequest>();
        var state = context.State<OpeningState>();
        if (incident.Status is IncidentStatus.Archiving or IncidentStatus.Closed)
        {
            // Archived while a system was still down: making its page or case now would only add clutter.
            logger.LogInformation("Incident {Number} was archived before it was fully open; the rest of the opening is dropped", incident.Number);
            return WorkResult.Done;
        }

        var ordered = steps.OrderBy(s => s.Order).ToList();
        var failures = await runner.RunAsync(
            context, state, ordered, new OpeningContext(incident, context.Db, request), incident, incident.RequestedBy, "Opening", cancellationToken);

        if (failures.Any(s => s.Required))
        {
            // The processor backs off and runs us again; finished steps are skipped then.
            throw new OpeningIncompleteException($"Incident {incident.Number} is not open: {state.Describe(failures)}");
        }

        // The Slack side works: people can use the incident while the rest is retried.
        // Conditional: someone may have archived it meanwhile, and that must not be undone.
        await context.Db.Incidents
            .Where(i => i.Id == incident.Id && i.Status == IncidentStatus.Opening)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, IncidentStatus.Active), cancellationToken);

        if (failures.Count > 0)
        {
            if (!state.AdminTold)
            {
                await TellAdminsAsync(incident, ordered, state, cancellationToken);
                state.AdminTold = true;
            }

            state.Retries++;
            await context.SaveStateAsync(state, cancellationToken);
            if (state.Retries >= PendingSteps.MaxRetries)
            {
                await PostToAdminsAsync(
                    $":x: {SlackMentions.Escape(IncidentMessages.Name(incident))}: IR Bot gave up on {SlackMentions.Escape(state.Describe(failures))}. Please do it by hand.",
                    cancellationToken);
                return WorkResult.Done;
            }

            return WorkResult.Later(PendingSteps.Delay(state.Retries, workOptions.Value.MaxBackoffSeconds), $"Pending: {state.Describe(failures)}");
        }

        if (state.AdminTold)
        {
            await PostToAdminsAsync($":white_check_mark: {SlackMentions.Escape(IncidentMessages.Name(incident))} is now fully open: every pending step has succeeded.", cancellationToken);
        }

        logger.LogInformation("Incident {Number} is open in {Channel}", incident.Number, incident.ChannelName);
        return WorkResult.Done;
    }

    private Task TellAdminsAsync(Incident incident, IReadOnlyList<IOpeningStep> ordered, OpeningState state, CancellationToken cancellationToken)
    {
        var done = ordered.Where(s => state.StatusOf(s.Name) == StepStatus.Done).Select(s => s.Description);
        var pending = ordered.Where(s => state.StatusOf(s.Name) is StepStatus.Failed or StepStatus.Pending)
            .Select(s => state.Steps.GetValueOrDefault(s.Name)?.Error is { } e ? $"{s.Description} (`{SlackMentions.Escape(e)}`)" : s.Description);
        var channel = incident.ChannelId is null ? string.Empty : $" in <#{incident.ChannelId}>";
        return PostToAdminsAsync(
            $":construction: {SlackMentions.Escape(IncidentMessages.Name(incident))} is usable{channel} but not fully open. IR Bot keeps retrying.\n"
            + $"*Done:* {string.Join(", ", done)}\n*Pending:* {string.Join("; ", pending)}",
            cancellationToken);
    }

    private async Task PostToAdminsAsync(string text, CancellationToken cancellationToken)
    {
        try
        {
            await admin.PostAsync(text, cancellationToken: cancellationToken);
        }
        catch (Exception ex) when (ex is SlackApiException or HttpRequestException)
        {
            logger.LogWarning("Could not tell the admin channel: {Error}", ex.Message);
        }
    }
}

public sealed class OpeningIncompleteException(string message) : Exception(message);
