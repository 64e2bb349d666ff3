using IrBot.Incidents.Opening;
using IrBot.Integrations;
using IrBot.Work;

namespace IrBot.Incidents;

/// <summary>
/// One step of a multi-system incident workflow (opening, archiving). Steps run in <see cref="Order"/>,
/// each at most once to completion; after a crash the workflow resumes at the first step not done, so a
/// step must also cope with having done its work without having recorded it (look before you create).
/// </summary>
public interface IIncidentStep
{
    /// <summary>Stable key stored in the work item's state.</summary>
    string Name { get; }

    /// <summary>What the requester sees, e.g. "Slack channel".</summary>
    string Description { get; }

    int Order { get; }

    /// <summary>Later steps need this one: if it fails, the run stops there and is retried.</summary>
    bool Required { get; }

    /// <summary>False when the integration is off: the step is recorded as skipped.</summary>
    bool IsEnabled { get; }
}

/// <summary>A step that works on the workflow's context (the incident, the database, the request).</summary>
public interface IIncidentStep<in TContext> : IIncidentStep
{
    Task RunAsync(TContext context, CancellationToken cancellationToken);
}

/// <summary>The saved progress of a workflow: one entry per step name, and where the progress message is.</summary>
public class StepRunState
{
    public Dictionary<string, StepState> Steps { get; set; } = [];

    /// <summary>The requester's progress message, updated rather than posted again on a resume.</summary>
    public ProgressRef Progress { get; set; } = new();

    /// <summary>Runs that ended with optional steps pending, for the backoff.</summary>
    public int Retries { get; set; }

    public StepStatus StatusOf(string step) => Steps.TryGetValue(step, out var s) ? s.Status : StepStatus.Pending;

    /// <summary>"Page: HTTP 503; Case: timed out".</summary>
    public string Describe(IEnumerable<IIncidentStep> failed) =>
        string.Join("; ", failed.Select(s => $"{s.Description}: {Steps.GetValueOrDefault(s.Name)?.Error}"));
}

/// <summary>
/// Runs the steps not yet done, saving after each, keeping the requester's progress message current and
/// reporting real failures to the admin channel. Returns the steps that failed this run.
/// </summary>
public sealed class IncidentStepRunner(ProgressMessage progress, IntegrationErrors errors, ILogger<IncidentStepRunner> logger)
{
    public async Task<IReadOnlyList<TStep>> RunAsync<TStep, TContext>(
        WorkContext work,
        StepRunState state,
        IReadOnlyList<TStep> ordered,
        TContext stepContext,
        Incident incident,
        string requester,
        string activity,
        CancellationToken cancellationToken)
        where TStep : IIncidentStep<TContext>
    {
        var failures = new List<TStep>();
        foreach (var step in ordered)
        {
            if (state.StatusOf(step.Name) is StepStatus.Done or StepStatus.Skipped)
            {
                continue;
            }

            if (!step.IsEnabled)
            {
                state.Steps[step.Name] = new StepState(StepStatus.Skipped);
                await work.SaveStateAsync(state, cancellationToken);
                continue;
            }

            await ShowAsync(state, (IReadOnlyList<IIncidentStep>)ordered, incident, requester, activity, step.Name, cancellationToken);
            await work.SaveStateAsync(state, cancellationToken);
            try
            {
                await step.RunAsync(stepContext, cancellationToken);
                state.Steps[step.Name] = new StepState(StepStatus.Done);
                await work.SaveStateAsync(state, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "{Activity} incident {Number}: step {Step} failed", activity, incident.Number, step.Name);
                state.Steps[step.Name] = new StepState(StepStatus.Failed, ex.Message);
                await work.SaveStateAsync(state, cancellationToken);
                failures.Add(step);
                if (ex is not WaitingException)
                {
                    await errors.ReportAsync(step.Description, activity.ToLowerInvariant(), incident.Number, ex, cancellationToken);
                }

                if (step.Required)
                {
                    break;
                }
            }
        }

        await ShowAsync(state, (IReadOnlyList<IIncidentStep>)ordered, incident, requester, activity, working: null, cancellationToken);
        await work.SaveStateAsync(state, cancellationToken);
        return failures;
    }

    private Task ShowAsync(
        StepRunState state, IReadOnlyList<IIncidentStep> ordered, Incident incident, string requester, string activity, string? working, CancellationToken cancellationToken) =>
        progress.ShowAsync(
            state.Progress,
            requester,
            $"{activity} {IncidentMessages.Name(incident)}",
            ordered.Select(s => new ProgressLine(s.Description, state.StatusOf(s.Name), s.Name == working, state.Steps.GetValueOrDefault(s.Name)?.Error)).ToList(),
            incident,
            cancellationToken);
}
