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
