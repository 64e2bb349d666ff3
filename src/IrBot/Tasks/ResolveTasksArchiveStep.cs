using IrBot.Incidents.Archiving;
using IrBot.Slack.WebApi;
using Microsoft.EntityFrameworkCore;

namespace IrBot.Tasks;

/// <summary>
/// At archive, every open task is resolved: in Jira first (comment, then done), then in IR Bot, and the
/// owner's DM shows it. A rerun after a crash finds only the tasks not yet resolved here; a task already
/// done in Jira has no done transition left, which counts as done. A task whose issue is still being made is
/// resolved here, then moved in Jira by whichever of this step and <see cref="AssignTaskWork"/> sees the other's write.
/// </summary>
public sealed class ResolveTasksArchiveStep(JiraTasks jira, TaskDm dm, TimeProvider time, ILogger<ResolveTasksArchiveStep> logger) : IArchiveStep
{
    public string Name => "tasks";
    public string Description => "Open tasks resolved (IR Bot and Jira)";
    public int Order => 30;
    public bool Required => false;
    public bool IsEnabled => true;

    public async Task RunAsync(ArchiveContext context, CancellationToken cancellationToken)
    {
        var db = context.Db;
        var tasks = await db.Tasks
            .Where(t => t.IncidentId == context.Incident.Id && t.Status != IncidentTaskStatus.Resolved)
            .OrderBy(t => t.Id)
            .ToListAsync(cancellationToken);
        foreach (var task in tasks)
        {
            var note = $"Resolved when incident {context.Incident.Number} was closed.";
            if (jira.Enabled && task.JiraKey is { } key)
            {
                // The note doubles as the "commented" marker, saved before the transition: if the
                // transition fails and the archive is retried, Jira does not get the comment again.
                if (task.Resolution != note)
                {
                    // A comment whose answer was lost left no marker: look before commenting again.
                    await jira.CommentOnceAsync(key, note, note, triedBefore: true, cancellationToken);
                    task.Resolution = note;
                    await db.SaveChangesAsync(cancellationToken);
                }

                await jira.TransitionAsync(key, done: true, cancellationToken);
            }

            task.Status = IncidentTaskStatus.Resolved;
            task.ResolvedAt = time.GetUtcNow().UtcDateTime;
            task.Resolution ??= note;
            await db.SaveChangesAsync(cancellationToken);

            if (jira.Enabled && task.JiraKey is null)
            {
                // Its create may have been in flight. Read the key again now the status is saved: either the issue
                // exists by now and is moved here, or AssignTaskWork (which reads the status after saving the key)
                // sees the task resolved and moves it.
                await db.Entry(task).ReloadAsync(cancellationToken);
                if (task.JiraKey is { } made)
                {
                    await jira.CommentOnceAsync(made, note, note, triedBefore: true, cancellationToken);
                    await jira.TransitionAsync(made, done: true, cancellationToken);
                }
            }

            try
            {
                await dm.RefreshAsync(task, context.Incident, cancellationToken);
            }
            catch (SlackApiException ex)
            {
                // The task is resolved; an old DM is cosmetic.
                logger.LogWarning("Could not update the DM of {ShortId}: {Error}", task.ShortId, ex.Error);
            }
        }
    }
}
