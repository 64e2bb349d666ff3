using IrBot.Data;
using IrBot.Incidents;
using IrBot.IrTeam;
using IrBot.Slack.BlockKit;
using IrBot.Slack.Payloads;
using IrBot.Slack.WebApi;
using IrBot.SlackApp;
using Microsoft.EntityFrameworkCore;

namespace IrBot.Tasks;

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
