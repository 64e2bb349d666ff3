using IrBot.Incidents;
using IrBot.IrTeam;

namespace IrBot.Tasks;

/// <summary>Who may do what with tasks: the IR team always; the commander for their incident; the owner for their task.</summary>
public sealed class TaskAccess(IrTeamDirectory irTeam)
{
    public async Task<bool> IsCommanderOrIrTeamAsync(Incident incident, string userId, CancellationToken cancellationToken) =>
        incident.CommanderId == userId || await irTeam.IsMemberAsync(userId, cancellationToken);

    public async Task<bool> CanActOnAsync(IncidentTask task, string userId, CancellationToken cancellationToken) =>
        task.OwnerId == userId || await irTeam.IsMemberAsync(userId, cancellationToken);
}
