using IrBot.Incidents;

namespace IrBot.Tasks;

/// <summary>The tasks' part of <see cref="IncidentAccess"/>'s rules.</summary>
public static class TaskAccess
{
    /// <summary>The IR team or the task's owner.</summary>
    public static async Task<bool> CanActOnTaskAsync(this IncidentAccess access, IncidentTask task, string userId, CancellationToken cancellationToken) =>
        task.OwnerId == userId || await access.IsIrTeamAsync(userId, cancellationToken);
}
