using System.Globalization;
using System.Runtime.ExceptionServices;
using IrBot.Admin;
using IrBot.Slack.Payloads;
using IrBot.Integrations;
using IrBot.Work;
using Microsoft.Extensions.Options;

namespace IrBot.Incidents.Steps;

/// <summary>
/// The shell of opening and archiving. Runs the steps not yet done (<see cref="IncidentStepRunner"/>); a failed
/// required step stops the run and the processor retries it with backoff. Failed optional steps do not hold the
/// incident up: it is made usable, the admin channel is told once what is pending, and the run comes back later
/// without counting as a failure, so an outage of hours still ends with the work done once the system is back.
/// After <see cref="MaxRetries"/> such runs the rest is left to people. A permanent error (a revoked token, a missing
/// scope, a refused credential) ends the run as failed at once, whatever the step: no retry fixes it.
/// </summary>
public sealed class IncidentWorkflow(
    IncidentStepRunner runner, AdminChannel admin, IOptions<WorkOptions> workOptions, ILogger<IncidentWorkflow> logger)
{
    /// <summary>How a run's error says which steps it still retries (an archive waiting for its opening quotes it).</summary>
    public const string PendingPrefix = "Pending: ";

    /// <summary>
    /// How many times a run with only optional steps pending comes back (at most <c>Work:MaxBackoffSeconds</c>
    /// apart: about a day and a half with the default 10 minutes) before the rest is left to people.
    /// </summary>
    public const int MaxRetries = 200;

    /// <summary>The tag of the admin notices of a run (pending, completed, gave up): a retry after a lost answer finds them.</summary>
    public const string AdminMetadataEventType = "irbot_workflow_notice";

    public async Task<WorkResult> RunAsync<TStep, TContext>(
        IncidentRun<TContext> run, IEnumerable<TStep> steps, IncidentWorkflowEnd end, CancellationToken cancellationToken)
        where TStep : class, IIncidentStep<TContext>
    {
        var ordered = steps.OrderBy(s => s.Order).ToList();
        var (failures, permanent) = await runner.RunAsync(run, ordered, cancellationToken);
        var state = run.State;
        var incident = run.Incident;
        if (permanent is not null)
        {
            // Usable if the required steps got there (a Confluence token refused after the channel exists); then the job
            // fails without retries: the processor tells the admins the fix and the requester, and Retry resumes here.
            if (ordered.Where(s => s.Required).All(s => state.StatusOf(s.Name) is StepStatus.Done or StepStatus.Skipped))
            {
                await end.UsableAsync(cancellationToken);
            }

            ExceptionDispatchInfo.Throw(permanent);
        }

        if (failures.Any(s => s.Required))
        {
            // The processor backs off and runs us again; finished steps are skipped then.
            throw new IncidentStepsIncompleteException($"Incident {incident.Number} is not {end.Goal}: {state.Describe(failures)}");
        }

        await end.UsableAsync(cancellationToken);
        var name = SlackMentions.Escape(IncidentMessages.Name(incident));
        if (failures.Count > 0)
        {
            var pending = state.Describe(failures);
            if (!state.AdminTold)
            {
                await TellAdminsAsync(run, "pending", end.PendingNotice(ordered, pending), cancellationToken);
                state.AdminTold = true;
            }

            state.Retries++;
            await run.Work.SaveStateAsync(state, cancellationToken);
            if (state.Retries >= MaxRetries)
            {
                logger.LogError("{Activity} incident {Number}: gave up on {Pending}", run.Activity, incident.Number, pending);
                await TellAdminsAsync(run, "gave-up", $":x: {name}: IR Bot gave up on {SlackMentions.Escape(pending)}. Please do it by hand.", cancellationToken);
                return WorkResult.Done;
            }

            return WorkResult.Later(Backoff.Exponential(state.Retries, workOptions.Value.MaxBackoffSeconds), PendingPrefix + pending);
        }

        if (state.AdminTold && end.CompletedNotice is { } completed)
        {
            await TellAdminsAsync(run, "completed", completed, cancellationToken);
        }

        logger.LogInformation("Incident {Number} is {Goal}", incident.Number, end.Goal);
        return WorkResult.Done;
    }

    private async Task TellAdminsAsync<TContext>(IncidentRun<TContext> run, string notice, string text, CancellationToken cancellationToken)
    {
        var occasion = $"{run.Activity.ToLowerInvariant()}-{run.Work.Item.Id.ToString(CultureInfo.InvariantCulture)}-{notice}";
        try
        {
            await admin.PostOnceAsync(text, TaggedMessages.Tag(run.Incident, AdminMetadataEventType, occasion), cancellationToken: cancellationToken);
        }
        catch (Exception ex) when (ErrorClassifier.IsExternal(ex, cancellationToken))
        {
            logger.LogWarning("Could not tell the admin channel: {Error}", ex.Message);
        }
    }
}
