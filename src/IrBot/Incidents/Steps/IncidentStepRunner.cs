using IrBot.Integrations;
using IrBot.Work;

namespace IrBot.Incidents.Steps;

/// <summary>
/// Runs the steps not yet done, saving after each, keeping the requester's progress message current and
/// reporting real failures to the admin channel. Returns the steps that failed this run.
/// </summary>
public sealed class IncidentStepRunner(ProgressMessage progress, IntegrationErrors errors, ILogger<IncidentStepRunner> logger)
{
    public async Task<IReadOnlyList<TStep>> RunAsync<TStep, TContext>(
        IncidentRun<TContext> run, IReadOnlyList<TStep> ordered, CancellationToken cancellationToken)
        where TStep : IIncidentStep<TContext>
    {
        var (work, state, incident, requester, activity, stepContext) = run;
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
