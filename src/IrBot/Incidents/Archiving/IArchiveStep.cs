using IrBot.Incidents.Steps;
using IrBot.Data;

namespace IrBot.Incidents.Archiving;

/// <summary>
/// One step of archiving an incident (see <see cref="IIncidentStep"/> for the rules). Features plug their
/// own steps in (tasks: resolve open tasks; timeline: publish a last time).
/// </summary>
/// <remarks>Order: page 10, case 20, tasks 30, timeline 40, page marked resolved 50, closing message 80, channel archived 90.</remarks>
public interface IArchiveStep : IIncidentStep<ArchiveContext>;

public sealed record ArchiveContext(Incident Incident, IrBotDbContext Db, ArchiveIncidentRequest Request);

/// <summary>The saved progress of an archive.</summary>
public sealed class ArchiveState : StepRunState
{
    /// <summary>Whoever asked has been told the archive waits for the opening (tell them once, not at every wait).</summary>
    public bool WaitTold { get; set; }
}
