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

    protected override TaskEvent Apply(IncidentTask task, string text)
    {
        task.Status = IncidentTaskStatus.Resolved;
        task.ResolvedAt = time.GetUtcNow().UtcDateTime;
        task.Resolution = text;
        return TaskEvent.Resolved;
    }
}
