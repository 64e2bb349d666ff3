using IrBot.Data;
using IrBot.Incidents;
using IrBot.SlackApp;

namespace IrBot.Roles;

/// <summary><c>/irbot who</c>: the commander and scribe, for the asker only. Anyone may run it.</summary>
public sealed class WhoCommand(IrBotDbContext db) : ISubcommand
{
    public static string Name => "who";
    public static string Usage => "`/irbot who` — who is the commander and the scribe";

    public async Task<CommandReply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var incident = await db.LiveInChannelAsync(context.ChannelId, cancellationToken);
        return incident is null
            ? CommandReply.Ephemeral(IncidentLookup.NotAnIncidentChannel)
            : CommandReply.Ephemeral(RoleMessages.Who(incident));
    }
}
