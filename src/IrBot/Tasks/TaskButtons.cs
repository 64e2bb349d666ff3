using System.Globalization;
using IrBot.Data;
using IrBot.IrTeam;
using IrBot.Slack.BlockKit;
using IrBot.Slack.Payloads;
using IrBot.Slack.WebApi;
using IrBot.SlackApp;
using IrBot.Work;
using Microsoft.EntityFrameworkCore;

namespace IrBot.Tasks;

/// <summary>
/// The buttons of the task DM. Each finds the task by the button's value, lets only the owner or the
/// IR team act, and says so when the task has moved on (a click on an old DM or a reminder).
/// </summary>
public abstract class TaskButton(IrBotDbContext db, IncidentAccess access, ISlackViewsApi views, ClickerReplies replies) : IBlockActionHandler
{
    public abstract string ActionId { get; }

    public virtual bool OpensModal => false;

    protected IrBotDbContext Db => db;

    public async Task HandleAsync(InteractionPayload payload, BlockAction action, CancellationToken cancellationToken)
    {
        var userId = payload.User?.Id ?? string.Empty;
        var task = int.TryParse(action.Value, CultureInfo.InvariantCulture, out var id)
            ? await db.Tasks.FirstOrDefaultAsync(t => t.Id == id, cancellationToken)
            : null;
        if (task is null)
        {
            await TellAsync(payload, "That task no longer exists.", cancellationToken);
            return;
        }

        if (!await access.CanActOnTaskAsync(task, userId, cancellationToken))
        {
            await TellAsync(payload, $":no_entry: Only {SlackMentions.User(task.OwnerId)} (the owner) or the IR team can act on {task.ShortId}.", cancellationToken);
            return;
        }

        if (task.Status == IncidentTaskStatus.Resolved)
        {
            await TellAsync(payload, $"{task.ShortId} has already been resolved; there is nothing more to do on it.", cancellationToken);
            return;
        }

        await ActAsync(payload, task, userId, cancellationToken);
    }

    protected abstract Task ActAsync(InteractionPayload payload, IncidentTask task, string userId, CancellationToken cancellationToken);

    /// <summary>An ephemeral answer to the clicker where they clicked.</summary>
    protected Task TellAsync(InteractionPayload payload, string text, CancellationToken cancellationToken) =>
        replies.TellAsync(payload, text, cancellationToken);

    protected Task OpenModalAsync(InteractionPayload payload, ModalView view, CancellationToken cancellationToken) =>
        payload.TriggerId is { } trigger
            ? views.OpenAsync(new OpenView { TriggerId = trigger, View = view }, cancellationToken)
            : TellAsync(payload, "Slack did not send what is needed to open the form; please click again.", cancellationToken);
}

public sealed class StartTaskButton(IrBotDbContext db, IncidentAccess access, ISlackViewsApi views, WorkQueue work, TimeProvider time, ClickerReplies replies)
    : TaskButton(db, access, views, replies)
{
    public override string ActionId => TaskMessages.StartAction;

    protected override async Task ActAsync(InteractionPayload payload, IncidentTask task, string userId, CancellationToken cancellationToken)
    {
        if (task.Status == IncidentTaskStatus.InProgress)
        {
            await TellAsync(payload, $"{task.ShortId} is already in progress.", cancellationToken);
            return;
        }

        task.Status = IncidentTaskStatus.InProgress;
        task.StartedAt = time.GetUtcNow().UtcDateTime;
        TaskEventWork.Queue(Db, work, task, TaskEvent.Started, userId);
        await Db.SaveChangesAsync(cancellationToken);
        work.Notify();
    }
}

public sealed class CommentTaskButton(IrBotDbContext db, IncidentAccess access, ISlackViewsApi views, ClickerReplies replies)
    : TaskButton(db, access, views, replies)
{
    public override string ActionId => TaskMessages.CommentAction;
    public override bool OpensModal => true;

    protected override Task ActAsync(InteractionPayload payload, IncidentTask task, string userId, CancellationToken cancellationToken) =>
        OpenModalAsync(payload, TaskTextModal.Comment(task), cancellationToken);
}

public sealed class ResolveTaskButton(IrBotDbContext db, IncidentAccess access, ISlackViewsApi views, ClickerReplies replies)
    : TaskButton(db, access, views, replies)
{
    public override string ActionId => TaskMessages.ResolveAction;
    public override bool OpensModal => true;

    protected override Task ActAsync(InteractionPayload payload, IncidentTask task, string userId, CancellationToken cancellationToken) =>
        OpenModalAsync(payload, TaskTextModal.Resolve(task), cancellationToken);
}

