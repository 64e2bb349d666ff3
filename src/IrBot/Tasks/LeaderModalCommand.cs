using IrBot.Incidents;
using IrBot.IrTeam;
using IrBot.Slack.BlockKit;
using IrBot.Slack.WebApi;
using IrBot.SlackApp;

namespace IrBot.Tasks;

/// <summary>
/// A command that opens a modal about this channel's live incident, for those who may lead it
/// (<see cref="IncidentAccess.CanLeadAsync"/>): <c>/irbot newtask</c> and <c>/irbot update</c>.
/// </summary>
public abstract class LeaderModalCommand(IncidentAccess access, ISlackViewsApi views)
{
    /// <summary>What someone who may not lead the incident is told.</summary>
    protected abstract string Refusal { get; }

    protected abstract ModalView Modal(Incident incident);

    public async Task<CommandReply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var check = await access.LiveIncidentToLeadAsync(context.ChannelId, context.UserId, Refusal, cancellationToken);
        if (!check.IsAllowed)
        {
            return CommandReply.Ephemeral(check.Refusal);
        }

        if (context.Command.TriggerId is not { } triggerId)
        {
            return CommandReply.Ephemeral("Slack did not send what is needed to open the form; please try again.");
        }

        await views.OpenAsync(new OpenView { TriggerId = triggerId, View = Modal(check.Incident) }, cancellationToken);
        return CommandReply.None;
    }
}
