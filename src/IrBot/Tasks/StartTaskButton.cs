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

public sealed class StartTaskButton(IrBotDbContext db, IncidentAccess access, ISlackViewsApi views, WorkQueue work, TimeProvider time, ClickerReplies replies)
    : TaskButton(db, access, views, replies), IBlockActionHandler
{
    public static string ActionId => TaskMessages.StartAction;

    protected override async Task ActAsync(InteractionPayload payload, IncidentTask task, string userId, CancellationToken cancellationToken)
    {
        // Only the click that moves the task out of Open acts (a conditional update in the transaction that
        // queues the follow-up): impatient clicks run side by side and each saw the task still open.
        await using var transaction = await Db.Database.BeginTransactionAsync(cancellationToken);
        var startedAt = time.GetUtcNow().UtcDateTime;
        var claimed = await Db.Tasks
            .Where(t => t.Id == task.Id && t.Status == IncidentTaskStatus.Open)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, IncidentTaskStatus.InProgress).SetProperty(t => t.StartedAt, startedAt), cancellationToken);
        if (claimed == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            await TellAsync(payload, $"{task.ShortId} is already in progress.", cancellationToken);
            return;
        }

        // The tracked change repeats the values so save interceptors (the Home tab) see the task changed.
        task.Status = IncidentTaskStatus.InProgress;
        task.StartedAt = startedAt;
        TaskEventWork.Queue(Db, work, task, TaskEvent.Started, userId);
        await Db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
