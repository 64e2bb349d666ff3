using IrBot.Data;
using IrBot.IrTeam;
using Microsoft.EntityFrameworkCore;

namespace IrBot.Incidents;

/// <summary>
/// Who may do what in an incident, in one place. The IR team may do everything; besides them:
/// <list type="bullet">
/// <item><see cref="CanLeadAsync"/>: the incident's commander (archive, search and invite, tasks, status updates, mute).</item>
/// <item><see cref="CanWriteTimelineAsync"/>: the commander and the scribe (notes, searchnote, publish).</item>
/// <item>Tasks add: the task's owner (start, comment, resolve), see <c>TaskAccess</c>.</item>
/// </list>
/// Each command keeps its own refusal message. The <c>/note</c> fast path checks the timeline rule inside its
/// INSERT (see <c>NoteCommand.InsertSql</c>); keep the two in step.
/// </summary>
public sealed class IncidentAccess(IrBotDbContext db, IrTeamDirectory irTeam)
{
    public ValueTask<bool> IsIrTeamAsync(string userId, CancellationToken cancellationToken) =>
        irTeam.IsMemberAsync(userId, cancellationToken);

    /// <summary>The IR team or the incident's commander.</summary>
    public async Task<bool> CanLeadAsync(Incident incident, string userId, CancellationToken cancellationToken) =>
        incident.CommanderId == userId || await IsIrTeamAsync(userId, cancellationToken);

    /// <summary>The IR team, the incident's commander or its scribe.</summary>
    public async Task<bool> CanWriteTimelineAsync(Incident incident, string userId, CancellationToken cancellationToken) =>
        incident.CommanderId == userId || incident.ScribeId == userId || await IsIrTeamAsync(userId, cancellationToken);

    /// <summary>The IR team or the commander of any live incident (for commands not tied to one channel).</summary>
    public async Task<bool> CanLeadAnyAsync(string userId, CancellationToken cancellationToken) =>
        await db.Incidents.Where(LiveIncident.Rule).AnyAsync(i => i.CommanderId == userId, cancellationToken)
        || await IsIrTeamAsync(userId, cancellationToken);

    /// <summary>
    /// The usual start of an incident-channel command: the channel's live incident, if the person may lead it;
    /// otherwise why not (<see cref="IncidentLookup.NotAnIncidentChannel"/> or <paramref name="refusal"/>).
    /// </summary>
    public async Task<IncidentCheck> LiveIncidentToLeadAsync(string channelId, string userId, string refusal, CancellationToken cancellationToken)
    {
        var incident = await db.LiveInChannelAsync(channelId, cancellationToken);
        return incident is null ? IncidentCheck.Refused(IncidentLookup.NotAnIncidentChannel)
            : await CanLeadAsync(incident, userId, cancellationToken) ? IncidentCheck.Allowed(incident)
            : IncidentCheck.Refused(refusal);
    }

    /// <summary>As <see cref="LiveIncidentToLeadAsync"/>, for the timeline's writers.</summary>
    public async Task<IncidentCheck> LiveIncidentToWriteTimelineAsync(string channelId, string userId, string refusal, CancellationToken cancellationToken)
    {
        var incident = await db.LiveInChannelAsync(channelId, cancellationToken);
        return incident is null ? IncidentCheck.Refused(IncidentLookup.NotAnIncidentChannel)
            : await CanWriteTimelineAsync(incident, userId, cancellationToken) ? IncidentCheck.Allowed(incident)
            : IncidentCheck.Refused(refusal);
    }
}
