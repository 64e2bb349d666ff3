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

public sealed class CommentTaskSubmission(IrBotDbContext db, IncidentAccess access, WorkQueue work) : TaskTextSubmission(db, access, work), IViewSubmissionHandler
{
    public static string CallbackId => TaskTextModal.CommentCallbackId;
    protected override string EmptyError => "Write a comment.";

    protected override async Task<TaskEvent?> ApplyAsync(IncidentTask task, string text, CancellationToken cancellationToken)
    {
        var applied = await Db.Tasks
            .Where(t => t.Id == task.Id && t.Status != IncidentTaskStatus.Resolved)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.LatestComment, text), cancellationToken);
        task.LatestComment = text; // tracked too, so save interceptors (the Home tab) see the change
        return applied == 0 ? null : TaskEvent.Commented;
    }
}
