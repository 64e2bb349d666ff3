using IrBot.Data;
using IrBot.Incidents;
using IrBot.IrTeam;
using IrBot.Slack.Payloads;
using IrBot.SlackApp;

namespace IrBot.Roles;

/// <summary>
/// <c>/irbot ic @user</c> and <c>/irbot scribe @user</c>: records the handover and announces it in the
/// channel (an in_channel reply, so the announcement arrives with the answer and cannot be lost).
/// </summary>
public abstract class SetRoleCommand(IrBotDbContext db, IncidentAccess access, TimeProvider time)
{
    protected abstract IncidentRole Role { get; }
    protected abstract string RoleName { get; }

    /// <summary>The sub-command's word, for messages.</summary>
    protected abstract string Word { get; }

    public async Task<CommandReply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        if (!await access.IsIrTeamAsync(context.UserId, cancellationToken))
        {
            return CommandReply.Ephemeral($":no_entry: Only the IR team can change the incident {RoleName}.");
        }

        var incident = await db.LiveInChannelAsync(context.ChannelId, cancellationToken);
        if (incident is null)
        {
            return CommandReply.Ephemeral(IncidentLookup.NotAnIncidentChannel);
        }

        var mentioned = SlackMentions.UserIds(context.Arguments);
        if (mentioned.Count != 1)
        {
            return CommandReply.Ephemeral($"Usage: `/irbot {Word} @user` — mention exactly one person to make them the {RoleName}.");
        }

        var newHolder = mentioned[0];
        var previous = Role == IncidentRole.Commander ? incident.CommanderId : incident.ScribeId;
        if (previous == newHolder)
        {
            return CommandReply.Ephemeral($"{SlackMentions.User(newHolder)} is already the {RoleName}.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (Role == IncidentRole.Commander)
        {
            incident.CommanderId = newHolder;
            // The first commander is the acknowledgement (MTTA); later handovers do not move it.
            incident.AcknowledgedAt ??= now;
        }
        else
        {
            incident.ScribeId = newHolder;
        }

        db.RoleChanges.Add(new RoleChange
        {
            IncidentId = incident.Id,
            Role = Role,
            PreviousUserId = previous,
            NewUserId = newHolder,
            ChangedBy = context.UserId,
            ChangedAt = now,
        });
        await db.SaveChangesAsync(cancellationToken);

        return CommandReply.Public(
            $":arrows_counterclockwise: {char.ToUpperInvariant(RoleName[0])}{RoleName[1..]} handover: {IncidentMessages.Role(previous)} → {SlackMentions.User(newHolder)} (set by {SlackMentions.User(context.UserId)}).");
    }
}
