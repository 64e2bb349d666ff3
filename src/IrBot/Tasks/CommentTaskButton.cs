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

public sealed class CommentTaskButton(IrBotDbContext db, IncidentAccess access, ISlackViewsApi views, ClickerReplies replies)
    : TaskButton(db, access, views, replies), IBlockActionHandler
{
    public static string ActionId => TaskMessages.CommentAction;
    public static bool OpensModal => true;

    protected override Task ActAsync(InteractionPayload payload, IncidentTask task, string userId, CancellationToken cancellationToken) =>
        OpenModalAsync(payload, TaskTextModal.Comment(task), cancellationToken);
}
