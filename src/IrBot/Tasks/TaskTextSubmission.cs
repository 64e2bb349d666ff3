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
        return ViewSubmissionResult.Close;
    }

    protected abstract TaskEvent Apply(IncidentTask task, string text);
}
