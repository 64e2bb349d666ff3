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
    public static string Name => "mute";
    public static string Usage => "`/irbot mute [task id]` — stop or restart the reminders of a task (IR team or commander)";

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
