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

    protected override TaskEvent Apply(IncidentTask task, string text)
    {
        task.LatestComment = text;
        return TaskEvent.Commented;
    }
}
