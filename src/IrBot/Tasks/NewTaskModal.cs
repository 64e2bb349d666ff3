using System.Globalization;
using IrBot.Data;
using IrBot.Incidents;
using IrBot.IrTeam;
using IrBot.Slack.BlockKit;
using IrBot.Slack.Payloads;
using IrBot.Slack.WebApi;
using IrBot.SlackApp;
using IrBot.Work;
using Microsoft.EntityFrameworkCore;

namespace IrBot.Tasks;

public static class NewTaskModal
{
    public const string CallbackId = "task_new";
    public const string TitleBlock = "task_title";
    public const string DescriptionBlock = "task_description";
    public const string OwnerBlock = "task_owner";
    public const string CriticalityBlock = "task_criticality";
    public const string Input = "value";
    public const int MaxTitleLength = 200;
    public const int MaxDescriptionLength = 3000;

    public static ModalView Build(Incident incident) => ModalView.Create(
        CallbackId,
        "New task",
        [
            Blocks.Section($"A task for incident {incident.Number}: {SlackMentions.Escape(incident.Title)}. The owner gets a DM and a Jira issue."),
            Blocks.Input(TitleBlock, "Title", new PlainTextInputElement { ActionId = Input, MaxLength = MaxTitleLength }),
            Blocks.Input(DescriptionBlock, "Description", new PlainTextInputElement { ActionId = Input, Multiline = true, MaxLength = MaxDescriptionLength }, optional: true),
            Blocks.Input(OwnerBlock, "Owner", new UsersSelectElement { ActionId = Input, Placeholder = TextObject.Plain("Who does it?") }),
            Blocks.Input(CriticalityBlock, "Criticality", new StaticSelectElement
            {
                ActionId = Input,
                Options = Enum.GetValues<TaskCriticality>().Select(c => OptionObject.Of(c.ToString(), c.ToString())).ToList(),
                InitialOption = OptionObject.Of(nameof(TaskCriticality.Normal), nameof(TaskCriticality.Normal)),
            }),
        ],
        submit: "Create",
        privateMetadata: incident.Id.ToString(CultureInfo.InvariantCulture));
}
