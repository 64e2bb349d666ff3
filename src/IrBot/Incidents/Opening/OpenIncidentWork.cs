using IrBot.Incidents.Steps;
using IrBot.Slack.Payloads;
using IrBot.Work;
using Microsoft.EntityFrameworkCore;

namespace IrBot.Incidents.Opening;

/// <summary>
/// Runs the opening steps of one incident in the <see cref="IncidentWorkflow"/> shell: the incident becomes Active
/// once the Slack side works (the channel), while the page, the case, … are retried.
/// </summary>
public sealed class OpenIncidentWork(
    IEnumerable<IOpeningStep> steps,
    IncidentWorkflow workflow,
    ILogger<OpenIncidentWork> logger) : IWorkHandler
{
    public static string Kind => "incidents.open-incident";

    /// <summary>Channel creation, invitations, a page and a case, each paced by its system: the long-work lane.</summary>
    public static bool IsLong => true;

    public static IReadOnlyList<string> FormerKinds => ["open-incident"];

    public async Task<WorkResult> ExecuteAsync(WorkContext context, CancellationToken cancellationToken)
    {
        var incident = await context.Db.Incidents.SingleAsync(i => i.Id == context.Item.IncidentId, cancellationToken);
        var request = context.Payload<OpenIncidentRequest>();
        var state = context.State<OpeningState>();
        if (incident.Status is IncidentStatus.Closed)
        {
            // Its channel was archived by hand before it was fully open: nothing is left to post to. (An archive by
            // command waits for the opening to finish, so the page and the case it resolves exist.)
            logger.LogInformation("Incident {Number} was closed before it was fully open; the rest of the opening is dropped", incident.Number);
            return WorkResult.Done;
        }

        var name = SlackMentions.Escape(IncidentMessages.Name(incident));
        var run = new IncidentRun<OpeningContext>(context, state, incident, incident.RequestedBy, "Opening", new OpeningContext(incident, context.Db, request));
        return await workflow.RunAsync(
            run,
            steps,
            new IncidentWorkflowEnd(
                "open",
                // The Slack side works: people can use the incident while the rest is retried.
                // Conditional: someone may have archived it meanwhile, and that must not be undone.
                ct => context.Db.Incidents
                    .Where(i => i.Id == incident.Id && i.Status == IncidentStatus.Opening)
                    .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, IncidentStatus.Active), ct),
                (ordered, _) => PendingNotice(incident, ordered, state),
                $":white_check_mark: {name} is now fully open: every pending step has succeeded."),
            cancellationToken);
    }

    private static string PendingNotice(Incident incident, IReadOnlyList<IIncidentStep> ordered, OpeningState state)
    {
        var done = ordered.Where(s => state.StatusOf(s.Name) == StepStatus.Done).Select(s => s.Description);
        var pending = ordered.Where(s => state.StatusOf(s.Name) is StepStatus.Failed or StepStatus.Pending)
            .Select(s => state.Steps.GetValueOrDefault(s.Name)?.Error is { } e ? $"{s.Description} (`{SlackMentions.Escape(e)}`)" : s.Description);
        var channel = incident.ChannelId is null ? string.Empty : $" in <#{incident.ChannelId}>";
        return $":construction: {SlackMentions.Escape(IncidentMessages.Name(incident))} is usable{channel} but not fully open. IR Bot keeps retrying.\n"
            + $"*Done:* {string.Join(", ", done)}\n*Pending:* {string.Join("; ", pending)}";
    }
}
