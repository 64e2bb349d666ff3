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

public sealed class ResolveTaskSubmission(IrBotDbContext db, IncidentAccess access, WorkQueue work, TimeProvider time) : TaskTextSubmission(db, access, work), IViewSubmissionHandler
{
    public static string CallbackId => TaskTextModal.ResolveCallbackId;
    protected override string EmptyError => "Say how the task was resolved.";

    protected override async Task<TaskEvent?> ApplyAsync(IncidentTask task, string text, CancellationToken cancellationToken)
    {
        var resolvedAt = time.GetUtcNow().UtcDateTime;
        var applied = await Db.Tasks
            .Where(t => t.Id == task.Id && t.Status != IncidentTaskStatus.Resolved)
            .ExecuteUpdateAsync(
                s => s.SetProperty(t => t.Status, IncidentTaskStatus.Resolved)
                    .SetProperty(t => t.ResolvedAt, resolvedAt)
                    .SetProperty(t => t.Resolution, text),
                cancellationToken);
        // Tracked too, so save interceptors (the Home tab) see the change.
        task.Status = IncidentTaskStatus.Resolved;
        task.ResolvedAt = resolvedAt;
        task.Resolution = text;
        return applied == 0 ? null : TaskEvent.Resolved;
    }
}
