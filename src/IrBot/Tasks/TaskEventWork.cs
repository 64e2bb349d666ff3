using System.Globalization;
using IrBot.Incidents.Steps;
using IrBot.SlackApp;
using IrBot.Slack.BlockKit;
using IrBot.Incidents;
using IrBot.Admin;
using IrBot.Data;
using IrBot.Integrations;
using IrBot.Slack.Payloads;
using IrBot.Slack.WebApi;
using IrBot.Work;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IrBot.Tasks;

/// <summary>
/// What follows a start, comment or resolution: the owner's DM and the IR admin channel (never the
/// incident channel), then Jira. Each message is sent once (progress is saved); Jira waits while down.
/// </summary>
public sealed class TaskEventWork(
    UserDirectory users,
    AdminChannel admin,
    TaskDm dm,
    JiraTasks jira,
    IntegrationErrors errors,
    IOptions<TaskOptions> options) : IWorkHandler
{
    public const string AdminMetadataEventType = "irbot_task_event";

    public static string Kind => "tasks.task-event";

    public static IReadOnlyList<string> FormerKinds => ["task-event"];

    public static void Queue(IrBotDbContext db, WorkQueue work, IncidentTask task, TaskEvent taskEvent, string actorId, string? text = null) =>
        work.Add(
            db,
            Kind,
            new TaskEventRequest(task.Id, taskEvent, actorId, text),
            task.IncidentId,
            requester: new WorkRequester(actorId, $"telling Jira and the IR team that {task.ShortId} was {taskEvent.ToString().ToLowerInvariant()}"));

    public async Task<WorkResult> ExecuteAsync(WorkContext context, CancellationToken cancellationToken)
    {
        var db = context.Db;
        var request = context.Payload<TaskEventRequest>();
        var state = context.State<TaskEventState>();
        var task = await db.Tasks.FirstOrDefaultAsync(t => t.Id == request.TaskId, cancellationToken);
        if (task is null)
        {
            return WorkResult.Done;
        }

        var incident = await db.Incidents.FirstAsync(i => i.Id == task.IncidentId, cancellationToken);
        var actor = SlackMentions.User(request.ActorId);
        var jiraLink = task.JiraKey is null ? string.Empty : $" (<{task.JiraUrl}|{task.JiraKey}>)";
        var what = $"*{task.ShortId}* {SlackMentions.Escape(task.Title)}{jiraLink} of incident {incident.Number}";

        if (!state.DmUpdated)
        {
            await dm.RefreshAsync(task, incident, cancellationToken);
            state.DmUpdated = true;
            await context.SaveStateAsync(state, cancellationToken);
        }

        if (!state.AdminTold)
        {
            var text = request.Event switch
            {
                TaskEvent.Started => $":arrow_forward: {actor} started {what} (owner {SlackMentions.User(task.OwnerId)}).",
                TaskEvent.Commented => $":speech_balloon: {actor} commented on {what}:\n>{Quote(request.Text)}",
                _ => $":white_check_mark: {actor} resolved {what}:\n>{Quote(request.Text)}",
            };
            // Tagged with this job: a retry after a lost answer finds the post instead of telling the admins twice.
            await admin.PostOnceAsync(text, TaggedMessages.Tag(incident, AdminMetadataEventType, "work-" + context.Item.Id.ToString(CultureInfo.InvariantCulture)), cancellationToken: cancellationToken);
            state.AdminTold = true;
            await context.SaveStateAsync(state, cancellationToken);
        }

        if (request.Event == TaskEvent.Commented && !state.OwnerConfirmed && task.DmChannelId is not null)
        {
            var where = task.JiraKey is null ? "the IR admin channel" : $"{task.JiraKey} and the IR admin channel";
            var lookFirst = state.OwnerConfirmBegun;
            if (!lookFirst)
            {
                state.OwnerConfirmBegun = true;
                await context.SaveStateAsync(state, cancellationToken);
            }

            // One per comment (this job): a retry after a lost answer finds it in the card's thread.
            await dm.ReplyOnceAsync(
                task,
                incident,
                $":white_check_mark: Your comment on {task.ShortId} went to {where}{(request.ActorId == task.OwnerId ? string.Empty : $" (added by {actor})")}.",
                "comment-work-" + context.Item.Id.ToString(CultureInfo.InvariantCulture),
                lookFirst,
                cancellationToken);
            state.OwnerConfirmed = true;
            await context.SaveStateAsync(state, cancellationToken);
        }

        return await JiraAsync(context, request, state, task, incident.Number, cancellationToken);
    }

    private async Task<WorkResult> JiraAsync(WorkContext context, TaskEventRequest request, TaskEventState state, IncidentTask task, int incidentNumber, CancellationToken cancellationToken)
    {
        if (!jira.Enabled || state.JiraDone)
        {
            return WorkResult.Done;
        }

        if (task.JiraKey is null)
        {
            // The issue is still being created (Jira was down): do this once it exists.
            var creating = await context.Db.WorkItems.AnyAsync(
                w => w.Kind == AssignTaskWork.Kind && w.Status == WorkStatus.Pending && w.IncidentId == task.IncidentId,
                cancellationToken);
            if (creating)
            {
                return WorkResult.Later(options.Value.JiraRetry, $"waiting for the Jira issue of {task.ShortId}");
            }

            // The create may have finished since the task was read (its key is saved before its job is done).
            await context.Db.Entry(task).ReloadAsync(cancellationToken);
        }

        if (task.JiraKey is not { } key)
        {
            return WorkResult.Done;
        }

        try
        {
            if (request.Event != TaskEvent.Started && !state.JiraCommented)
            {
                var prefix = request.Event == TaskEvent.Resolved ? "Resolved" : "Comment";
                var tried = state.JiraCommentTried;
                if (!tried)
                {
                    state.JiraCommentTried = true;
                    await context.SaveStateAsync(state, cancellationToken);
                }

                await jira.CommentOnceAsync(key, $"{prefix} (from Slack, by {await NameAsync(request.ActorId, cancellationToken)}):\n{request.Text}", request.Text ?? string.Empty, tried, cancellationToken);
                state.JiraCommented = true;
                await context.SaveStateAsync(state, cancellationToken);
            }

            if (request.Event != TaskEvent.Commented)
            {
                await jira.TransitionAsync(key, done: request.Event == TaskEvent.Resolved, cancellationToken);
            }

            state.JiraDone = true;
            await context.SaveStateAsync(state, cancellationToken);
            return WorkResult.Done;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await errors.ReportAsync("Jira", $"{request.Event.ToString().ToLowerInvariant()} {task.ShortId} ({key})", incidentNumber, ex, cancellationToken);
            return ErrorClassifier.IsTransient(ex)
                ? WorkResult.Later(options.Value.JiraRetry, $"Jira unavailable: {IntegrationErrors.Describe(ex)}")
                : WorkResult.Done;
        }
    }

    private async Task<string> NameAsync(string userId, CancellationToken cancellationToken)
    {
        try
        {
            var user = await users.FindAsync(userId, cancellationToken);
            return user?.DisplayName ?? userId;
        }
        catch (SlackApiException)
        {
            return userId;
        }
    }

    private static string Quote(string? text) =>
        SlackMentions.Escape(BlockLimits.Truncate(text ?? string.Empty, 2500)).Replace("\n", "\n>", StringComparison.Ordinal);
}
