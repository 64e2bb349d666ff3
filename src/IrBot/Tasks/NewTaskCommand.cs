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

/// <summary><c>/irbot newtask</c>: opens the new-task modal for the incident of this channel.</summary>
public sealed class NewTaskCommand(IncidentAccess access, ISlackViewsApi views) : LeaderModalCommand(access, views), ISubcommand
{
    public static string Name => "newtask";
    public static string Usage => "`/irbot newtask` — give someone a task, tracked in Jira (IR team or commander, in an incident channel)";
    protected override string Refusal => ":no_entry: Only the IR team or the incident commander can create tasks.";

    protected override ModalView Modal(Incident incident) => NewTaskModal.Build(incident);
}
