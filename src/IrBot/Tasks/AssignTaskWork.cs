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
/// up by its label first) and the owner's DM. When Jira is down the DM goes out anyway, and the issue
/// is created (and the DM updated with its link) when Jira is back.
/// </summary>
public sealed class AssignTaskWork(
    ISlackChatApi chat,
    TaskDm dm,
    JiraTasks jira,
    IntegrationErrors errors,
    IOptions<TaskOptions> options,
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
        if (jira.Enabled && task.JiraKey is null && !state.JiraGaveUp && task.Status != IncidentTaskStatus.Resolved)
        {
            try
            {
                var key = state.CreateAttempted ? await jira.FindAsync(task, cancellationToken) : null;
                var assigned = true;
                if (key is null)
                {
                    state.CreateAttempted = true;
                    await context.SaveStateAsync(state, cancellationToken);
                    (key, assigned) = await jira.CreateAsync(task, incident, cancellationToken);
                }

                task.JiraKey = key;
                task.JiraUrl = jira.IssueUrl(key);
                state.Unassigned = !assigned;
                await context.SaveStateAsync(state, cancellationToken);
                logger.LogInformation("Task {ShortId} is Jira issue {Key}", task.ShortId, key);
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

        if (!state.DmSent)
        {
            var posted = await dm.PostAsync(task, incident, reminder: false, cancellationToken);
            task.DmChannelId = posted.Channel;
            task.DmMessageTs = posted.Ts;
            state.DmSent = true;
            state.DmShowsJira = task.JiraKey is not null;
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
            await TellOwnerAsync(task, $"I could not find you in Jira by your Slack email, so {task.JiraKey} is unassigned. Please assign it to yourself.", cancellationToken);
            state.OwnerToldUnassigned = true;
            await context.SaveStateAsync(state, cancellationToken);
        }

        if (state.JiraGaveUp && !state.OwnerToldNoJira && task.DmChannelId is not null)
        {
            await TellOwnerAsync(task, $"The Jira issue for {task.ShortId} could not be created ({state.JiraError}); the IR team has been told. The task works here all the same.", cancellationToken);
            state.OwnerToldNoJira = true;
            await context.SaveStateAsync(state, cancellationToken);
        }

        if (jiraDown is not null)
        {
            return WorkResult.Later(options.Value.JiraRetry, $"Jira unavailable for {task.ShortId}: {IntegrationErrors.Describe(jiraDown)}");
        }

        return WorkResult.Done;
    }

    /// <summary>A reply in the thread of the task DM.</summary>
    private Task<MessageResponse> TellOwnerAsync(IncidentTask task, string text, CancellationToken cancellationToken) =>
        chat.PostMessageAsync(new ChatMessage { Channel = task.DmChannelId!, ThreadTs = task.DmMessageTs, Text = text }, cancellationToken);
}
