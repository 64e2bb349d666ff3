using IrBot.Work;
using Microsoft.EntityFrameworkCore;

namespace IrBot.Incidents.Opening;

/// <summary>Runs the opening steps of one incident, saving after each so that a restart resumes, never repeats.</summary>
public sealed class OpenIncidentWork(IEnumerable<IOpeningStep> steps, ILogger<OpenIncidentWork> logger) : IWorkHandler
{
    public const string Kind = "open-incident";

    string IWorkHandler.Kind => Kind;

    public async Task<WorkResult> ExecuteAsync(WorkContext context, CancellationToken cancellationToken)
    {
        var incident = await context.Db.Incidents.SingleAsync(i => i.Id == context.Item.IncidentId, cancellationToken);
        var request = context.Payload<OpenIncidentRequest>();
        var state = context.State<OpeningState>();
        var failures = new List<string>();

        foreach (var step in steps.OrderBy(s => s.Order))
        {
            var status = state.StatusOf(step.Name);
            if (status is StepStatus.Done or StepStatus.Skipped)
            {
                continue;
            }

            if (!step.IsEnabled)
            {
                state.Steps[step.Name] = new StepState(StepStatus.Skipped);
                await context.SaveStateAsync(state, cancellationToken);
                continue;
            }

            try
            {
                await step.RunAsync(new OpeningContext(incident, context.Db, request), cancellationToken);
                state.Steps[step.Name] = new StepState(StepStatus.Done);
                await context.SaveStateAsync(state, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Opening incident {Number}: step {Step} failed", incident.Number, step.Name);
                state.Steps[step.Name] = new StepState(StepStatus.Failed, ex.Message);
                await context.SaveStateAsync(state, cancellationToken);
                failures.Add($"{step.Description}: {ex.Message}");
                if (step.Required)
                {
                    break;
                }
            }
        }

        if (failures.Count > 0)
        {
            // The processor backs off and runs us again; finished steps are skipped then.
            throw new OpeningIncompleteException($"Incident {incident.Number} is not fully open: {string.Join("; ", failures)}");
        }

        if (incident.Status == IncidentStatus.Opening)
        {
            incident.Status = IncidentStatus.Active;
            await context.Db.SaveChangesAsync(cancellationToken);
        }

        logger.LogInformation("Incident {Number} is open in {Channel}", incident.Number, incident.ChannelName);
        return WorkResult.Done;
    }
}

public sealed class OpeningIncompleteException(string message) : Exception(message);
