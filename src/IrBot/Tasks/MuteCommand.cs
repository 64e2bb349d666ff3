using IrBot.Data;
using IrBot.Incidents;
using IrBot.IrTeam;
using IrBot.Slack.BlockKit;
using IrBot.Slack.Payloads;
using IrBot.Slack.WebApi;
using IrBot.SlackApp;
using Microsoft.EntityFrameworkCore;

namespace IrBot.Tasks;

/// <summary><c>/irbot mute [T-7]</c>: a modal to stop (or restart) a task's reminders.</summary>
public sealed class MuteCommand(IncidentAccess access, ISlackViewsApi views) : ISubcommand
{
    public string Name => "mute";
    public string Usage => "`/irbot mute [task id]` — stop or restart the reminders of a task (IR team or commander)";

    public async Task<CommandReply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        if (!await access.CanLeadAnyAsync(context.UserId, cancellationToken))
        {
            return CommandReply.Ephemeral(":no_entry: Only the IR team or an incident commander can mute task reminders.");
        }

        if (context.Command.TriggerId is not { } triggerId)
        {
            return CommandReply.Ephemeral("Slack did not send what is needed to open the form; please try again.");
        }

        await views.OpenAsync(new OpenView { TriggerId = triggerId, View = MuteModal.Build(context.Arguments.Trim()) }, cancellationToken);
        return CommandReply.None;
    }
}

public static class MuteModal
{
    public const string CallbackId = "task_mute";
    public const string TaskBlock = "task_id";
    public const string ChoiceBlock = "task_mute_choice";
    public const string Input = "value";
    public const string Mute = "mute";
    public const string Unmute = "unmute";

    public static ModalView Build(string taskId)
    {
        var mute = OptionObject.Of("Mute: no more reminders", Mute);
        return ModalView.Create(
            CallbackId,
            "Task reminders",
            [
                Blocks.Input(TaskBlock, "Task id", new PlainTextInputElement
                {
                    ActionId = Input,
                    MaxLength = 20,
                    InitialValue = taskId.Length is > 0 and <= 20 ? taskId : null,
                    Placeholder = TextObject.Plain("T-7"),
                }),
                Blocks.Input(ChoiceBlock, "Reminders", new RadioButtonsElement
                {
                    ActionId = Input,
                    Options = [mute, OptionObject.Of("Unmute: remind the owner again", Unmute)],
                    InitialOption = mute,
                }),
            ],
            submit: "Save");
    }
}

public sealed class MuteSubmission(IrBotDbContext db, IncidentAccess access, ILogger<MuteSubmission> logger) : IViewSubmissionHandler
{
    public string CallbackId => MuteModal.CallbackId;

    public async Task<ViewSubmissionResult> HandleAsync(InteractionPayload payload, ViewPayload view, CancellationToken cancellationToken)
    {
        var userId = payload.User?.Id ?? string.Empty;
        var text = view.State?.Get(MuteModal.TaskBlock, MuteModal.Input)?.Value;
        var choice = view.State?.Get(MuteModal.ChoiceBlock, MuteModal.Input)?.SelectedOption?.Value;
        if (choice is not (MuteModal.Mute or MuteModal.Unmute))
        {
            return Error(MuteModal.ChoiceBlock, "Choose mute or unmute.");
        }

        var id = TaskIds.Parse(text);
        var task = id is null ? null : await db.Tasks.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (task is null)
        {
            return Error(MuteModal.TaskBlock, $"There is no task {SlackMentions.Escape(text?.Trim() ?? string.Empty)}; task ids look like T-7.");
        }

        var incident = await db.Incidents.FirstAsync(i => i.Id == task.IncidentId, cancellationToken);
        if (!await access.CanLeadAsync(incident, userId, cancellationToken))
        {
            return Error(MuteModal.TaskBlock, $"Only the IR team or the commander of incident {incident.Number} can mute {task.ShortId}.");
        }

        if (task.Status == IncidentTaskStatus.Resolved)
        {
            return Error(MuteModal.TaskBlock, $"{task.ShortId} is resolved; it gets no reminders anyway.");
        }

        task.Muted = choice == MuteModal.Mute;
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Task {ShortId} reminders {State} by {UserId}", task.ShortId, task.Muted ? "muted" : "unmuted", userId);
        return ViewSubmissionResult.Close;
    }

    private static ViewSubmissionResult Error(string block, string message) =>
        ViewSubmissionResult.WithErrors(new Dictionary<string, string> { [block] = message });
}
