using IrBot.Incidents;
using IrBot.IrTeam;

namespace IrBot.Timeline;

/// <summary>Who may write the timeline: the IR team, the commander and the scribe.</summary>
public static class TimelineAccess
{
    public const string Refused = ":no_entry: Only the IR team, the incident commander and the scribe can write the timeline.";

    public static async Task<bool> CanWriteAsync(IrTeamDirectory irTeam, Incident incident, string userId, CancellationToken cancellationToken) =>
        userId == incident.CommanderId || userId == incident.ScribeId || await irTeam.IsMemberAsync(userId, cancellationToken);
}
