namespace IrBot.Timeline;

/// <summary>
/// What someone who may not write the timeline is told. The rule itself (IR team, commander, scribe) is
/// <see cref="IrTeam.IncidentAccess.CanWriteTimelineAsync"/>; <c>/note</c> checks the same rule in its SQL.
/// </summary>
public static class TimelineAccess
{
    public const string Refused = ":no_entry: Only the IR team, the incident commander and the scribe can write the timeline.";
}
