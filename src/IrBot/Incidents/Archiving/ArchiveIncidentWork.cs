using IrBot.Incidents.Steps;
using IrBot.Slack.Payloads;
using IrBot.Work;
using Microsoft.EntityFrameworkCore;

namespace IrBot.Incidents.Archiving;

/// <summary>
/// Runs the archive steps of one incident in the <see cref="IncidentWorkflow"/> shell. The incident is Closed once
/// the Slack side is done (closing message, channel archived); a failed page or case update is retried later
/// and reported to the admin channel.
/// </summary>
public sealed class ArchiveIncidentWork(
    IEnumerable<IArchiveStep> steps,
    IncidentWorkflow workflow,
    TimeProvider time) : IWorkHandler
{
    public static string Kind => "incidents.archive-incident";

    public static IReadOnlyList<string> FormerKinds => ["archive-incident"];

    public async Task<WorkResult> ExecuteAsync(WorkContext context, CancellationToken cancellationToken)
    {
        var incident = await context.Db.Incidents.SingleAsync(i => i.Id == context.Item.IncidentId, cancellationToken);
        var request = context.Payload<ArchiveIncidentRequest>();
        var state = context.State<ArchiveState>();
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
}
