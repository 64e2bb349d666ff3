using System.Globalization;
using System.Text;
using IrBot.Data;
using IrBot.Incidents;
using IrBot.IrTeam;
using IrBot.Slack.BlockKit;
using IrBot.Slack.Payloads;
using IrBot.Slack.WebApi;
using IrBot.SlackApp;
using IrBot.Timeline;
using IrBot.Work;
using Microsoft.EntityFrameworkCore;

namespace IrBot.Tasks;

public static class UpdateModal
{
    public const string CallbackId = "incident_update";
    public const string SynopsisBlock = "update_synopsis";
    public const string Input = "value";
    public const int MaxLength = 2500;

    public static ModalView Build(Incident incident) => ModalView.Create(
        CallbackId,
        "Status update",
        [
            Blocks.Section($"Incident {incident.Number}: {SlackMentions.Escape(incident.Title)}. The channel gets your synopsis and where every open task stands."),
            Blocks.Input(SynopsisBlock, "Synopsis", new PlainTextInputElement { ActionId = Input, Multiline = true, MaxLength = MaxLength }),
        ],
        submit: "Post",
        privateMetadata: incident.Id.ToString(CultureInfo.InvariantCulture));
}
