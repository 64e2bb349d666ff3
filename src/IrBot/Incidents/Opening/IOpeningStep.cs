using IrBot.Incidents.Steps;
using IrBot.Data;

namespace IrBot.Incidents.Opening;

/// <summary>One step of opening an incident (see <see cref="IIncidentStep"/> for the rules).</summary>
/// <remarks>
/// Order: channel 20, invite 30, Confluence page 40, TheHive case 45, case on the page 50, topic 60,
/// opening message 70, case link posted 75, requester told 90 (see <see cref="ConfluencePageStep"/> for
/// why the page follows the channel).
/// </remarks>
public interface IOpeningStep : IIncidentStep<OpeningContext>;

public sealed record OpeningContext(Incident Incident, IrBotDbContext Db, OpenIncidentRequest Request);

/// <summary>The saved progress of an opening.</summary>
public sealed class OpeningState : StepRunState;