/// <summary>The comment and resolution modals: one text, the task id in private_metadata.</summary>
public static class TaskTextModal
{
    public const string CommentCallbackId = "task_comment";
    public const string ResolveCallbackId = "task_resolve";
    public const string TextBlock = "task_text";
    public const string Input = "value";
    public const int MaxLength = 3000;

    public static ModalView Comment(IncidentTask task) => ModalView.Create(
        CommentCallbackId,
        $"Comment on {task.ShortId}",
        [
            Blocks.Section($"*{task.ShortId}*: {SlackMentions.Escape(task.Title)}\nThe comment goes to Jira and to the IR admin channel."),
            Blocks.Input(TextBlock, "Comment", new PlainTextInputElement { ActionId = Input, Multiline = true, MaxLength = MaxLength }),
        ],
        submit: "Comment",
        privateMetadata: TaskMessages.Value(task));

    public static ModalView Resolve(IncidentTask task) => ModalView.Create(
        ResolveCallbackId,
        $"Resolve {task.ShortId}",
        [
            Blocks.Section($"*{task.ShortId}*: {SlackMentions.Escape(task.Title)}\nThe notes go to Jira, and the issue is moved to done."),
            Blocks.Input(TextBlock, "Resolution notes", new PlainTextInputElement { ActionId = Input, Multiline = true, MaxLength = MaxLength }),
        ],
        submit: "Resolve",
        privateMetadata: TaskMessages.Value(task));
}

/// <summary>Shared checks of the comment and resolve submissions.</summary>
public abstract class TaskTextSubmission(IrBotDbContext db, IncidentAccess access, WorkQueue work) : IViewSubmissionHandler
{
    public abstract string CallbackId { get; }

    protected abstract string EmptyError { get; }

    public async Task<ViewSubmissionResult> HandleAsync(InteractionPayload payload, ViewPayload view, CancellationToken cancellationToken)
    {
        var userId = payload.User?.Id ?? string.Empty;
        var text = view.State?.Get(TaskTextModal.TextBlock, TaskTextModal.Input)?.Value?.Trim() ?? string.Empty;
        var task = int.TryParse(view.PrivateMetadata, CultureInfo.InvariantCulture, out var id)
            ? await db.Tasks.FirstOrDefaultAsync(t => t.Id == id, cancellationToken)
            : null;
        string? error = text.Length == 0 ? EmptyError
            : text.Length > TaskTextModal.MaxLength ? $"Keep it to {TaskTextModal.MaxLength} characters."
            : task is null ? "That task no longer exists."
            : !await access.CanActOnTaskAsync(task, userId, cancellationToken) ? "Only the task's owner or the IR team can do this."
            : task.Status == IncidentTaskStatus.Resolved ? $"{task.ShortId} has already been resolved."
            : null;
        if (error is not null)
        {
            return ViewSubmissionResult.WithErrors(new Dictionary<string, string> { [TaskTextModal.TextBlock] = error });
        }

        var taskEvent = Apply(task!, text);
        TaskEventWork.Queue(db, work, task!, taskEvent, userId, text);
        await db.SaveChangesAsync(cancellationToken);
        work.Notify();
        return ViewSubmissionResult.Close;
    }

    protected abstract TaskEvent Apply(IncidentTask task, string text);
}

public sealed class CommentTaskSubmission(IrBotDbContext db, IncidentAccess access, WorkQueue work) : TaskTextSubmission(db, access, work)
{
    public override string CallbackId => TaskTextModal.CommentCallbackId;
    protected override string EmptyError => "Write a comment.";

    protected override TaskEvent Apply(IncidentTask task, string text)
    {
        task.LatestComment = text;
        return TaskEvent.Commented;
    }
}

public sealed class ResolveTaskSubmission(IrBotDbContext db, IncidentAccess access, WorkQueue work, TimeProvider time) : TaskTextSubmission(db, access, work)
{
    public override string CallbackId => TaskTextModal.ResolveCallbackId;
    protected override string EmptyError => "Say how the task was resolved.";

    protected override TaskEvent Apply(IncidentTask task, string text)
    {
        task.Status = IncidentTaskStatus.Resolved;
        task.ResolvedAt = time.GetUtcNow().UtcDateTime;
        task.Resolution = text;
        return TaskEvent.Resolved;
    }
}
