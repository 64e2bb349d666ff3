using System.Globalization;
using IrBot.Integrations;
using IrBot.Work;

namespace IrBot.Incidents.Steps;

/// <summary>
/// Runs the steps not yet done, saving after each, keeping the requester's progress message current and
/// reporting real failures to the admin channel. Returns the steps that failed this run, and the error that
/// stopped it for good (a permanent one), if any.
/// </summary>
public sealed class IncidentStepRunner(ProgressMessage progress, IntegrationErrors errors, ILogger<IncidentStepRunner> logger)
{
    public async Task<StepRunOutcome<TStep>> RunAsync<TStep, TContext>(
        IncidentRun<TContext> run, IReadOnlyList<TStep> ordered, CancellationToken cancellationToken)
        where TStep : IIncidentStep<TContext>
    {
        var (work, state, incident, requester, activity, stepContext) = run;
        var failures = new List<TStep>();
        Exception? permanent = null;
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

            await ShowAsync(work, state, (IReadOnlyList<IIncidentStep>)ordered, incident, requester, activity, step.Name, cancellationToken);
            await work.SaveStateAsync(state, cancellationToken);
            try
            {
                await step.RunAsync(stepContext, cancellationToken);
                state.Steps[step.Name] = new StepState(StepStatus.Done);
                await work.SaveStateAsync(state, cancellationToken);
            }
            catch (Exception ex) when (ErrorClassifier.Classify(ex) == ErrorKind.Permanent && !cancellationToken.IsCancellationRequested)
            {
                // No retry fixes a revoked token or a missing scope: the run ends failed (after the steps that may
                // still work, unless this one was required) and the admins are told once, with the fix
                // (WorkFailureReports), so no per-step report as well.
                logger.LogWarning("{Activity} incident {Number}: step {Step} failed for good: {Error}", activity, incident.Number, step.Name, IntegrationErrors.Describe(ex));
                state.Steps[step.Name] = new StepState(StepStatus.Failed, IntegrationErrors.Describe(ex), Permanent: true);
                await work.SaveStateAsync(state, cancellationToken);
                failures.Add(step);
                permanent ??= ex;
                if (step.Required)
                {
                    break;
                }
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

        await ShowAsync(work, state, (IReadOnlyList<IIncidentStep>)ordered, incident, requester, activity, working: null, cancellationToken);
        await work.SaveStateAsync(state, cancellationToken);
        return new StepRunOutcome<TStep>(failures, permanent);
    }

    private Task ShowAsync(
        WorkContext work,
        StepRunState state, IReadOnlyList<IIncidentStep> ordered, Incident incident, string requester, string activity, string? working, CancellationToken cancellationToken) =>
        progress.ShowAsync(
            state.Progress,
            requester,
            $"{activity} {IncidentMessages.Name(incident)}",
            ordered.Select(s => new ProgressLine(
                s.Description, state.StatusOf(s.Name), s.Name == working, state.Steps.GetValueOrDefault(s.Name)?.Error, state.Steps.GetValueOrDefault(s.Name)?.Permanent ?? false)).ToList(),
            incident,
            $"{activity.ToLowerInvariant()}-{work.Item.Id.ToString(CultureInfo.InvariantCulture)}",
            cancellationToken);
}
