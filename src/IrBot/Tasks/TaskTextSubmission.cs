using IrBot.Incidents;
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

/// <summary>Shared checks of the comment and resolve submissions.</summary>
public abstract class TaskTextSubmission(IrBotDbContext db, IncidentAccess access, WorkQueue work)
{
    protected IrBotDbContext Db => db;

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

        // A conditional update in the transaction that queues the follow-up: of two submissions racing
        // (a double submit, a second open modal), only the one that finds the task unresolved acts.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var taskEvent = await ApplyAsync(task!, text, cancellationToken);
        if (taskEvent is null)
        {
            await transaction.RollbackAsync(cancellationToken);
            return ViewSubmissionResult.WithErrors(new Dictionary<string, string> { [TaskTextModal.TextBlock] = $"{task!.ShortId} has already been resolved." });
        }

        TaskEventWork.Queue(db, work, task!, taskEvent.Value, userId, text);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ViewSubmissionResult.Close;
    }

    /// <summary>Applies the submission if the task is still unresolved; null when it no longer is.</summary>
    protected abstract Task<TaskEvent?> ApplyAsync(IncidentTask task, string text, CancellationToken cancellationToken);
}
