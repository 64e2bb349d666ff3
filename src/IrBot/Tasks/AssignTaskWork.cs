using IrBot.Incidents;
using IrBot.Data;
using IrBot.Integrations;
using IrBot.Slack.WebApi;
using IrBot.Work;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IrBot.Tasks;

/// <summary>
/// After a task is stored: its Jira issue (created once; after a failed or timed-out create we look it
/// up by its label first, for as long as Jira's eventually consistent search may take to show it, and a
/// duplicate that still appears later is resolved as a duplicate of the first) and the owner's DM. When
/// Jira is down the DM goes out anyway, and the issue is created (and the DM updated with its link) when
/// Jira is back.
/// </summary>
public sealed class AssignTaskWork(
    TaskDm dm,
    JiraTasks jira,
    IntegrationErrors errors,
    IOptions<TaskOptions> options,
    TimeProvider time,
    ILogger<AssignTaskWork> logger) : IWorkHandler
{
    public static string Kind => "tasks.assign-task";

    public static IReadOnlyList<string> FormerKinds => ["task-assign"];

    public async Task<WorkResult> ExecuteAsync(WorkContext context, CancellationToken cancellationToken)
    {
        var db = context.Db;
        var request = context.Payload<AssignTaskRequest>();
        var state = context.State<AssignTaskState>();
        var task = await db.Tasks.FirstOrDefaultAsync(t => t.Id == request.TaskId, cancellationToken);
        if (task is null)
        {
            return WorkResult.Done;
        }

        var incident = await db.Incidents.FirstAsync(i => i.Id == task.IncidentId, cancellationToken);
        Exception? jiraDown = null;
        TimeSpan? searchAgainIn = null;
        var now = time.GetUtcNow().UtcDateTime;
        // A task resolved before Jira answered (its owner, or the incident's archive) still gets its issue, then caught up below.
        if (jira.Enabled && task.JiraKey is null && !state.JiraGaveUp)
        {
            try
            {
                var key = state.CreateAttempted ? await jira.FindAsync(task, cancellationToken) : null;
                var assigned = true;
                var hiddenFor = state.CreateAttemptedAt is { } sent ? jira.LostCreateSearchWindow - (now - sent) : TimeSpan.Zero;
                if (key is null && hiddenFor > TimeSpan.Zero)
                {
                    // The lost create may have made the issue, and search may not show it yet: look again soon.
                    searchAgainIn = TimeSpan.FromSeconds(Math.Clamp(hiddenFor.TotalSeconds, 1, 5));
                }
                else if (key is null)
                {
                    if (state.CreateAttempted)
                    {
                        // Created again after a lost answer: if the first one shows up after all, it wins.
                        state.CheckDuplicatesAt = now + jira.LostCreateSearchWindow;
                    }

                    state.CreateAttempted = true;
                    state.CreateAttemptedAt = now;
                    await context.SaveStateAsync(state, cancellationToken);
                    (key, assigned) = await jira.CreateAsync(task, incident, cancellationToken);
                }

                if (key is not null)
                {
                    task.JiraKey = key;
                    task.JiraUrl = jira.IssueUrl(key);
                    state.Unassigned = !assigned;
                    await context.SaveStateAsync(state, cancellationToken);
                    logger.LogInformation("Task {ShortId} is Jira issue {Key}", task.ShortId, key);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                await errors.ReportAsync("Jira", $"creating the issue for task {task.ShortId}", incident.Number, ex, cancellationToken);
                if (ErrorClassifier.IsTransient(ex))
                {
                    jiraDown = ex;
                }
                else
                {
                    // A configuration problem (400, 401, 403…) does not fix itself; the admins were told.
                    state.JiraGaveUp = true;
                    state.JiraError = IntegrationErrors.Describe(ex);
                    await context.SaveStateAsync(state, cancellationToken);
                }
            }
        }

        if (jiraDown is null && task.JiraKey is not null && state.CreateAttempted && !state.StatusCaughtUp)
        {
            // The status read before the create is stale: a start, a resolve or the archive may have come while Jira
            // was answering. Read now, after the key is saved: whoever changed the status either saw the key (and
            // moves the issue itself) or changed it before this read (and we move it).
            await db.Entry(task).ReloadAsync(cancellationToken);
        }

        if (jiraDown is null && task.JiraKey is { } made && state.CreateAttempted && task.Status != IncidentTaskStatus.Open && !state.StatusCaughtUp)
        {
            // Started or resolved while the issue was being made: the events that did it found no issue to move.
            // Moving it to where it already is does nothing, so a task event that also waited is harmless.
            try
            {
                await jira.TransitionAsync(made, done: task.Status == IncidentTaskStatus.Resolved, cancellationToken);
                state.StatusCaughtUp = true;
                await context.SaveStateAsync(state, cancellationToken);
            }
            catch (Exception ex) when (ErrorClassifier.IsTransient(ex))
            {
                jiraDown = ex;
            }
        }

        if (!state.DmSent)
        {
            // Saved before the post: a retry after a lost answer looks for the card in the DM instead of posting a second one.
            var mayBePosted = state.DmAttempted;
            if (!mayBePosted)
            {
                state.DmAttempted = true;
                await context.SaveStateAsync(state, cancellationToken);
            }

            var posted = await dm.PostFirstOnceAsync(task, incident, mayBePosted, cancellationToken);
            task.DmChannelId = posted.Channel;
            task.DmMessageTs = posted.Ts;
            state.DmSent = true;
            // A card found from an earlier try may predate the Jira link: refresh it below.
            state.DmShowsJira = task.JiraKey is not null && !posted.Found;
            await context.SaveStateAsync(state, cancellationToken);
        }

        if (task.JiraKey is not null && !state.DmShowsJira && task.DmChannelId is not null && task.DmMessageTs is not null)
        {
            // Jira was down when the DM went out: now it has the link.
            await dm.RefreshAsync(task, incident, cancellationToken);
            state.DmShowsJira = true;
            await context.SaveStateAsync(state, cancellationToken);
        }

        if (state.Unassigned && !state.OwnerToldUnassigned && task.DmChannelId is not null)
        {
            await TellOwnerAsync(context, state, task, incident, "unassigned", $"I could not find you in Jira by your Slack email, so {task.JiraKey} is unassigned. Please assign it to yourself.", cancellationToken);
            state.OwnerToldUnassigned = true;
            await context.SaveStateAsync(state, cancellationToken);
        }

        if (state.JiraGaveUp && !state.OwnerToldNoJira && task.DmChannelId is not null)
        {
            await TellOwnerAsync(context, state, task, incident, "no-jira", $"The Jira issue for {task.ShortId} could not be created ({state.JiraError}); the IR team has been told. The task works here all the same.", cancellationToken);
            state.OwnerToldNoJira = true;
            await context.SaveStateAsync(state, cancellationToken);
        }

        if (jiraDown is not null)
        {
            return WorkResult.Later(options.Value.JiraRetry, $"Jira unavailable for {task.ShortId}: {IntegrationErrors.Describe(jiraDown)}");
        }

        if (searchAgainIn is { } wait)
        {
            return WorkResult.Later(wait, $"Jira search does not show the issue of {task.ShortId} yet");
        }

        if (state.CheckDuplicatesAt is { } checkAt && task.JiraKey is not null)
        {
            if (now < checkAt)
            {
                return WorkResult.Later(checkAt - now, $"Looking for a duplicate Jira issue of {task.ShortId} later");
            }

            try
            {
                await ResolveDuplicatesAsync(context, state, task, incident, cancellationToken);
            }
            catch (Exception ex) when (ErrorClassifier.IsTransient(ex))
            {
                return WorkResult.Later(options.Value.JiraRetry, $"Jira unavailable to check {task.ShortId} for duplicates: {IntegrationErrors.Describe(ex)}");
            }
        }

        return WorkResult.Done;
    }

    /// <summary>
    /// The first issue labelled for the task is the task's; any later one (a create whose answer was lost
    /// and which search showed too late) is resolved as a duplicate linked to it. The DM follows the first.
    /// </summary>
    private async Task ResolveDuplicatesAsync(WorkContext context, AssignTaskState state, IncidentTask task, Incident incident, CancellationToken cancellationToken)
    {
        // Search may not show the issue just created yet; it is the newest either way.
        var keys = (await jira.FindAllAsync(task, cancellationToken)).Append(task.JiraKey!).Distinct(StringComparer.Ordinal).ToList();
        if (keys.Count > 1)
        {
            var first = keys[0];
            foreach (var duplicate in keys.Skip(1))
            {
                await jira.ResolveAsDuplicateAsync(duplicate, first, cancellationToken);
                logger.LogWarning("Jira issue {Duplicate} duplicated {First} for task {ShortId}; resolved as a duplicate", duplicate, first, task.ShortId);
            }

            if (task.JiraKey != first)
            {
                task.JiraKey = first;
                task.JiraUrl = jira.IssueUrl(first);
                await context.Db.SaveChangesAsync(cancellationToken);
                await dm.RefreshAsync(task, incident, cancellationToken);
            }
        }

        state.CheckDuplicatesAt = null;
        await context.SaveStateAsync(state, cancellationToken);
    }

    /// <summary>A reply in the thread of the task DM, once: marked as begun (saved) before it is posted, looked for after.</summary>
    private async Task TellOwnerAsync(
        WorkContext context, AssignTaskState state, IncidentTask task, Incident incident, string reply, string text, CancellationToken cancellationToken)
    {
        var lookFirst = !state.RepliesBegun.Add(reply);
        if (!lookFirst)
        {
            await context.SaveStateAsync(state, cancellationToken);
        }

        await dm.ReplyOnceAsync(task, incident, text, reply, lookFirst, cancellationToken);
    }
}
