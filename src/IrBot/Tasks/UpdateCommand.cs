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

/// <summary><c>/irbot update</c>: the commander's synopsis, posted with where every open task stands.</summary>
public sealed class UpdateCommand(IncidentAccess access, ISlackViewsApi views) : LeaderModalCommand(access, views), ISubcommand
{
    public static string Name => "update";
    public static string Usage => "`/irbot update` — post a status update with every open task (IR team or commander, in an incident channel)";
    protected override string Refusal => ":no_entry: Only the IR team or the incident commander can post a status update.";

    protected override ModalView Modal(Incident incident) => UpdateModal.Build(incident);
}
