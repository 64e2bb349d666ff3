using IrBot.Incidents.Opening;
using IrBot.Incidents.Steps;
using IrBot.Slack.Payloads;
using IrBot.Work;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IrBot.Incidents.Archiving;

/// <summary>
/// Runs the archive steps of one incident in the <see cref="IncidentWorkflow"/> shell. The incident is Closed once
/// the Slack side is done (closing message, channel archived); a failed page or case update is retried later
/// and reported to the admin channel. An incident is usable (and may be archived) while its opening still retries
/// the page or the case: the archive waits for that opening to finish, so the page it resolves exists.
/// </summary>
public sealed class ArchiveIncidentWork(
    IEnumerable<IArchiveStep> steps,
    IncidentWorkflow workflow,
    TimeProvider time,
    IOptions<WorkOptions> workOptions) : IWorkHandler
{
    private static readonly string[] OpeningKinds = [OpenIncidentWork.Kind, .. OpenIncidentWork.FormerKinds];

    public static string Kind => "incidents.archive-incident";

    /// <summary>Many paced calls (page, case, every open task, the channel): the long-work lane.</summary>
    public static bool IsLong => true;

    public static IReadOnlyList<string> FormerKinds => ["archive-incident"];

    public async Task<WorkResult> ExecuteAsync(WorkContext context, CancellationToken cancellationToken)
    {
        var incident = await context.Db.Incidents.SingleAsync(i => i.Id == context.Item.IncidentId, cancellationToken);
        var opening = await context.Db.WorkItems.AsNoTracking()
            .Where(w => w.IncidentId == incident.Id && w.Status == WorkStatus.Pending && OpeningKinds.Contains(w.Kind))
            .Select(w => (DateTime?)w.NextAttemptAt)
            .FirstOrDefaultAsync(cancellationToken);
        if (opening is { } next)
        {
            // Archived while the opening still retries the page or the case: resolving now would skip the page (it has
            // no id yet) and the opening would then make it "In progress" for good. Come back when the opening is due.
            var wait = next - time.GetUtcNow().UtcDateTime;
            var longest = TimeSpan.FromSeconds(Math.Max(1, workOptions.Value.MaxBackoffSeconds));
            return WorkResult.Later(wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait > longest ? longest : wait, "Waiting for the opening to finish");
        }

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
