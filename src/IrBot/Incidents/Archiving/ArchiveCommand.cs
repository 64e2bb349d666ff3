using System.Globalization;
using IrBot.Data;
using IrBot.IrTeam;
using IrBot.Slack.BlockKit;
using IrBot.Slack.WebApi;
using IrBot.SlackApp;
using Microsoft.EntityFrameworkCore;

namespace IrBot.Incidents.Archiving;

/// <summary><c>/irbot archive</c>: in an incident channel, for the IR team or the commander; opens the archive modal.</summary>
public sealed class ArchiveCommand(IrBotDbContext db, IncidentAccess access, ISlackViewsApi views, ILogger<ArchiveCommand> logger) : ISubcommand
{
    public static string Name => "archive";
    public static string Usage => "`/irbot archive` — resolve and close this incident: page, case, closing message, channel archived (IR team or commander)";

    public async Task<CommandReply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var incident = await db.LiveInChannelAsync(context.ChannelId, cancellationToken);
        if (incident is null)
        {
            var archiving = await db.Incidents.AnyAsync(i => i.ChannelId == context.ChannelId && i.Status == IncidentStatus.Archiving, cancellationToken);
            return CommandReply.Ephemeral(archiving ? "This incident is already being archived." : IncidentLookup.NotAnIncidentChannel);
        }

        if (!await access.CanLeadAsync(incident, context.UserId, cancellationToken))
        {
            return CommandReply.Ephemeral(ArchiveModal.Refusal);
        }

        if (context.Command.TriggerId is not { Length: > 0 } triggerId)
        {
            return CommandReply.Ephemeral("Slack sent no trigger to open the archive form; please run `/irbot archive` again.");
        }

        try
        {
            await views.OpenAsync(new OpenView { TriggerId = triggerId, View = ArchiveModal.View(incident) }, cancellationToken);
        }
        catch (SlackApiException ex)
        {
            logger.LogWarning("Could not open the archive modal for incident {Number}: {Error}", incident.Number, ex.Error);
            return CommandReply.Ephemeral($"Could not open the archive form (`{ex.Error}`); please try again.");
        }

        return CommandReply.None;
    }
}
