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
        if (task.Status == IncidentTaskStatus.InProgress)
        {
            await TellAsync(payload, $"{task.ShortId} is already in progress.", cancellationToken);
            return;
        }

        task.Status = IncidentTaskStatus.InProgress;
        task.StartedAt = time.GetUtcNow().UtcDateTime;
        TaskEventWork.Queue(Db, work, task, TaskEvent.Started, userId);
        await Db.SaveChangesAsync(cancellationToken);
    }
}
